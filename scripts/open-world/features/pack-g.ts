import { ADULT, ALL_AGES, type EditorialCondition, OLDER } from '../editorial.js';
import type { FeaturePack } from './pack.js';

/** Age bands <1, 1-4, 5-14, 15-29, 30-44, 45-59, 60-74, 75+: relative odds (the editorial tables' and two more). */
const AGE_ODDS = {
  allAges: ALL_AGES,
  adult: ADULT,
  older: OLDER,
  infant: [6, 0.05, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01],
  childbearing: [0.01, 0.01, 0.05, 2, 1.5, 0.05, 0.01, 0.01],
} as const satisfies Readonly<Record<string, EditorialCondition['ageOdds']>>;
const FEMALE_ONLY = { male: 0.01, female: 1.99 } as const;
const MALE_MOSTLY = { male: 1.8, female: 0.2 } as const;

/**
 * Common conditions of primary care, paediatrics, obstetrics and the emergency department that the knowledge did not
 * hold, found missing (gold diagnosis in no knowledge-base condition, by ICD-10 category or name) in the other-diagnosis
 * and general blind rounds of issue 11: each with its ICD-10-CM code, typical age and sex, and its classic features
 * from the source named beside it. Own wording; prevalences (1 = the median SymCat condition) and P(finding |
 * condition) are editorial estimates.
 */
