import { describeFeaturePack } from '../../../test/feature-pack-cases.js';

// Feature pack F (scripts/open-world/features/pack-f.ts).
describeFeaturePack('pack F', {
  reads: [
    ['COPD, on prednisolone 10 mg daily for 5 years.', 'sign.long-term-steroids'],
    ['Stabbing pains under the left nipple for a few seconds at a time.', 'sign.fleeting-pain'],
    ['His pee is dark like tea.', 'sx.unusual-color-or-odor-to-urine'],
    ['His stools look pale.', 'sx.changes-in-stool-appearance'],
    ['He is doubled up and cannot keep still with the pain.', 'sign.restless-with-pain'],
    ['A pain in his side that goes down into his groin.', 'sign.loin-to-groin'],
  ],
  silent: {
    findings: /^sign\.(long-term-steroids|fleeting-pain|restless-with-pain|loin-to-groin)$/,
    stories: [
      'Steroid cream for eczema on my hands.',
      'A headache that has lasted all day.',
      'Chest pain for two hours, crushing, going into my left arm.',
      'She used a steroid inhaler as a child.',
      'A lump in the groin that goes away when he lies down.',
    ],
  },
  topThree: [
    [
      'Tired and off my food for a week, now my eyes have turned yellow, my pee is dark like tea and my stools look pale.',
      29,
      'male',
      'viral-hepatitis',
    ],
    [
      'Sudden pain in my right side in waves, going down into my groin, I cannot keep still and my urine is pink.',
      40,
      'male',
      'kidney-stone',
    ],
  ],
});
