import { describe, expect, it } from 'vitest';
import { describeFeaturePack } from '../../../test/feature-pack-cases.js';
import { textDiagnoser } from './diagnose-text.js';

// Feature pack K (scripts/open-world/features/pack-k.ts): the fourth clinical spot-check's wordings read as the
// findings the triage rules use. A baby's red-jelly nappy is checked below (the pack's reads are an adult woman's).
describeFeaturePack('pack K', {
  reads: [
    ['Came off my bike and there is bone sticking out of my shin.', 'sign.open-fracture'],
    ['I can see the bone.', 'sign.open-fracture'],
    ['Compound fracture of my leg.', 'sign.open-fracture'],
    ["I fell on my wrist and I think it's broken.", 'sign.possible-fracture'],
    ['Her right leg looks shorter and turned out.', 'sign.possible-fracture'],
    ['Mum has fallen at home, she cannot get up.', 'sign.trauma'],
    ["She can't get up off the floor.", 'sign.unable-to-bear-weight'],
    [
      'The whole family have got headaches and we feel better when we go out.',
      'sign.carbon-monoxide-exposure',
    ],
    ['Headaches at home only, and the boiler has been playing up.', 'sign.carbon-monoxide-exposure'],
    ['We have an old gas fire.', 'sign.carbon-monoxide-exposure'],
    ['A heavy pressure between my shoulder blades.', 'sign.interscapular-pain'],
    ['My belly is rigid like a board.', 'sign.rebound-tenderness'],
    ['I am lying completely still, my tummy is rigid.', 'sign.rebound-tenderness'],
    ['Sudden severe pain all over my stomach.', 'sx.sharp-abdominal-pain'],
    ["I can't feel my bum when I wipe.", 'sign.saddle-anaesthesia'],
    ['Numb down below since this morning.', 'sign.saddle-anaesthesia'],
    ['Painful blisters on one side of my forehead.', 'sign.facial-shingles'],
    ['Blisters on the tip of my nose.', 'sign.facial-shingles'],
    ['A rash on my forehead and my eye is sore.', 'sx.pain-in-eye'],
    ['Hearing muffled in one ear.', 'sx.diminished-hearing'],
    ['My ear is blocked.', 'sx.plugged-feeling-in-ear'],
    ['A deep gash on my leg that will not stop bleeding.', 'sign.laceration'],
    ['A wound on my arm that will not stop bleeding.', 'sign.bleeding-not-stopping'],
    ['I am hearing voices telling me to hurt people.', 'sign.risk-to-others'],
    ['I am hearing voices telling me to hurt people.', 'sign.hallucinations'],
    ['He is carrying a knife and threatening to kill people.', 'sign.risk-to-others'],
    ['Got bitten by something in the garden, a little red itchy lump.', 'sign.insect-bite'],
    ['Three weeks after my knee op my calf has been sore.', 'sign.calf-pain'],
    ['Three weeks after my knee op my calf has been sore.', 'sign.recent-surgery-or-birth'],
    ['His words are coming out all jumbled.', 'sx.difficulty-speaking'],
  ],
  silent: {
    findings:
      /^sign\.(risk-to-others|insect-bite|carbon-monoxide-exposure|rebound-tenderness|saddle-anaesthesia|facial-shingles|possible-fracture|unable-to-bear-weight)$|^sx\.plugged-feeling-in-ear$/,
    stories: [
      // Intrusive thoughts of harm are no risk to others; a kitchen knife is no weapon.
      'I keep worrying that I might hurt someone, the thoughts are horrible.',
      'Cut my hand on a kitchen knife while cooking.',
      'Hearing voices telling me to kill myself.',
      'My back hurts to move at all since lifting a box.',
      'Stomach cramps and a lot of gas.',
      'Painful blisters on my penis.',
      'My nose feels blocked and runny.',
      'One leg is shorter than the other since childhood.',
      "I get breathless and can't get up the stairs any more.",
      "So tired I can't get up in the morning.",
      'Went to see the bone doctor about my knee.',
      'A rash on my arm after being out in the sun.',
    ],
  },
  topThree: [
    [
      'whole family have got headaches and feel sick and dizzy, we all feel better when we go out, the boilers been playing up',
      35,
      'female',
      'carbon-monoxide-poisoning',
    ],
    [
      'had back pain for a week, now i cant feel my bum when i wipe, wet myself this morning',
      45,
      'male',
      'cauda-equina-syndrome',
    ],
    [
      'painful blistery rash on one side of my forehead going down to the tip of my nose, eye on that side getting sore',
      71,
      'female',
      'shingles-herpes-zoster',
    ],
    ['got bitten by something in the garden, little red itchy lump on my arm', 30, 'female', 'insect-bite'],
    [
      'fallen at home, right leg looks shorter and turned out, severe hip pain',
      88,
      'female',
      'fracture-of-the-hip',
    ],
    [
      'my brother is hearing voices telling him to hurt people and is carrying a knife',
      25,
      'male',
      'schizophrenia',
    ],
    [
      'hearing muffled in one ear for a couple of weeks, ear feels blocked, no pain',
      60,
      'male',
      'ear-wax-impaction',
    ],
  ],
});

describe('triage of the fourth spot-check (pack K)', () => {
  const diagnoser = textDiagnoser();
  it.each([
    // A baby's red-jelly nappy: intussusception.
    [
      'My son is 10 months old. He keeps screaming and pulling his legs up, and just did a nappy with red jelly looking stuff in it',
      undefined,
      'emergency',
    ],
    // A belly rigid like a board: peritonism.
    ['sudden severe pain all over my stomach, my belly is rigid like a board', 50, 'emergency'],
    // Saddle anaesthesia in a patient's words: cauda equina.
    ['had back pain for a week, now i cant feel my bum when i wipe', 45, 'emergency'],
    // A family's headaches that lift out of the house, and a boiler: carbon monoxide.
    [
      'whole family have got headaches and feel sick and dizzy, we all feel better when we go out, the boilers been playing up',
      35,
      'emergency',
    ],
    // Blisters on the forehead are shingles of the eye, not genital blisters.
    ['painful blisters on one side of my forehead and my eye is sore', 71, 'urgent'],
    // An open fracture: emergency care (NICE NG37; the rule of stop 32).
    ['came off my bike, bone sticking out of my shin', 30, 'emergency'],
    // A wound that will not stop bleeding.
    ['I have a wound on my leg that wont stop bleeding', 40, 'emergency'],
    // Voices telling him to hurt people, and a knife: a risk to others.
    [
      'my brother is hearing voices telling him to hurt people, hasnt slept for days and hes carrying a knife around',
      undefined,
      'emergency',
    ],
    // An older woman fallen, with a shortened, turned-out leg and hip pain: a hip fracture.
    ['fallen at home cant get up, right leg looks shorter and turned out, severe hip pain', 88, 'emergency'],
  ] as const)('%s → %s', (text, ageYears, level) => {
    const result = diagnoser.diagnose({ text, ...(ageYears !== undefined ? { ageYears } : {}) });
    expect(result.triage.level).toBe(level);
  });
});
