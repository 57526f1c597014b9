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
  ],
  findingPhrases: {
    // The same shorthand is the injury too (as "twisted ankle" is both in the editorial tables).
    'sign.trauma': ['inversion injury'],
  },
  symptomPhrases: {
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
