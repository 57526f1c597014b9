import { describeFeaturePack } from '../../../test/feature-pack-cases.js';

// Feature pack G (scripts/open-world/features/pack-g.ts): conditions the sources lack, and the findings that name them.
describeFeaturePack('pack G', {
  reads: [
    ['She was pulled up by the arm when she tripped.', 'sign.pulled-arm'],
    ['Playing squash he felt like he was kicked in the back of the leg.', 'sign.achilles-snap'],
    ['Badly sunburnt shoulders after a day at the beach.', 'sign.sunburn'],
    ['Takes ramipril for his blood pressure.', 'sign.ace-inhibitor'],
    ['It feels like walking on a pebble.', 'sign.forefoot-pebble'],
    ["The health visitor can't feel his testicle on the left.", 'sign.empty-scrotum'],
    ['The midwife said she has a clicky hip.', 'sign.hip-click'],
    ['He was bitten by an adder on the moor.', 'sign.snake-bite'],
    ['She has round bald patches on her scalp.', 'sign.bald-patches'],
    ['Greasy stools that float and eggy burps.', 'sign.greasy-stools'],
    // Readings added from the avey development file's held-out misses (tenth stop), kept with the pack's tests.
    ['Her vision has been getting worse over the last few months.', 'sx.diminished-vision'],
    ['Difficulty with night vision and with reading.', 'sx.diminished-vision'],
    ['The child has not urinated for the past 12 hours.', 'sx.low-urine-output'],
    ['He lives in a nursing home where other residents had similar episodes.', 'sign.household-itch'],
    // Said of someone else, yet the patient's exposure.
    ['His friend had similar symptoms a few days before him.', 'sign.sick-contacts'],
    ['A swelling at the angle of the jaw on the left.', 'sx.jaw-swelling'],
  ],
  silent: {
    findings:
      /^sign\.(pulled-arm|achilles-snap|sunburn|ace-inhibitor|snake-bite|bald-patches|greasy-stools)$/,
    stories: [
      'He pulled a muscle in his arm at the gym.',
      'A burn from the oven door on her hand.',
      'Her hair is thinning all over since the baby.',
      'Loose stools for two days after a takeaway.',
      'A bite from the dog next door on his hand.',
    ],
  },
  topThree: [
    [
      'Since this afternoon he cannot pass urine at all and has bad pain low in his tummy; for months his stream has been weak.',
      78,
      'male',
      'acute-urinary-retention',
    ],
    [
      'Very thirsty for three weeks, weeing all the time, wetting the bed again and has lost weight; tired.',
      9,
      'male',
      'type-1-diabetes',
    ],
    [
      'She had her baby three days ago; now a high temperature, shivers, lower tummy pain and a smelly discharge from down below.',
      31,
      'female',
      'puerperal-sepsis',
    ],
    [
      'On chemotherapy for breast cancer, last dose a week ago; tonight a temperature of 38.5 and shivers.',
      55,
      'female',
      'neutropenic-sepsis',
    ],
    [
      'A dry tickly cough for two months; started ramipril three months ago; no fever, no breathlessness.',
      66,
      'male',
      'ace-inhibitor-cough',
    ],
  ],
});
