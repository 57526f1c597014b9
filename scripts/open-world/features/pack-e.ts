import type { FeaturePack } from './pack.js';

/**
 * Chief complaints that were read as nothing at all, so the case was abstained on (issue 11, the blind rounds and
 * the avey file): "difficulty passing stool", "lump on wrist", "poor attention, hyperactivity", "high cholesterol",
 * "repeated checking, intrusive thoughts", "bringing up milk". Own wording; P(finding | condition) are editorial
 * estimates from the sources named per condition.
 */
export const PACK_E: FeaturePack = {
  name: 'chief complaints read as nothing (blind rounds, avey file)',
  findings: [
    {
      id: 'sign.tibial-tuberosity-pain',
      label: 'A painful bump just below the kneecap',
      kind: 'sign',
      phrases: [
        'bump below the kneecap',
        'lump below the kneecap',
        'bump just below the kneecap',
        'lump just below the kneecap',
        'sore bump below the knee',
        'tender bump below the knee',
        'bony lump below the knee',
        'pain just below the kneecap',
        'pain below the kneecap',
        'tender just below the kneecap',
      ],
    },
    {
      id: 'sign.inattention-hyperactivity',
      label: 'Inattention, hyperactivity or impulsiveness',
      kind: 'symptom',
      phrases: [
        'poor attention',
        'difficulty paying attention',
        'trouble paying attention',
        "can't pay attention",
        "can't sit still",
        'cannot sit still',
        'hyperactive',
        'hyperactivity',
        'fidgety',
        'always on the go',
        'easily distracted',
        'impulsive',
        'blurts out answers',
        'never finishes tasks',
        "doesn't finish tasks",
      ],
    },
    {
      id: 'sign.social-communication-difficulty',
      label: 'Difficulty with social communication, repetitive behaviour',
      kind: 'symptom',
      phrases: [
        'not playing with others',
        "doesn't play with other children",
        'does not play with other children',
        'poor eye contact',
        'no eye contact',
        "doesn't make eye contact",
        'repetitive play',
        'lines up toys',
        'lining up toys',
        "doesn't respond to name",
        'does not respond to his name',
        'does not respond to her name',
        'hand flapping',
        'flaps hands',
        'upset by changes in routine',
        'not talking',
      ],
    },
    {
      id: 'sign.high-cholesterol',
      label: 'High cholesterol on a blood test',
      kind: 'lab',
      phrases: [
        'high cholesterol',
        'cholesterol is high',
        'cholesterol was high',
        'cholesterol came back high',
        'raised cholesterol',
        'cholesterol of #',
        'cholesterol level of #',
        'high ldl',
      ],
    },
  ],
  symptomPhrases: {
    'back-pain': ['back ache', 'backache', 'aching back', 'achy back'],
    'diminished-hearing': [
      'hearing problems',
      'problems with hearing',
      'trouble hearing',
      'difficulty hearing',
    ],
    'symptoms-of-bladder': [
      'waterworks',
      'waterworks problems',
      'trouble with waterworks',
      'problems with waterworks',
    ],
    constipation: [
      'difficulty passing stool',
      'difficulty passing stools',
      'difficulty opening bowels',
      'hard to open bowels',
      'struggling to poo',
      'hard poos',
      'poos are hard',
      "can't poo",
      'straining to open bowels',
      'only opens bowels every',
      'goes every few days',
    ],
    'wrist-lump-or-mass': [
      'lump on wrist',
      'lump on the back of the wrist',
      'bump on wrist',
      'swelling on the back of the wrist',
      'lump on the wrist',
    ],
    'back-mass-or-lump': [
      'lump at base of spine',
      'lump at the base of the spine',
      'lump at top of buttocks',
      'lump between buttocks',
      'lump between the buttocks',
      'painful lump at base of spine',
    ],
    'obsessions-and-compulsions': [
      'repeated checking',
      'checking things repeatedly',
      'checks the door',
      'checking the locks',
      'intrusive thoughts',
      'unwanted thoughts',
      'repetitive washing',
      'washes hands repeatedly',
      'washing hands over and over',
      'has to count',
      'rituals',
    ],
    'infant-spitting-up': [
      'bringing up milk',
      'brings up milk',
      'bringing up feeds',
      'brings up feeds',
      'milk comes back up',
      'sicky after feeds',
      'arching back during feeds',
      'arches back during feeds',
      'crying during feeds',
    ],
  },
  classicFeatures: {
    // ADHD: inattention, hyperactivity and impulsivity in more than one setting (NICE NG87).
    'attention-deficit-hyperactivity-disorder-adhd': { 'sign.inattention-hyperactivity': 0.9 },
    anxiety: { 'sign.inattention-hyperactivity': 0.05 },
    // Autism: persistent difficulty with social communication and restricted, repetitive behaviour (NICE CG128).
    autism: { 'sign.social-communication-difficulty': 0.9 },
    // OCD: obsessions (intrusive thoughts) and compulsions (checking, washing, counting) (NICE CG31).
    'obsessive-compulsive-disorder-ocd': { 'obsessions-and-compulsions': 0.9 },
    // A raised cholesterol on a blood test: hypercholesterolaemia, mixed hyperlipidaemia (NICE CG181 / NG238).
    hypercholesterolemia: { 'sign.high-cholesterol': 0.95 },
    hyperlipidemia: { 'sign.high-cholesterol': 0.8 },
    'high-blood-pressure': { 'sign.high-cholesterol': 0.1 },
    // Chronic constipation: hard stools passed with difficulty, infrequently (NICE CKS Constipation).
    'chronic-constipation': { constipation: 0.95 },
    // A ganglion: a smooth lump on the back of the wrist (NICE CKS Ganglion).
    'ganglion-cyst': { 'wrist-lump-or-mass': 0.8 },
    // Pilonidal sinus: a painful lump or discharging pit in the cleft at the top of the buttocks (NICE CKS).
    'pilonidal-cyst': { 'back-mass-or-lump': 0.7 },
    // Reflux in babies: milk brought up after feeds, crying or back-arching during feeds (NICE NG1).
    'gastroesophageal-reflux-disease-gerd': { 'infant-spitting-up': 0.3 },
  },
};
