import { describe, expect, it } from 'vitest';
import { describeFeaturePack } from '../../../test/feature-pack-cases.js';
import { textDiagnoser } from './diagnose-text.js';

// Feature pack P (scripts/open-world/features/pack-p.ts) and the reading fixes of stop 37: the forty-fifth to
// forty-eighth clinical spot-checks' wordings and the avey development file's missed emergencies. The notes below are
// written for these tests.
describeFeaturePack('pack P', {
  reads: [
    ['My left leg is swollen since Sunday.', 'sign.unilateral-leg-swelling'],
    ['His leg has swollen up.', 'sx.leg-swelling'],
    ['Known gallstones, waiting for an operation.', 'sign.biliary-history'],
    ['Had an ERCP six weeks ago.', 'sign.biliary-history'],
    ['Came back on a long haul flight from Perth.', 'sign.long-journey'],
  ],
  silent: {
    findings: /^sign\.(biliary-history|long-journey)$/,
    stories: [
      'Cough and a runny nose for three days, no fever.',
      'Twisted my ankle playing football yesterday.',
    ],
  },
  topThree: [],
});

describe('triage of pack P stories (stop 37)', () => {
  const diagnoser = textDiagnoser();
  it.each([
    // A leg swollen on one side weeks after a birth: a clot until shown otherwise (RCOG Green-top 37b).
    ['gave birth 4 weeks ago by section, now my left leg is swollen and the calf is tender', 31, 'emergency'],
    // Fever with shaking chills and tummy pain in someone with known gallstones: suspected cholangitis (TG18).
    ['known gallstones, since yesterday fever and shaking chills and pain in my tummy', 66, 'emergency'],
  ] as const)('%s (age %s) → %s', (text, ageYears, level) => {
    expect(diagnoser.diagnose({ text, ageYears, sex: 'female' }).triage.level).toBe(level);
  });
});