export const PACK_G: FeaturePack = {
  name: 'common conditions missing from the knowledge (blind rounds, tenth stop)',
  findings: [
    {
      id: 'sign.pulled-arm',
      label: 'Arm pulled or swung (a young child lifted or tugged by the hand or arm)',
      kind: 'history',
      phrases: [
        'pulled up by the arm',
        'pulled him up by the arm',
        'pulled her up by the arm',
        'pulled him up by his hand',
        'pulled her up by her hand',
        'lifted him by the arm',
        'lifted her by the arm',
        'swung him by the arms',
        'swung her by the arms',
        'swinging him by the arms',
        'swinging her by the arms',
        'yanked his arm',
        'yanked her arm',
        'tugged his arm',
        'tugged her arm',
        'tugged on his arm',
        'tugged on her arm',
      ],
    },
    {
      id: 'sign.achilles-snap',
      label: 'A snap or kick felt at the back of the ankle; cannot rise on tiptoe',
      kind: 'symptom',
      phrases: [
        'kicked in the back of the leg',
        'kicked in the back of my leg',
        'kicked in the back of his leg',
        'kicked in the back of her leg',
        'kicked in the heel',
        'kicked in the back of the ankle',
        'hit in the back of the ankle',
        'snap at the back of the ankle',
        'snap at the back of his ankle',
        'snap at the back of her ankle',
        'snap in the back of the heel',
        "can't stand on tiptoe",
        'cannot stand on tiptoe',
        "can't stand on tiptoes",
        "can't push off",
        'cannot push off',
      ],
    },
    {
      id: 'sign.sunburn',
      label: 'Sunburn (red, sore skin after time in the sun)',
      kind: 'history',
      phrases: [
        'sunburn',
        'sunburnt',
        'sunburned',
        'burnt in the sun',
        'burned in the sun',
        'too long in the sun',
        'fell asleep in the sun',
        'out in the sun all day',
      ],
    },
    {
      id: 'sign.ace-inhibitor',
      label: 'Takes an ACE inhibitor (ramipril, lisinopril, enalapril, perindopril)',
      kind: 'history',
      phrases: ['ramipril', 'lisinopril', 'enalapril', 'perindopril', 'captopril', 'ace inhibitor'],
    },
    {
      id: 'sign.forefoot-pebble',
      label: 'Forefoot pain like walking on a pebble, between the toes',
      kind: 'symptom',
      phrases: [
        'walking on a pebble',
        'standing on a pebble',
        'pebble in my shoe',
        'pebble in his shoe',
        'pebble in her shoe',
        'stone in my shoe',
        'stone in her shoe',
        'stone in his shoe',
        'marble under the ball of',
        'between the third and fourth toes',
        'between my third and fourth toes',
        'between her third and fourth toes',
        'between his third and fourth toes',
      ],
    },
    {
      id: 'sign.empty-scrotum',
      label: 'A testicle that cannot be felt in the scrotum',
      kind: 'sign',
      phrases: [
        'only one testicle',
        "can't feel his testicle",
        'cannot feel his testicle',
        "can't feel one of his testicles",
        'cannot feel one of his testicles',
        'testicle is missing',
        'empty scrotum',
        'scrotum is empty',
        'side of his scrotum is empty',
        'testicle has not come down',
        "testicle hasn't come down",
        'testicle not descended',
      ],
    },
    {
      id: 'sign.hip-click',
      label: "A baby's hip that clicks, uneven thigh creases or one leg shorter",
      kind: 'sign',
      phrases: [
        'clicky hip',
        'hip clicks',
        'click in her hip',
        'click in his hip',
        'clunk in her hip',
        'clunk in his hip',
        'uneven skin creases',
        'skin creases are uneven',
        'uneven thigh creases',
        'thigh creases are uneven',
        'one leg looks shorter',
        'one leg is shorter',
        'legs look different lengths',
      ],
    },
    {
      id: 'sign.snake-bite',
      label: 'Bitten by a snake',
      kind: 'history',
      phrases: [
        'bitten by a snake',
        'snake bite',
        'snakebite',
        'a snake bit',
        'bitten by an adder',
        'adder bite',
        'bitten by a viper',
      ],
    },
    {
      id: 'sign.vulval-white-skin',
      label: 'White, thin or shiny skin of the vulva',
      kind: 'sign',
      phrases: [
        'white patches on her vulva',
        'white patches on the vulva',
        'white patches down below',
        'white skin around the vulva',
        'skin down below has gone white',
        'skin down there has gone white',
        'white shiny skin down below',
        'white and shiny down below',
        'white patches around her vagina',
      ],
    },
    {
      id: 'sign.bald-patches',
      label: 'Round, smooth patches of hair loss',
      kind: 'sign',
      phrases: [
        'bald patch',
        'bald patches',
        'round bald',
        'patches of hair loss',
        'patch of hair loss',
        'hair falling out in patches',
        'hair has fallen out in patches',
        'coin-sized bald',
        'smooth bald',
      ],
    },
    {
      id: 'sign.greasy-stools',
      label: 'Greasy, pale, floating or foul-smelling stools, eggy burps',
      kind: 'symptom',
      phrases: [
        'greasy stools',
        'greasy poo',
        'floating stools',
        'stools float',
        'foul-smelling stools',
        'smelly stools',
        'eggy burps',
        'sulphur burps',
        'sulphurous burps',
      ],
    },
    {
      id: 'sign.fasting-jaundice',
      label: 'Eyes go slightly yellow when ill, tired or missing meals, and then clear',
      kind: 'symptom',
      phrases: [
        'yellow when he is ill',
        'yellow when she is ill',
        'yellow when he skips meals',
        'yellow when she skips meals',
        'yellow after fasting',
        'yellow when fasting',
        'yellow when he has a cold',
        'yellow when she has a cold',
        'eyes go yellow when',
        'eyes went a bit yellow when',
        'eyes go a bit yellow',
      ],
    },
  ],
  conditions: [
    // NICE CKS Urinary retention (acute: painful inability to pass urine, a tender palpable bladder; older men with
    // an enlarged prostate; immediate catheterisation).
    {
      id: 'acute-urinary-retention',
      label: 'Acute urinary retention',
      icd10: 'R33.9',
      prevalence: 0.3,
      ageOdds: AGE_ODDS.older,
      sexOdds: MALE_MOSTLY,
      findings: {
        'retention-of-urine': 0.9,
        'lower-abdominal-pain': 0.6,
        'sign.poor-stream': 0.4,
        'sign.incomplete-emptying': 0.3,
        'suprapubic-pain': 0.5,
      },
    },
    // NICE CKS Colic – infantile (a well, thriving baby under 3–4 months crying for hours, often in the evening,
    // drawing up the legs, inconsolable; feeding and weight normal).
    {
      id: 'infantile-colic',
      label: 'Infantile colic',
      icd10: 'R10.83',
      prevalence: 0.5,
      ageOdds: AGE_ODDS.infant,
      findings: { 'irritable-infant': 0.95, 'stomach-bloating': 0.2, flatulence: 0.3 },
    },
    // Pulled elbow (radial head subluxation): a child of 1–4 whose arm was pulled or swung, who holds the arm still
    // and will not use it, little swelling (NICE CKS / RCEM; reduction the same day).
    {
      id: 'pulled-elbow',
      label: 'Pulled elbow (radial head subluxation)',
      icd10: 'S53.033A',
      prevalence: 0.2,
      ageOdds: [0.3, 6, 0.6, 0.01, 0.01, 0.01, 0.01, 0.01],
      findings: { 'sign.pulled-arm': 0.8, 'elbow-pain': 0.4, 'arm-pain': 0.5, 'sign.possible-fracture': 0.3 },
    },
    // NICE CKS Bartholin's cyst and abscess (a painful swelling at the entrance of the vagina, on one side).
    {
      id: 'bartholin-abscess',
      label: "Bartholin's gland abscess",
      icd10: 'N75.1',
      prevalence: 0.2,
      ageOdds: [0.01, 0.01, 0.02, 1.5, 1.3, 0.5, 0.1, 0.05],
      sexOdds: FEMALE_ONLY,
      findings: { 'mass-on-vulva': 0.85, 'vaginal-pain': 0.6, 'sign.skin-abscess': 0.3, fever: 0.15 },
    },
    // NICE CKS Achilles tendinopathy (rupture: a sudden snap or "kick" at the back of the ankle during sport, then
    // weak push-off and unable to rise on tiptoe; same-day orthopaedic referral).
    {
      id: 'achilles-tendon-rupture',
      label: 'Achilles tendon rupture',
      icd10: 'S86.019A',
      prevalence: 0.1,
      ageOdds: [0.01, 0.01, 0.05, 0.8, 1.5, 1.2, 0.6, 0.2],
      sexOdds: { male: 1.6, female: 0.5 },
      findings: {
        'sign.achilles-snap': 0.85,
        'ankle-pain': 0.5,
        'sign.calf-pain': 0.4,
        'sign.limp': 0.4,
        'ankle-swelling': 0.3,
      },
    },
    // NICE NG18 Diabetes (type 1 and type 2) in children and young people: thirst, passing much urine, weight loss
    // and tiredness; same-day referral (ketoacidosis if unwell).
    {
      id: 'type-1-diabetes',
      label: 'Type 1 diabetes',
      icd10: 'E10.9',
      prevalence: 0.2,
      ageOdds: [0.2, 1, 2, 1.5, 0.5, 0.2, 0.1, 0.05],
      findings: {
        thirst: 0.8,
        polyuria: 0.6,
        'frequent-urination': 0.7,
        'recent-weight-loss': 0.6,
        fatigue: 0.6,
        'lab.ketones': 0.3,
      },
    },
    // RCOG Green-top 57 Reduced fetal movements (from 24 weeks: contact the maternity unit the same day).
    {
      id: 'reduced-fetal-movements',
      label: 'Reduced fetal movements',
      icd10: 'O36.8190',
      prevalence: 0.2,
      ageOdds: AGE_ODDS.childbearing,
      sexOdds: FEMALE_ONLY,
      findings: { 'sign.reduced-fetal-movements': 0.95, 'problems-during-pregnancy': 0.3 },
    },
    // NICE NG51 / RCOG Green-top 64b Sepsis following pregnancy (fever, offensive lochia, lower abdominal pain and
    // tenderness, a fast pulse in the weeks after birth).
    {
      id: 'puerperal-sepsis',
      label: 'Puerperal sepsis',
      icd10: 'O85',
      prevalence: 0.05,
      ageOdds: AGE_ODDS.childbearing,
      sexOdds: FEMALE_ONLY,
      findings: {
        fever: 0.9,
        'sign.postpartum-breastfeeding': 0.8,
        'lower-abdominal-pain': 0.6,
        'vaginal-discharge': 0.5,
        'sign.tachycardia': 0.5,
        chills: 0.4,
      },
    },
    // RCOG Green-top 52 Postpartum haemorrhage (secondary: heavy or increasing bleeding from 24 hours to 12 weeks
    // after birth, often with infection).
    {
      id: 'secondary-postpartum-haemorrhage',
      label: 'Secondary postpartum haemorrhage',
      icd10: 'O72.2',
      prevalence: 0.05,
      ageOdds: AGE_ODDS.childbearing,
      sexOdds: FEMALE_ONLY,
      findings: {
        'sign.vaginal-bleeding': 0.8,
        'sign.heavy-bleeding': 0.6,
        'sign.postpartum-breastfeeding': 0.8,
        'lower-abdominal-pain': 0.3,
        fever: 0.2,
      },
    },
    // Gilbert's syndrome (NICE CKS Gilbert's syndrome: mild yellowing of the eyes when ill, fasting or tired, in a
    // young person otherwise well; reassurance).
    {
      id: 'gilberts-syndrome',
      label: "Gilbert's syndrome",
      icd10: 'E80.4',
      prevalence: 0.2,
      ageOdds: [0.05, 0.1, 0.5, 2, 1.2, 0.6, 0.3, 0.2],
      sexOdds: { male: 1.5, female: 0.6 },
      findings: { jaundice: 0.9, 'sign.fasting-jaundice': 0.7, fatigue: 0.2 },
    },
    // NICE CKS Giardiasis (weeks of diarrhoea with bloating, wind, greasy foul-smelling stools and eggy burps, often
    // after travel or a camping trip).
    {
      id: 'giardiasis',
      label: 'Giardiasis',
      icd10: 'A07.1',
      prevalence: 0.15,
      ageOdds: AGE_ODDS.allAges,
      findings: {
        diarrhea: 0.9,
        'stomach-bloating': 0.6,
        flatulence: 0.6,
        'sign.greasy-stools': 0.5,
        'sign.travel': 0.4,
        'recent-weight-loss': 0.3,
        nausea: 0.3,
      },
    },
    // NICE CKS Lichen sclerosus (itchy, sore vulval skin turning white and thin; women after the menopause, girls).
    {
      id: 'lichen-sclerosus',
      label: 'Lichen sclerosus',
      icd10: 'L90.0',
      prevalence: 0.2,
      ageOdds: [0.01, 0.1, 0.3, 0.3, 0.5, 1.3, 1.8, 1.5],
      sexOdds: { male: 0.1, female: 1.9 },
      findings: {
        'vaginal-itching': 0.8,
        'sign.vulval-white-skin': 0.7,
        'pain-during-intercourse': 0.4,
        'vaginal-pain': 0.3,
      },
    },
    // NICE CKS Alopecia areata (round, smooth bald patches, otherwise well).
    {
      id: 'alopecia-areata',
      label: 'Alopecia areata',
      icd10: 'L63.9',
      prevalence: 0.3,
      ageOdds: [0.05, 0.5, 1.2, 1.5, 1.2, 0.8, 0.4, 0.2],
      findings: { 'sign.bald-patches': 0.9, 'too-little-hair': 0.7 },
    },
    // NICE CKS / NHS Sunburn (red, hot, sore skin after the sun; self-care unless blistering widely or unwell).
    {
      id: 'sunburn',
      label: 'Sunburn',
      icd10: 'L55.9',
      prevalence: 0.3,
      ageOdds: AGE_ODDS.allAges,
      findings: { 'sign.sunburn': 0.9, 'skin-rash': 0.4, 'itching-of-skin': 0.2, headache: 0.1 },
    },
    // NICE NG151 Neutropenic sepsis (a fever, or feeling unwell, during chemotherapy: emergency assessment).
    {
      id: 'neutropenic-sepsis',
      label: 'Neutropenic sepsis',
      icd10: 'D70.9',
      prevalence: 0.05,
      ageOdds: AGE_ODDS.adult,
      findings: { fever: 0.9, 'sign.chemotherapy': 0.95, chills: 0.5, fatigue: 0.4, 'sign.tachycardia': 0.4 },
    },
    // NICE CKS Hearing loss in adults (one-sided hearing loss with tinnitus: vestibular schwannoma must be excluded by
    // MRI, a routine referral).
    {
      id: 'vestibular-schwannoma',
      label: 'Vestibular schwannoma (acoustic neuroma)',
      icd10: 'D33.3',
      prevalence: 0.03,
      ageOdds: AGE_ODDS.adult,
      findings: { 'diminished-hearing': 0.9, 'ringing-in-ear': 0.7, dizziness: 0.3 },
    },
    // NICE CKS Morton's neuroma (burning forefoot pain between the third and fourth toes, like walking on a pebble,
    // worse in tight shoes).
    {
      id: 'mortons-neuroma',
      label: "Morton's neuroma",
      icd10: 'G57.60',
      prevalence: 0.1,
      ageOdds: AGE_ODDS.adult,
      sexOdds: { male: 0.4, female: 1.6 },
      findings: { 'foot-or-toe-pain': 0.95, 'sign.forefoot-pebble': 0.7, paresthesia: 0.3 },
    },
    // NICE CKS Hypertension / ACE inhibitors (a dry, tickly cough in up to 1 in 10 taking an ACE inhibitor).
    {
      id: 'ace-inhibitor-cough',
      label: 'Cough caused by an ACE inhibitor',
      icd10: 'T46.4X5A',
      prevalence: 0.1,
      ageOdds: AGE_ODDS.older,
      findings: { cough: 0.95, 'sign.ace-inhibitor': 0.95 },
    },
    // NICE CKS Undescended testes (a testis not in the scrotum: refer by 3 months of age, surgery by 12–18 months).
    {
      id: 'undescended-testis',
      label: 'Undescended testis',
      icd10: 'Q53.9',
      prevalence: 0.1,
      ageOdds: [4, 1.5, 0.3, 0.01, 0.01, 0.01, 0.01, 0.01],
      sexOdds: { male: 1.9, female: 0.01 },
      findings: { 'sign.empty-scrotum': 0.9, 'mass-in-scrotum': 0.1, 'groin-mass': 0.2 },
    },
    // NICE CKS Developmental dysplasia of the hip (a clicking hip or clunk, asymmetrical thigh creases, a shorter leg;
    // a limp in a walking child).
    {
      id: 'developmental-dysplasia-of-the-hip',
      label: 'Developmental dysplasia of the hip',
      icd10: 'Q65.89',
      prevalence: 0.1,
      ageOdds: [4, 1.5, 0.1, 0.01, 0.01, 0.01, 0.01, 0.01],
      sexOdds: { male: 0.4, female: 1.6 },
      findings: { 'sign.hip-click': 0.8, 'sign.limp': 0.3, 'hip-pain': 0.1 },
    },
    // Hepatitis A (NICE CKS / UKHSA: a flu-like start, nausea, then jaundice with dark urine and pale stools, a few
    // weeks after travel or contact; same-day assessment of the jaundice).
    {
      id: 'hepatitis-a',
      label: 'Hepatitis A',
      icd10: 'B15.9',
      prevalence: 0.1,
      ageOdds: AGE_ODDS.allAges,
      findings: {
        jaundice: 0.7,
        nausea: 0.7,
        fatigue: 0.7,
        fever: 0.5,
        vomiting: 0.4,
        'upper-abdominal-pain': 0.4,
        'sign.travel': 0.4,
        'decreased-appetite': 0.6,
      },
    },
    // RCOphth / NICE CKS chemical eye injury (a chemical splashed in the eye: irrigate, then emergency eye care).
    {
      id: 'chemical-eye-injury',
      label: 'Chemical injury of the eye',
      icd10: 'T26.90XA',
      prevalence: 0.05,
      ageOdds: AGE_ODDS.allAges,
      findings: {
        'sign.chemical-eye-injury': 0.95,
        'pain-in-eye': 0.8,
        'eye-redness': 0.6,
        'eye-burns-or-stings': 0.7,
        'diminished-vision': 0.3,
      },
    },
    // TOXBASE / NHS Snake bites (in the UK the adder: pain and swelling spreading from the bite, sometimes vomiting,
    // faintness; emergency department for everyone bitten).
    {
      id: 'snake-bite',
      label: 'Snake bite',
      icd10: 'T63.001A',
      prevalence: 0.02,
      ageOdds: AGE_ODDS.allAges,
      findings: {
        'sign.snake-bite': 0.95,
        'leg-swelling': 0.3,
        'hand-or-finger-swelling': 0.3,
        vomiting: 0.2,
      },
    },
  ],
};
