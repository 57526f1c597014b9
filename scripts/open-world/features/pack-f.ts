import type { FeaturePack } from './pack.js';

/**
 * Background and timing that change what a complaint means, found missing in the blind rounds of issue 11:
 * long-term oral steroids (a sudden back pain is then a collapsed vertebra until shown otherwise), a pain that lasts
 * only seconds (not a heart's pain), a chemical in the eye, the jaundice of acute viral hepatitis (dark urine, pale stools), and renal
 * colic's restlessness and loin-to-groin pain. Own wording; P(finding |
 * condition) are editorial estimates from the sources named per condition.
 */
export const PACK_F: FeaturePack = {
  name: 'background that changes a complaint (blind rounds, this stop)',
  findings: [
    {
      id: 'sign.long-term-steroids',
      label: 'Takes steroid tablets long term',
      kind: 'history',
      phrases: [
        'long-term steroids',
        'long term steroids',
        'long-term prednisolone',
        'on prednisolone',
        'takes prednisolone',
        'taking prednisolone',
        'on prednisone',
        'takes prednisone',
        'on oral steroids',
        'steroid tablets for years',
        'on steroids for years',
        'daily steroids',
      ],
    },
    {
      id: 'sign.fleeting-pain',
      label: 'Pain that lasts only seconds',
      kind: 'symptom',
      phrases: [
        'for seconds',
        'for a few seconds',
        'lasts seconds',
        'lasts a few seconds',
        'lasting seconds',
        'lasting a few seconds',
        'only lasts a second',
        'for a second or two',
        'fleeting pain',
        'fleeting',
      ],
    },
    {
      // Restless with pain: writhing, unable to keep still (renal colic), unlike the stillness of peritonitis.
      // "Can't sit still" was read as hyperactivity (pack E) before.
      id: 'sign.restless-with-pain',
      label: 'Cannot keep still with the pain',
      kind: 'sign',
      phrases: [
        "can't sit still",
        'cannot sit still',
        'unable to sit still',
        "can't keep still",
        'cannot keep still',
        'unable to keep still',
        "can't get comfortable",
        'cannot get comfortable',
        'rolling around',
        'writhing',
        'pacing',
      ],
    },
    {
      id: 'sign.loin-to-groin',
      label: 'Pain from the side or loin going down to the groin',
      kind: 'symptom',
      phrases: [
        'loin to groin',
        'radiating to the groin',
        'radiates to the groin',
        'goes down to the groin',
        'goes down into his groin',
        'goes down into her groin',
        'goes down into my groin',
        'goes round to his groin',
        'goes round to her groin',
        'goes round to my groin',
        'goes into his groin',
        'goes into her groin',
        'goes into my groin',
        'moves down to the groin',
        'spreads to the groin',
        'down towards the groin',
      ],
    },
    {
      // Eczema herpeticum's monomorphic punched-out erosions (NICE CKS Eczema – atopic: same-day referral).
      id: 'sign.punched-out-sores',
      label: 'Punched-out sores or blisters spreading over eczema',
      kind: 'sign',
      phrases: [
        'punched-out sores',
        'punched out sores',
        'punched-out blisters',
        'punched out blisters',
        'punched-out spots',
        'punched-out erosions',
        'sores spreading over her eczema',
        'sores spreading over his eczema',
        'blisters spreading over her eczema',
        'blisters spreading over his eczema',
      ],
    },
    {
      id: 'sign.chemical-eye-injury',
      label: 'A chemical splashed into the eye',
      kind: 'history',
      phrases: [
        'chemical in eye',
        'chemical in the eye',
        'chemical in his eye',
        'chemical in her eye',
        'chemical in my eye',
        'splashed into his eye',
        'splashed into her eye',
        'splashed into my eye',
        'splashed in his eye',
        'splashed in her eye',
        'splashed in my eye',
        'drain cleaner',
        'oven cleaner',
        'bleach in his eye',
        'bleach in her eye',
        'bleach in my eye',
        'cement in his eye',
        'cement in her eye',
      ],
    },
  ],
  symptomPhrases: {
    'symptoms-of-eye': ['dry eyes', 'eye dryness', 'eyes dryness', 'eyes feel dry', 'dryness of the eyes'],
    'foreign-body-sensation-in-eye': [
      'like a foreign body',
      'something in my eye',
      'something in her eye',
      'something in his eye',
      'something in the eye',
    ],
    'unusual-color-or-odor-to-urine': [
      'pee is dark',
      'wee is dark',
      'urine is dark',
      'dark pee',
      'dark wee',
      'dark like tea',
      'tea-coloured urine',
      'tea coloured urine',
      'urine the colour of tea',
    ],
    'changes-in-stool-appearance': [
      // Mucus in the stool is not sputum ("poos are loose with mucus").
      'loose with mucus',
      'loose with some mucus',
      'mucousy stools',
      'mucousy poos',
      'mucus in the stool',
      'mucus in her poo',
      'mucus in his poo',
      'stools with mucus',
      'poo with mucus',
      'stools look pale',
      'stools are pale',
      'poo is pale',
      'pale poo',
      'pale poos',
      'pale coloured stools',
      'putty-coloured stools',
    ],
  },
  classicFeatures: {
    // Eczema herpeticum is coded here under eczema (no condition of its own in the knowledge).
    eczema: { 'sign.punched-out-sores': 0.05 },
    // Shingles: a burning or tingling pain in one dermatome for days before the blisters (NICE CKS Shingles).
    'shingles-herpes-zoster': { paresthesia: 0.4 },
    // Renal colic: sudden severe loin pain in waves, radiating to the groin, the patient unable to keep still, often
    // with blood in the urine and vomiting (NICE CKS Renal or ureteric colic – acute; EAU urolithiasis guideline).
    'kidney-stone': { 'sign.loin-to-groin': 0.6, 'sign.restless-with-pain': 0.5 },
    // Cluster headache: pacing, restless during attacks (ICHD-3 3.1); biliary colic can make a person restless.
    'cluster-headache': { 'sign.restless-with-pain': 0.5 },
    gallstone: { 'sign.restless-with-pain': 0.1 },
    // Acute viral hepatitis: a prodrome of tiredness, nausea, poor appetite and fever, then jaundice with dark urine
    // and pale stools, and an ache under the right ribs (NICE CKS Hepatitis A; WHO Hepatitis A fact sheet 2023).
    'viral-hepatitis': {
      jaundice: 0.7,
      'unusual-color-or-odor-to-urine': 0.6,
      'changes-in-stool-appearance': 0.3,
      nausea: 0.6,
      'decreased-appetite': 0.6,
      fatigue: 0.7,
      fever: 0.4,
    },
    // Pain of seconds at a time: chest wall pain (precordial catch, Miller & Texidor, JAMA 1955), costochondritis.
    'tietze-syndrome': { 'sign.fleeting-pain': 0.2 },
    costochondritis: { 'sign.fleeting-pain': 0.2 },
    // Glucocorticoid-induced osteoporosis and its vertebral fractures (NICE CKS Osteoporosis – prevention of fragility
    // fractures: oral glucocorticoids for 3 months or more are a risk factor; RCP glucocorticoid guidance 2002).
    'fracture-of-the-vertebra': { 'sign.long-term-steroids': 0.15 },
    osteoporosis: { 'sign.long-term-steroids': 0.15 },
    // Exogenous steroids are the commonest cause of Cushing's syndrome (NICE CKS Cushing's syndrome).
    'cushing-syndrome': { 'sign.long-term-steroids': 0.3 },
  },
};
