import { describe, expect, it } from 'vitest';
import { describeFeaturePack } from '../../../test/feature-pack-cases.js';
import { textDiagnoser } from './diagnose-text.js';

// Feature pack A (scripts/open-world/features/pack-a.ts).
describeFeaturePack('pack A', {
  reads: [
    ['Severe pain in the upper stomach going straight through to my back.', 'sign.pain-through-to-back'],
    ['Pain under my right ribs after fatty meals, lasting an hour or two.', 'sign.after-fatty-meals'],
    ['Diarrhoea since eating undercooked chicken at a barbecue.', 'sign.suspect-food'],
    ['Weak stream and I never feel I have fully emptied my bladder.', 'sign.incomplete-emptying'],
    [
      'Low back pain, stiff every morning, better with exercise and worse with rest.',
      'sign.inflammatory-back-pain',
    ],
    ['Excruciating pain behind one eye at the same time every night.', 'sign.cluster-features'],
    ['Headaches that are worse in the morning for a month.', 'sign.morning-headache'],
    ['He keeps getting chest infections again and again.', 'sign.recurrent-chest-infections'],
    ['Crusty eyelashes in the morning and sore eyelid edges.', 'sign.eyelid-margin-crusting'],
    ['Cloudy vision and glare from headlights at night.', 'sign.glare-faded-colours'],
    ['My legs feel heavy and ache by the end of the day.', 'sign.heavy-aching-legs'],
    ['32 weeks pregnant, sudden pain and my bump is hard as a board.', 'sign.woody-uterus'],
    ['I have lost my sense of smell and taste.', 'sx.disturbance-of-smell-or-taste'],
    ['Both my eyes are itchy and watery.', 'sx.itchiness-of-eye'],
    ['Stomach cramps and diarrhoea since yesterday.', 'sx.sharp-abdominal-pain'],
    ['My ring no longer fits and my shoe size has gone up.', 'sx.excessive-growth'],
    ['Pale greasy stools that float and are hard to flush.', 'sx.changes-in-stool-appearance'],
  ],
  silent: {
    findings:
      /^sign\.(pain-through|after-fatty|suspect-food|incomplete-emptying|inflammatory-back|cluster-features|morning-headache|personality|recurrent-chest|salty|eyelid-margin|glare|heavy-aching|woody|family-sudden|new-medicine)/,
    stories: [
      'I hurt my back lifting a heavy box at work yesterday, sharp pain when I cough or bend over.',
      'Twelve weeks pregnant with vomiting in the mornings.',
      'My mood is better with exercise but I have low back pain from lifting.',
      'Heartburn that is worse when I bend over, and I feel I still need to go after opening my bowels.',
      'My eye is red and sore after I rubbed it, no discharge.',
      'Chest pain spreading to my left arm with sweating for 20 minutes.',
      'I have a small hard bump on my arm that has been there for a month.',
      'Headache and a runny nose since the weekend, I had a barbecue on Saturday and felt fine.',
    ],
  },
  topThree: [
    [
      'Fever, dry cough and I have lost my sense of smell and taste, tested positive on a home test.',
      40,
      'female',
      'covid-19',
    ],
    [
      'Attacks of severe pain in the upper right belly after fatty meals, lasting a couple of hours then settling.',
      52,
      'female',
      'gallstone',
    ],
    [
      'Lower back pain for a year, stiff for an hour every morning, it eases with movement and is worse with rest.',
      28,
      'male',
      'ankylosing-spondylitis',
    ],
    [
      'Excruciating pain behind one eye every night at the same time for weeks, eye waters and nose runs on that side.',
      35,
      'male',
      'cluster-headache',
    ],
    [
      'My eyelids are red and sore at the edges, crusty eyelashes in the morning, eyes feel gritty.',
      45,
      'female',
      'blepharitis',
    ],
    [
      'My flow is slow and stop-start, I never feel I have fully emptied my bladder, up three times a night to pee.',
      74,
      'male',
      'benign-prostatic-hyperplasia-bph',
    ],
    [
      'My toddler has had chest infections again and again, not putting on weight, greasy smelly poos, salty skin.',
      2,
      'male',
      'cystic-fibrosis',
    ],
    [
      'My ring no longer fits and my shoe size has gone up, sweating a lot and headaches.',
      45,
      'male',
      'acromegaly',
    ],
  ],
});

describe('pack A: a stool hard to flush', () => {
  it('reads floating stools as a change in the stool, not as flushing', () => {
    const present = textDiagnoser().diagnose({ text: 'Pale stools that are hard to flush.', ageYears: 40 })
      .findings.present;
    expect(present).not.toContain('sx.flushing');
  });
});
