import { describe, expect, it } from 'vitest';
import {
  classifierEvidence,
  odds,
  probabilityFromOdds,
  testResultEvidence,
  updateProbability,
} from './likelihood-ratio.js';

describe('likelihood-ratio odds', () => {
  it('converts between probability and odds', () => {
    expect(odds(0.5)).toBeCloseTo(1, 12);
    expect(odds(0.2)).toBeCloseTo(0.25, 12);
    expect(probabilityFromOdds(3)).toBe(0.75);
  });

  it('updates a pre-test probability: 20 % with LR 4 → odds 1 → 50 %, then LR 0.5 → 33.3 %', () => {
    const result = updateProbability(0.2, [
      { id: 'a', label: 'A', likelihoodRatio: 4 },
      { id: 'b', label: 'B', likelihoodRatio: 0.5 },
    ]);
    expect(result.steps[0]!.probabilityAfter).toBeCloseTo(0.5, 6);
    expect(result.probability).toBeCloseTo(1 / 3, 6);
    expect(result.warnings.some((w) => w.includes('conditionally independent'))).toBe(true);
  });

  it('warns on shared dependencies and rejects non-positive LRs', () => {
    const result = updateProbability(
      0.3,
      [{ id: 'cea', label: 'CEA', likelihoodRatio: 2, correlatesWith: ['smoker'] }],
      { modelInputs: ['smoker'] },
    );
    expect(result.warnings[0]).toMatch(/smoker/);
    expect(() => updateProbability(0.3, [{ id: 'x', label: 'X', likelihoodRatio: 0 }])).toThrow(RangeError);
  });

  it('turns test results and classifier probabilities into LRs', () => {
    const test = { id: 't', label: 'T', lrPositive: 5, lrNegative: 0.2 };
    expect(testResultEvidence(test, true).likelihoodRatio).toBe(5);
    expect(testResultEvidence(test, false).likelihoodRatio).toBe(0.2);
    // A classifier at 50 % trained at 20 % prevalence: LR = odds(0.5) / odds(0.2) = 4.
    const e = classifierEvidence({ id: 'v', label: 'V', probability: 0.5, trainingPrevalence: 0.2 });
    expect(e.likelihoodRatio).toBeCloseTo(4, 6);
  });
});
