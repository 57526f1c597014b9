import type { FeaturePack } from './pack.js';

/**
 * Everyday presentations whose chief complaints were not read at all (issue 11, blind round 9): a cold sore, glue
 * ear, mouth ulcers, a basal cell carcinoma, molluscum, Parkinson's disease. Lay phrasings in the project's own words;
 * P(finding | condition) are editorial estimates from the sources named per condition.
 */
export const PACK_D: FeaturePack = {
  name: 'everyday presentations (blind round 9)',
  findings: [
    {
      id: 'sign.resting-tremor',
      label: 'Tremor at rest',
      kind: 'sign',
      phrases: [
        'shakes when resting',
        'shakes when it is resting',
        "shakes when it's resting",
        'shaking at rest',
        'tremor at rest',
        'resting tremor',
        'pill-rolling',
        'pill rolling tremor',
        'hand shakes when resting',
        'shakes when sitting still',
      ],
    },
    {
      id: 'sign.parkinsonian-gait',
      label: 'Slow, shuffling walk; small handwriting; less facial expression',
      kind: 'sign',
      phrases: [
        'shuffling steps',
        'small shuffling steps',
        'shuffling walk',
        'shuffles when walking',
        'handwriting has got smaller',
        'handwriting has become smaller',
        'handwriting got smaller',
        'small handwriting',
        'writing has got smaller',
        'face looks less expressive',
        'less expressive face',
        'mask-like face',
        'expressionless face',
        'slow to get going',
        'freezes in doorways',
      ],
    },
    {
      id: 'sign.pearly-skin-lesion',
      label: "A shiny, pearly skin bump or a sore that won't heal",
      kind: 'sign',
      phrases: [
        "sore that won't heal",
        'sore that will not heal',
        'sore that does not heal',
        "won't heal",
        'never quite heals',
        'never heals',
        'shiny pinkish bump',
        'shiny pink bump',
        'pearly bump',
        'pearly lump',
        'shiny bump',
        'tiny red veins across it',
        'rolled edge',
        'scabs over and bleeds',
      ],
    },
    {
      id: 'sign.umbilicated-papules',
      label: 'Small shiny dome-shaped bumps with a central dent',
      kind: 'sign',
      phrases: [
        'dent in the top',
        'tiny dent',
        'dimple in the middle',
        'dimple in the centre',
        'dimple in the center',
        'shiny skin-coloured domes',
        'pearly domes',
        'small shiny bumps',
        'small pearly bumps',
        'little shiny bumps',
      ],
    },
    {
      id: 'sign.hearing-child-concern',
      label: "A child who does not seem to hear (turns the TV up, doesn't respond)",
      kind: 'sign',
      phrases: [
        "doesn't seem to hear",
        'does not seem to hear',
        'not hearing well',
        'not hearing properly',
        'has the tv up loud',
        'turns the tv up',
        'tv up loud',
        'keeps saying pardon',
        'keeps saying what',
        'speech is behind',
        'speech is delayed',
        'speech delay',
      ],
    },
  ],
  symptomPhrases: {
    'lip-sore': [
      'blisters on lip',
      'blister on lip',
      'cluster of small blisters',
      'small blisters on lip',
      'sore on lip',
      'tingling lip',
      'tingling on lip',
      'tingling on upper lip',
      'lip blisters',
      'crusty sore on lip',
      'blisters at the edge of the lip',
    ],
    'mouth-ulcer': [
      'mouth sores',
      'sores in mouth',
      'sores inside lips',
      'sores inside cheeks',
      'sores inside lips and cheeks',
      'painful sores inside',
      'ulcers inside cheek',
      'ulcers inside lips',
      'canker sores',
      'white sores in mouth',
    ],
    'diminished-hearing': ['hard of hearing', 'hearing has gone down', 'hearing is worse', 'muffled hearing'],
    'skin-growth': [
      'small bumps on skin',
      'bump on face',
      'bump beside nose',
      'bump on nose',
      'growing bump',
    ],
  },
  classicFeatures: {
    // Parkinson's disease: asymmetric resting tremor, bradykinesia (slow shuffling gait, small handwriting, reduced
    // facial expression) (NICE NG71 Parkinson's disease in adults, 2017).
    'parkinson-disease': {
      'sign.resting-tremor': 0.7,
      'sign.parkinsonian-gait': 0.7,
      'abnormal-involuntary-movements': 0.7,
    },
    // Basal cell carcinoma: a slowly growing pearly or shiny nodule with telangiectasia, bleeding and scabbing, not
    // healing (NICE CKS Skin cancer; NICE NG12).
    'skin-cancer': { 'sign.pearly-skin-lesion': 0.7, 'skin-growth': 0.6 },
    'actinic-keratosis': { 'sign.pearly-skin-lesion': 0.1 },
    // Molluscum contagiosum: small firm pearly dome-shaped papules with a central dimple, in children (NICE CKS).
    'molluscum-contagiosum': { 'sign.umbilicated-papules': 0.8 },
    'viral-warts': { 'sign.umbilicated-papules': 0.05 },
    // Herpes labialis: tingling, then a cluster of small blisters at the lip border, recurring (NICE CKS).
    'cold-sore': { 'lip-sore': 0.85 },
    // Hearing loss in a child after ear infections: otitis media with effusion (NICE NG233 / CG60).
    'conductive-hearing-loss': { 'sign.hearing-child-concern': 0.4 },
    'otitis-media-with-effusion': { 'sign.hearing-child-concern': 0.8, 'diminished-hearing': 0.8 },
    // Recurrent aphthous ulcers: small round painful ulcers with a red rim inside lips and cheeks (NICE CKS).
    'aphthous-ulcer': { 'mouth-ulcer': 0.9 },
  },
};
