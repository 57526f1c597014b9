import type { FeaturePack } from './pack.js';

/**
 * Conditions the clinical spot-checks name again and again that the knowledge lacks, or holds without their classic
 * features (stop 39: an audit of the development notes' top-10 misses by gold ICD-10 category): a fever with no
 * source found (the febrile infant), a bee or wasp sting, status epilepticus, a wrist fracture (distal radius,
 * scaphoid), an unexplained breast lump, cow's milk protein allergy, a skin abscess, suicidal thoughts and self-harm,
 * infection of the womb or of a wound after birth or surgery, and the classic features of alcohol dependence and an
 * opioid overdose. Own wording; P(finding | condition) and prevalences are editorial estimates, the guidance cited
 * beside each.
 */
export const PACK_T: FeaturePack = {
  name: 'conditions the spot-checks name that the knowledge lacked (stop 39 audit of top-10 misses)',
  findings: [
    {
      // Eczema's places: the creases of the elbows and knees (NICE CG57 Atopic eczema in under 12s: flexural
      // involvement is a diagnostic criterion).
      id: 'sign.flexural-rash',
      label: 'Rash in the creases of the elbows or behind the knees',
      kind: 'sign',
      phrases: [
        'creases of his elbows',
        'creases of her elbows',
        'creases of my elbows',
        'creases of elbows',
        'creases of the elbows',
        'elbow creases',
        'inside of her elbows',
        'inside of his elbows',
        'inside of my elbows',
        'inside of the elbows',
        'behind his knees',
        'behind her knees',
        'behind my knees',
        'behind the knees',
        'behind knees',
        'in the skin creases',
      ],
    },
    {
      // Otitis externa's signs (NICE CKS Otitis externa): pain on moving the ear or pressing the tragus, after
      // swimming.
      id: 'sign.tragus-pain',
      label: 'Ear pain on pulling the ear or pressing the flap in front',
      kind: 'sign',
      phrases: [
        'when he pulls the ear',
        'when she pulls the ear',
        'when i pull my ear',
        'when he pulls his ear',
        'when she pulls her ear',
        'pulls his earlobe',
        'pulls her earlobe',
        'pull my earlobe',
        'pushes the flap in front',
        'press the flap in front',
        'pressing the flap in front',
        'hurts to touch my ear',
        'hurts to touch her ear',
        'hurts to touch his ear',
        'tender to touch the ear',
      ],
    },
    {
      id: 'sign.swimming',
      label: 'Swimming often or recently',
      kind: 'history',
      phrases: [
        'swimming every day',
        'swam every day',
        'after swimming',
        'swimming lessons',
        'been swimming',
        'goes swimming',
        'swims regularly',
        'swimming pool',
      ],
    },
    {
      // A panic attack (NICE CG113): a surge of fear peaking within minutes, pounding heart, breathlessness, tingling,
      // fear of dying.
      id: 'sign.panic-features',
      label: 'Attacks of sudden intense fear peaking within minutes',
      kind: 'sign',
      phrases: [
        'terrified he is going to die',
        'terrified she is going to die',
        "terrified i'm going to die",
        'feel like i am going to die',
        "feel like i'm going to die",
        'sense of doom',
        'panic attack',
        'panic attacks',
        'peak within 10 minutes',
        'peaks within minutes',
        'fingers tingle',
        'tingling in my fingers',
      ],
    },
    {
      // The pain of endometriosis on opening the bowels during a period (NICE NG73 Endometriosis, 2017).
      id: 'sign.dyschezia',
      label: 'Pain opening the bowels during periods',
      kind: 'symptom',
      phrases: [
        'pain opening her bowels',
        'pain opening his bowels',
        'pain opening my bowels',
        'pain opening the bowels',
        'painful bowel movements during',
        'hurts to open my bowels',
        'pain on opening bowels',
      ],
    },
    {
      // A toddler with few or no words for their age (NICE CKS; the health visitor's 2-year review).
      id: 'sign.speech-delay',
      label: 'Few or no words for their age',
      kind: 'sign',
      phrases: [
        'not saying any words',
        'not saying words',
        'no words yet',
        'only says a few words',
        'only says two words',
        'only says mama',
        'only a few words',
        'not talking yet',
        'no real words',
        'hard to understand his speech',
        'hard to understand her speech',
        'speech and language delay',
      ],
    },
    {
      // Lithium taken: its toxicity is one of the dangers its tremor, sickness or confusion may mean.
      id: 'sign.on-lithium',
      label: 'Takes lithium',
      kind: 'history',
      phrases: ['lithium', 'priadel', 'lithium carbonate', 'on lithium'],
    },
    {
      // A seizure of 5 minutes or more, or seizures one after another without waking (NICE NG217 Epilepsies, 2022:
      // status epilepticus; emergency treatment at 5 minutes).
      id: 'sign.prolonged-seizure',
      label: 'A seizure lasting 5 minutes or more, or one after another without waking',
      kind: 'sign',
      phrases: [
        'still fitting',
        'still seizing',
        'still having a seizure',
        "won't stop fitting",
        'not stopped fitting',
        "hasn't stopped fitting",
        'has not stopped fitting',
        'fitting for over 5 minutes',
        'fitting for more than 5 minutes',
        'seizure lasting more than 5 minutes',
        'seizure has lasted',
        'one seizure after another',
        'seizures one after another',
        'another seizure without waking',
        'not woken up between',
        "hasn't woken up between",
        'without coming round between',
        'fitting for # minutes',
        'been fitting for # minutes',
        'seizing for # minutes',
        'seizure for # minutes',
        'still jerking',
        'buccal midazolam',
        'midazolam given',
        'rescue medication given',
      ],
    },
    {
      // The opioid toxidrome: small pupils, slow or shallow breathing, drowsy or unrousable (WHO Community management
      // of opioid overdose, 2014).
      id: 'sign.opioid-toxidrome',
      label: 'Pinpoint pupils or slow breathing (an opioid overdose)',
      kind: 'sign',
      phrases: [
        'pinpoint pupils',
        'pin-point pupils',
        'tiny pupils',
        'pupils are tiny',
        'pupils like pinpoints',
        'pupils are pinpoint',
        'breathing very slowly',
        'breathing slowly',
        'slow shallow breathing',
        'shallow slow breathing',
        'heroin',
        'methadone',
        'fentanyl',
        'naloxone',
      ],
    },
    {
      // A fall on the outstretched hand: the wrist fractures' mechanism (NICE CKS Fractures – wrist; scaphoid).
      id: 'sign.fall-on-outstretched-hand',
      label: 'A fall on the outstretched hand',
      kind: 'history',
      phrases: [
        'foosh',
        'fell on an outstretched hand',
        'fell onto an outstretched hand',
        'fell onto her outstretched hand',
        'fell onto his outstretched hand',
        'fell onto my outstretched hand',
        'fell on her outstretched hand',
        'fell on his outstretched hand',
        'fell on my outstretched hand',
        'landed on an outstretched hand',
        'on outstretched hand',
        'onto outstretched hand',
        'on outstretched hands',
        'onto outstretched hands',
        'on outstretched arm',
        'onto outstretched arm',
        'onto her outstretched arm',
        'onto his outstretched arm',
        'put her hand out to break',
        'put his hand out to break',
        'put my hand out to break',
        'put her hands out to break',
        'put his hands out to break',
        'put my hands out to break',
        'landed on her hand',
        'landed on his hand',
        'landed on my hand',
        'landed on her wrist',
        'landed on his wrist',
        'landed on my wrist',
        'fell onto her wrist',
        'fell onto his wrist',
        'fell onto my wrist',
      ],
    },
    {
      // A wrist bent like a dinner fork after a fall: a displaced distal radius fracture (NICE NG38 Fractures).
      id: 'sign.wrist-deformity',
      label: 'Wrist deformity after a fall',
      kind: 'sign',
      phrases: ['dinner fork', 'wrist looks bent', 'wrist is bent', 'wrist deformity', 'deformed wrist'],
    },
    {
      // Lochia that smells or a womb that is tender after a birth: endometritis (NICE NG194 Postnatal care; RCOG
      // Green-top 64b).
      id: 'sign.offensive-lochia',
      label: 'Smelly discharge (lochia) or a tender womb after a birth',
      kind: 'sign',
      phrases: [
        'offensive lochia',
        'smelly lochia',
        'lochia smells',
        'foul-smelling lochia',
        'foul smelling lochia',
        'discharge smells since the birth',
        'smelly discharge since the birth',
        'smelly discharge since giving birth',
        'bleeding smells',
        'tender womb',
        'uterine tenderness',
      ],
    },
    {
      // Drinking on waking, or to stop the shakes: dependence (NICE CG115 Alcohol-use disorders; the AUDIT and CAGE
      // "eye-opener").
      id: 'sign.morning-drinking',
      label: 'Drinks on waking or to stop the shakes (alcohol dependence)',
      kind: 'history',
      phrases: [
        'drink in the morning',
        'drinks in the morning',
        'drinking in the morning',
        'first thing in the morning to stop',
        'needs a drink first thing',
        'need a drink first thing',
        'eye-opener',
        'eye opener',
        'to stop the shakes',
        'shakes in the morning',
        'gets the shakes',
        "can't stop drinking",
        'cannot stop drinking',
        'tried to cut down',
      ],
    },
  ],
  symptomPhrases: {
    'anxiety-and-nervousness': [
      'worrying about everything',
      'worrying about almost everything',
      'worries about everything',
      "can't switch off",
      'cannot switch off',
      'feels on edge',
      'feeling on edge',
      'constant worry',
      'constantly worrying',
    ],
  },
  findingPhrases: {
    // The major features of NICE NG12's weighted 7-point checklist (a change in size, shape or colour), told apart
    // from the word "mole" ("a mole my wife says has got bigger and darker, edges uneven").
    'sign.changing-mole': [
      'got bigger and darker',
      'bigger and darker',
      'darker and bigger',
      'getting bigger and darker',
      'edges look uneven',
      'edge looks uneven',
      'edge looks ragged',
      'edges look ragged',
      'uneven edges',
      'ragged edge',
      'irregular edge',
      'irregular edges',
      'irregular border',
      'mole is getting bigger',
      'mole getting bigger',
      'mole has changed colour',
      'mole has changed shape',
      'several colours',
      'different colours in it',
    ],
    // Anorexia nervosa's words (NICE NG69 Eating disorders, 2017).
    'sign.restrictive-eating': [
      'scared of getting fat',
      'afraid of getting fat',
      'terrified of gaining weight',
      'counts calories',
      'counting calories',
      'skipping meals',
      'skips meals',
      'hiding food',
      'barely eating',
      'exercising excessively',
      'exercises for hours',
      'obsessed with her weight',
      'obsessed with his weight',
      'thinks he is fat',
      'says she is fat',
      'says he is fat',
    ],
    'sign.silvery-plaques': [
      'silvery-white scales',
      'silvery white scales',
      'silvery flaky scale',
      'flaky silvery',
      'silvery flaky',
      'pits in his fingernails',
      'pits in her fingernails',
      'pitted nails',
      'nail pitting',
      'on his elbows and knees',
      'on her elbows and knees',
      'on my elbows and knees',
    ],
    'sign.insect-sting': [
      'bee stung',
      'wasp stung',
      'stung by',
      'got stung',
      'been stung',
      'was stung',
      'stung on',
      'stung her',
      'stung him',
      'stung me',
    ],
    'sign.snake-bite': ['by a snake', 'bitten by an adder', 'an adder', 'adder'],
    'lab.raised-lft': [
      'fatty liver',
      'fat in the liver',
      'fatty changes in the liver',
      'liver tests were abnormal',
    ],
  },
  classicFeatures: {
    // NICE CG57: an itchy skin condition with flexural involvement, dry skin, worse at night.
    eczema: {
      'sign.flexural-rash': 0.6,
      'itching-of-skin': 0.9,
      'skin-dryness-peeling-scaliness-or-roughness': 0.7,
      'sign.itch-worse-at-night': 0.3,
    },
    // NICE CKS Otitis externa.
    'otitis-externa-swimmer-s-ear': {
      'sign.tragus-pain': 0.6,
      'sign.swimming': 0.4,
      'itchy-ear-s': 0.5,
      'fluid-in-ear': 0.5,
    },
    // NICE CG113 Panic disorder: recurrent unexpected attacks.
    'panic-disorder': { 'sign.panic-features': 0.8, palpitations: 0.6, paresthesia: 0.3 },
    'panic-attack': { 'sign.panic-features': 0.8 },
    // NICE CKS Generalized anxiety disorder: excessive worry about many things, on edge, poor sleep.
    anxiety: { 'anxiety-and-nervousness': 0.95, insomnia: 0.4 },
    // NICE NG73 Endometriosis: painful periods, deep pain during sex, pain opening the bowels, subfertility.
    endometriosis: {
      'painful-menstruation': 0.85,
      'pain-during-intercourse': 0.6,
      'sign.dyschezia': 0.3,
      infertility: 0.35,
      'pelvic-pain': 0.7,
    },
    // NICE NG88 Heavy menstrual bleeding: fibroids bring heavy periods, pressure on the bladder, a swollen abdomen.
    'uterine-fibroids': {
      'heavy-menstrual-flow': 0.8,
      'frequent-urination': 0.3,
      'swollen-abdomen': 0.25,
      fatigue: 0.3,
    },
    // NICE CKS Common cold: sneezing with the runny nose and sore throat.
    'common-cold': { sneezing: 0.5 },
    // Anorexia nervosa (NICE NG69): restriction, weight loss, periods stopping, a low BMI; SymCat's eating
    // disorder list lacks the weight loss and the periods.
    'eating-disorder': {
      'recent-weight-loss': 0.8,
      'absence-of-menstruation': 0.4,
      'sign.restrictive-eating': 0.8,
    },
    // Non-alcoholic fatty liver disease (NICE NG49, 2016): usually found on a scan or liver tests, with obesity and
    // type 2 diabetes; few symptoms.
    'nonalcoholic-liver-disease-nash': { 'lab.raised-lft': 0.8, 'sign.diabetes-history': 0.3, fatigue: 0.3 },
    // Melanoma: the changing mole (NICE NG12).
    melanoma: { 'skin-moles': 0.8 },
    // Opioid poisoning (WHO 2014): the toxidrome, drowsiness to unrousable, a known opioid or a found packet.
    'poisoning-due-to-opioids': {
      'sign.opioid-toxidrome': 0.8,
      'sign.altered-consciousness': 0.7,
      'drug-abuse': 0.5,
      'sign.overdose': 0.4,
    },
    // Alcohol dependence (NICE CG115): drinking on waking, the shakes, failed attempts to cut down.
    'alcohol-abuse': { 'sign.morning-drinking': 0.5, 'abusing-alcohol': 0.9, 'sign.stopped-drinking': 0.15 },
  },
  conditions: [
    {
      // NICE CKS Undescended testes: a testis not in the scrotum; routine referral by 3 months of age, surgery by
      // 18 months.
      id: 'undescended-testicle',
      label: 'Undescended testicle',
      icd10: 'Q53.9',
      prevalence: 0.15,
      ageOdds: [6, 2, 0.5, 0.05, 0.01, 0.01, 0.01, 0.01],
      sexOdds: { male: 2, female: 0 },
      findings: { 'sign.empty-scrotum': 0.95 },
    },
    {
      // NICE CKS (speech and language delay, via hearing and development reviews): a toddler not talking or with few
      // words for their age: a hearing test and speech and language therapy, routine.
      id: 'speech-and-language-delay',
      label: 'Speech and language delay',
      icd10: 'F80.9',
      prevalence: 0.2,
      ageOdds: [0.2, 6, 1, 0.01, 0.01, 0.01, 0.01, 0.01],
      sexOdds: { male: 1.3, female: 0.7 },
      findings: { 'sign.speech-delay': 0.95, 'sign.hearing-child-concern': 0.2 },
    },
    {
      // Lithium toxicity (NICE CG185; MHRA): tremor becoming coarse, diarrhoea and vomiting, unsteadiness, confusion
      // in someone on lithium, often after dehydration or a new ACE inhibitor, diuretic or NSAID: emergency care.
      id: 'lithium-toxicity',
      label: 'Lithium toxicity',
      icd10: 'T56.891A',
      prevalence: 0.05,
      ageOdds: [0.01, 0.01, 0.05, 0.8, 1, 1.2, 1.4, 1.4],
      findings: {
        'sign.on-lithium': 0.95,
        'abnormal-involuntary-movements': 0.6,
        vomiting: 0.5,
        diarrhea: 0.5,
        'sign.altered-consciousness': 0.5,
        'problems-with-movement': 0.4,
      },
    },
    {
      // NICE NG143 Fever in under 5s: a fever with no focus found is assessed by the traffic-light signs; in babies
      // under 3 months it is a red feature (a urine test and often admission). Adults: NICE CKS Fever.
      id: 'fever-without-source',
      label: 'Fever without an obvious source',
      icd10: 'R50.9',
      prevalence: 0.6,
      ageOdds: [4, 2.5, 1, 0.4, 0.3, 0.3, 0.4, 0.6],
      findings: {
        fever: 0.99,
        'irritable-infant': 0.3,
        'decreased-appetite': 0.3,
        'infant-feeding-problem': 0.3,
        vomiting: 0.15,
        fatigue: 0.2,
      },
    },
    {
      // NICE CKS Insect bites and stings: a local reaction to a bee or wasp sting (swelling, redness, pain) is cared
      // for at home; anaphylaxis is an emergency (its own rules).
      id: 'insect-sting',
      label: 'Bee or wasp sting',
      icd10: 'T63.461A',
      prevalence: 0.5,
      ageOdds: [0.5, 1.2, 1.5, 1, 1, 1, 0.8, 0.6],
      findings: { 'sign.insect-sting': 0.95, 'skin-swelling': 0.6, 'itching-of-skin': 0.3, 'skin-rash': 0.3 },
    },
    {
      // NICE NG217 Epilepsies (2022): a generalised seizure of 5 minutes or more, or repeated seizures without
      // recovery, is status epilepticus: emergency treatment.
      id: 'status-epilepticus',
      // ICD-10-CM codes status epilepticus within G40 (WHO ICD-10: G41).
      label: 'Status epilepticus',
      icd10: 'G40.901',
      prevalence: 0.1,
      ageOdds: [1.5, 1.5, 1, 0.8, 0.8, 0.8, 1, 1.2],
      findings: {
        'sign.prolonged-seizure': 0.9,
        seizures: 0.95,
        'sign.altered-consciousness': 0.8,
        'sign.known-epilepsy': 0.5,
      },
    },
    {
      // NICE NG38 Fractures (non-complex) and NICE CKS: a fall on the outstretched hand in an older woman with
      // osteoporosis; a dinner-fork deformity; same-day X-ray.
      id: 'distal-radius-fracture',
      label: 'Broken wrist (distal radius fracture)',
      icd10: 'S52.509A',
      prevalence: 0.4,
      ageOdds: [0.1, 0.8, 1.5, 0.6, 0.6, 1, 1.8, 2],
      sexOdds: { male: 0.6, female: 1.4 },
      findings: {
        'sign.fall-on-outstretched-hand': 0.7,
        'wrist-pain': 0.95,
        'wrist-swelling': 0.7,
        'sign.wrist-deformity': 0.4,
        'sign.possible-fracture': 0.6,
        'sign.trauma': 0.9,
      },
    },
    {
      // NICE CKS / RCEM: a fall on the outstretched hand in a young adult, pain at the thumb side of the wrist and
      // anatomical snuffbox tenderness: treated as a scaphoid fracture (splint, X-ray, fracture clinic) even with a
      // normal first X-ray.
      id: 'scaphoid-fracture',
      label: 'Broken scaphoid (wrist bone at the base of the thumb)',
      icd10: 'S62.009A',
      prevalence: 0.2,
      ageOdds: [0.01, 0.05, 0.8, 2.5, 1.5, 0.8, 0.5, 0.3],
      sexOdds: { male: 1.5, female: 0.6 },
      findings: {
        'sign.fall-on-outstretched-hand': 0.7,
        'wrist-pain': 0.95,
        'sign.thumb-side-wrist-pain': 0.7,
        'wrist-swelling': 0.4,
        'sign.possible-fracture': 0.5,
        'sign.trauma': 0.9,
      },
    },
    {
      // NICE NG12 Suspected cancer (2015, updated 2023): an unexplained breast lump from 30 years is referred on the
      // suspected-cancer pathway; most are benign (fibroadenoma, cyst), the diagnosis comes from triple assessment.
      id: 'breast-lump-unexplained',
      label: 'Breast lump needing assessment (cause not yet known)',
      icd10: 'N63.0',
      prevalence: 0.6,
      ageOdds: [0.01, 0.01, 0.05, 0.6, 1.2, 1.4, 1.3, 1],
      sexOdds: { male: 0.05, female: 1.95 },
      findings: { 'lump-or-mass-of-breast': 0.95, 'pain-or-soreness-of-breast': 0.2 },
    },
    {
      // NICE CKS Cow's milk allergy in children (non-IgE): a baby's reflux, colic, loose or mucousy stools, eczema
      // and faltering growth, better off cow's milk; routine care with a dietitian.
      id: 'cows-milk-protein-allergy',
      label: "Cow's milk protein allergy",
      icd10: 'K52.29',
      prevalence: 0.3,
      ageOdds: [8, 1, 0.02, 0.01, 0.01, 0.01, 0.01, 0.01],
      findings: {
        'infant-spitting-up': 0.5,
        'irritable-infant': 0.6,
        diarrhea: 0.4,
        'changes-in-stool-appearance': 0.4,
        'blood-in-stool': 0.2,
        'skin-rash': 0.4,
        vomiting: 0.3,
        'lack-of-growth': 0.2,
        'sign.drawing-legs-up': 0.3,
      },
    },
    {
      // NICE CKS Boils, carbuncles and staphylococcal carriage; skin abscess: incision and drainage when fluctuant,
      // the same day when large, spreading or with fever.
      id: 'skin-abscess',
      label: 'Skin abscess or boil',
      icd10: 'L02.91',
      prevalence: 0.6,
      ageOdds: [0.4, 0.6, 0.8, 1.3, 1.2, 1, 0.9, 0.8],
      findings: { 'sign.skin-abscess': 0.9, 'skin-swelling': 0.6, 'skin-pain': 0.5, fever: 0.15 },
    },
    {
      // NICE NG225 Self-harm (2022) and NICE CKS Suicide risk: thoughts of ending one's life are assessed for
      // plans, intent and safety the same day (immediately with a plan or intent).
      id: 'suicidal-thoughts',
      label: 'Suicidal thoughts',
      icd10: 'R45.851',
      prevalence: 0.4,
      ageOdds: [0.001, 0.001, 0.4, 1.6, 1.2, 1, 0.8, 0.8],
      findings: {
        'sign.suicidal-thoughts': 0.95,
        'sign.suicide-plan': 0.3,
        depression: 0.6,
        'sign.overdose': 0.1,
      },
    },
    {
      // NICE NG225 Self-harm (2022): every act of self-harm gets a psychosocial assessment; wounds treated.
      id: 'self-harm',
      // ICD-10-CM's release here has no R45.88 (nonsuicidal self-harm): the act's external-cause code.
      label: 'Self-harm',
      icd10: 'X78.9XXA',
      prevalence: 0.3,
      ageOdds: [0.001, 0.001, 0.6, 2, 1, 0.6, 0.4, 0.3],
      findings: {
        'sign.suicidal-thoughts': 0.9,
        'sign.laceration': 0.4,
        depression: 0.4,
        'sign.overdose': 0.2,
      },
    },
    {
      // NICE NG194 Postnatal care (2021) and NG51 Sepsis: fever, lower abdominal pain, a tender womb and smelly
      // lochia after a birth (more after a caesarean): same-day assessment, emergency care with signs of sepsis.
      id: 'postpartum-endometritis',
      label: 'Womb infection after giving birth (endometritis)',
      icd10: 'O86.12',
      prevalence: 0.1,
      ageOdds: [0, 0, 0.01, 1.5, 1.5, 0.05, 0, 0],
      sexOdds: { male: 0, female: 2 },
      findings: {
        'sign.postpartum-breastfeeding': 0.8,
        'sign.recent-surgery-or-birth': 0.6,
        fever: 0.85,
        'lower-abdominal-pain': 0.7,
        'sign.offensive-lochia': 0.6,
        'vaginal-discharge': 0.4,
      },
    },
    {
      // NICE NG125 Surgical site infections (2019): redness, swelling, pus or a wound opening in the days to weeks
      // after an operation: same-day review.
      id: 'surgical-site-infection',
      label: 'Wound infection after an operation',
      icd10: 'T81.41XA',
      prevalence: 0.2,
      ageOdds: [0.2, 0.3, 0.5, 0.8, 1, 1.2, 1.4, 1.4],
      findings: {
        'sign.recent-surgery-or-birth': 0.9,
        'sign.skin-abscess': 0.8,
        'skin-swelling': 0.4,
        fever: 0.3,
        'skin-pain': 0.4,
      },
    },
  ],
};
