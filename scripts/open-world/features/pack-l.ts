import type { FeaturePack } from './pack.js';

/**
 * Lay wording that the sixth clinical spot-check (100 held-out presentations) found read as no finding: lice seen in
 * a child's hair, an itchy scalp, a rash between the toes, a twisted ankle in a nurse's shorthand ("twisted R ankle", read as the injury).
 * Own wording; P(finding | condition) are editorial estimates.
 */
export const PACK_L: FeaturePack = {
  name: 'lay wording from the sixth clinical spot-check (audit 6)',
  findings: [
    {
      // Live lice or their eggs seen: the diagnosis of head lice (NICE CKS Head lice: only live lice confirm it).
      id: 'sign.lice-seen',
      label: 'Lice or their eggs seen in the hair',
      kind: 'sign',
      phrases: [
        'live lice',
        'head lice',
        'lice and eggs',
        'lice and nits',
        'found lice',
        'found nits',
        'nits in her hair',
        'nits in his hair',
        'nits in my hair',
        'lice in her hair',
        'lice in his hair',
        'lice in my hair',
        'eggs in her hair',
        'eggs in his hair',
        'lice crawling',
      ],
    },
    {
      // A rash, cracking or peeling between the toes: athlete's foot (NICE CKS Fungal skin infection – foot).
      id: 'sign.toe-web-rash',
      label: 'Rash, cracking or peeling between the toes',
      kind: 'sign',
      phrases: [
        'between toes',
        'between my toes',
        'between his toes',
        'between her toes',
        'between the toes',
        'in between my toes',
        'toe webs',
        'toe web',
      ],
    },
    {
      // Pain or pressure between the shoulder blades: with sweating, sickness or breathlessness, a heart attack told
      // without chest pain (NICE CG95: pain in the chest and/or other areas such as the arms, back or jaw).
      id: 'sign.interscapular-pain',
      label: 'Pain or pressure between the shoulder blades',
      kind: 'symptom',
      phrases: [
        'between the shoulder blades',
        'between my shoulder blades',
        'between his shoulder blades',
        'between her shoulder blades',
        'between shoulder blades',
        'interscapular',
        // As long as the back-pain phrases that hold them (the longest phrase is read).
        ...['pain', 'ache', 'pressure', 'heavy pressure', 'tightness', 'burning'].flatMap((what) =>
          ['the', 'my', 'his', 'her'].map((whose) => `${what} between ${whose} shoulder blades`),
        ),
      ],
    },
    {
      id: 'sign.chewing-everything',
      label: 'Chewing on everything (a baby)',
      kind: 'sign',
      phrases: [
        'chewing everything',
        'chewing on everything',
        'chewing his fists',
        'chewing her fists',
        'gnawing on everything',
      ],
    },
  ],
  findingPhrases: {
    // The same shorthand is the injury too (as "twisted ankle" is both in the editorial tables).
    'sign.trauma': [
      'twisted r ankle',
      'twisted l ankle',
      'twisted rt ankle',
      'twisted lt ankle',
      'inversion injury',
    ],
    // A teenager's text in an asthma attack (audit 7): too breathless to talk, the reliever not working, blue lips.
    'sign.respiratory-distress': [
      "can't say a full sentence",
      'cant say a full sentence',
      "can't even say a full sentence",
      'cant even say a full sentence',
      "can't finish his sentence",
      "can't finish her sentence",
      "couldn't finish his sentence",
      "couldn't finish her sentence",
      "can't get a sentence out",
      "can't talk in full sentences",
      "can't speak in full sentences",
      'can barely breathe',
      'can hardly breathe',
    ],
    'sign.reliever-not-helping': [
      'inhaler like # times',
      'inhaler # times',
      'inhaler is doing nothing',
      'inhaler does nothing',
    ],
    'sign.photophobia': [
      'light hurts it',
      'light hurts',
      'light hurts my eye',
      'light hurts her eye',
      'light hurts his eye',
    ],
    // A teething baby's drool, in a parent's words (audit 7), not a weak urine stream.
    // Quinsy in a patient's words (audit 7).
    'sign.quinsy-features': [
      'can barely open my mouth',
      'barely open my mouth',
      'hardly open my mouth',
      "can't open his mouth",
      "can't open her mouth",
      'hot potato in my mouth',
      'hot potato',
    ],
    'sign.drooling': [
      "can't swallow my own spit",
      "can't swallow my spit",
      "can't swallow his spit",
      "can't swallow her spit",
      "can't swallow saliva",
      "can't swallow my saliva",
      'dribbling loads',
      'dribbling a lot',
      'dribbling lots',
      'dribbling more than usual',
      'lots of dribbling',
    ],
    'sign.cyanosis': [
      'lips look a bit blue',
      'lips look bluish',
      'lips are a bit blue',
      'lips have gone blue',
      'lips went blue',
    ],
  },
  symptomPhrases: {
    // Fixed false beliefs in a relative's words (audit 7): cameras, messages, spying, poison, thoughts read.
    'delusions-or-hallucinations': [
      'cameras in the walls',
      'cameras in the house',
      'put cameras',
      'bugged the house',
      'spying on him',
      'spying on her',
      'spying on me',
      'sending him messages',
      'sending her messages',
      'sending me messages',
      'messages through the tv',
      'reading his thoughts',
      'reading her thoughts',
      'reading my thoughts',
      'putting thoughts in his head',
      'putting thoughts in her head',
      'poisoning his food',
      'poisoning her food',
      'poisoning my food',
      'trying to poison him',
      'trying to poison her',
      'trying to poison me',
    ],
    // A heart attack told by what happened (audit 7): "chest went tight and my jaw ached".
    'chest-tightness': [
      'chest went tight',
      'chest goes tight',
      'chest gets tight',
      'chest got tight',
      'chest felt tight',
    ],
    'jaw-pain': ['jaw ached', 'jaw was aching', 'jaw started aching', 'jaw hurt', 'jaw hurts'],
    // A contact-lens wearer's red, painful eye (audit 7).
    'eye-redness': [
      'eye red',
      'eye went red',
      'eye has gone red',
      'eye looks red',
      'eye is really red',
      'eye is very red',
    ],
    'pain-in-eye': [
      'eye really painful',
      'eye very painful',
      'eye is really painful',
      'eye is very painful',
      'eye red and painful',
      'eye red and really painful',
      'eye red and sore',
      'eye hurts',
      'eye is hurting',
    ],
    'foreign-body-sensation-in-eye': [
      'grit in it',
      'grit in my eye',
      'grit in her eye',
      'grit in his eye',
      'sand in my eye',
    ],
    'diminished-vision': [
      'vision a bit blurry',
      'vision is a bit blurry',
      'vision slightly blurry',
      'vision blurry',
      'vision a bit blurred',
      'vision blurred',
      'sight is blurry',
    ],
    'difficulty-breathing': [
      "can't breathe",
      'cant breathe',
      'cannot breathe',
      "can't breathe properly",
      'cant breathe properly',
      'hard to breathe',
      'struggling for breath',
      'struggling for air',
    ],
    'arm-pain': [
      'arm aches',
      'arm is aching',
      'arm ache',
      'aching arm',
      'arm hurts',
      'arm is hurting',
      'arm feels heavy and aches',
    ],
    'itchy-scalp': [
      'scalp is itchy',
      'scalp is really itchy',
      'scalp is very itchy',
      'scalp is so itchy',
      'itchy head',
      'head is itchy',
      'head is really itchy',
      'scratching her head',
      'scratching his head',
      'scalp itching',
      'scalp keeps itching',
    ],
    'ankle-pain': [
      'went over on her ankle',
      'went over on his ankle',
      'went over my ankle',
      'went over on my foot',
    ],
  },
  classicFeatures: {
    // Teething: drool, chewing, a red cheek (NICE CKS Teething; editorial estimates).
    'teething-syndrome': { 'sign.drooling': 0.6, 'sign.chewing-everything': 0.6 },
    lice: { 'sign.lice-seen': 0.9, 'sx.itchy-scalp': 0.8 },
    'athlete-s-foot': { 'sign.toe-web-rash': 0.8 },
    // Athlete's foot is the usual way in for a leg cellulitis (NICE CKS Cellulitis: treat tinea pedis to prevent it).
    cellulitis: { 'sign.toe-web-rash': 0.3 },
    // Pain between the shoulder blades: a dissection's and a heart attack's site (editorial estimates).
    'aortic-dissection': { 'sign.interscapular-pain': 0.4 },
    'heart-attack': { 'sign.interscapular-pain': 0.1 },
    // … and of a muscular upper back strain, and of biliary pain felt in the back.
    'chronic-back-pain': { 'sign.interscapular-pain': 0.15 },
    'sprain-or-strain': { 'sign.interscapular-pain': 0.1 },
    gallstone: { 'sign.interscapular-pain': 0.1 },
    cholecystitis: { 'sign.interscapular-pain': 0.1 },
  },
};
