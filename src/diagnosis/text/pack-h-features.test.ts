import { describe, expect, it } from 'vitest';
import { describeFeaturePack } from '../../../test/feature-pack-cases.js';
import { textDiagnoser } from './diagnose-text.js';

// Feature pack H (scripts/open-world/features/pack-h.ts): callers' and patients' wording from the clinical
// spot-checks of stop 32.
describeFeaturePack('pack H', {
  reads: [
    ['His face looks droopy on one side.', 'sign.facial-droop'],
    ['Her smile is lopsided since this morning.', 'sign.facial-droop'],
    ["I'm having an asthma attack.", 'sign.asthma-attack'],
    ['Blue inhaler every 10 mins, not working.', 'sign.reliever-not-helping'],
    ['My partner collapsed and is not breathing properly.', 'sign.respiratory-distress'],
    ['Fresh red blood PR this morning.', 'sx.rectal-bleeding'],
    ['Bright red blood from her back passage.', 'sx.rectal-bleeding'],
    ['He has gone off his food.', 'sx.decreased-appetite'],
    ['Sharp pain low on the left side of my tummy.', 'sx.lower-abdominal-pain'],
    ['Big toe red hot and swollen overnight.', 'sign.podagra'],
  ],
  silent: {
    findings: /^sign\.(asthma-attack|facial-droop|podagra|respiratory-distress)$/,
    stories: [
      'He had asthma as a child and has an inhaler at home.',
      'A red, itchy rash on his face for a week.',
      'Stubbed his toe on the door, it is bruised.',
      'Breathing is fine, just a cough.',
    ],
  },
  topThree: [
    ['I am having an asthma attack, wheezy and tight chested.', 30, 'female', 'asthma-exacerbation'],
    [
      'My big toe is red hot and swollen since last night, I cannot bear the sheet on it.',
      55,
      'male',
      'gout',
    ],
  ],
});

describe('pack H: triage of the spot-check wordings', () => {
  const diagnoser = textDiagnoser();
  it.each([
    ['his face looks droopy on one side', undefined, 'emergency'],
    ['having an asthma attack', undefined, 'urgent'],
    ['blue inhaler every 10 mins not working', undefined, 'emergency'],
    ['my partner collapsed and is not breathing properly', undefined, 'emergency'],
    ['bleeding from my bottom, lots of bright red blood', undefined, 'emergency'],
    // A little blood is not the heavy bleed of the emergency rule.
    ['a streak of bright red blood on the toilet paper for a week', undefined, 'routine'],
    ['my baby is only taking half her usual feeds', 0.3, 'urgent'],
    ['big toe red hot and swollen', undefined, 'urgent'],
    // A relative spoken for without "my", and with the age in apposition.
    ['dad has sudden weakness in his right arm and slurred speech', undefined, 'emergency'],
    ['my husband, 60, is sweaty, shaking and confused', undefined, 'emergency'],
  ] as const)('%s → %s', (text, ageYears, level) => {
    const result = diagnoser.diagnose({ text, ...(ageYears !== undefined ? { ageYears } : {}) });
    expect(result.triage.level).toBe(level);
  });
});
