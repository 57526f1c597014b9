import { describe, expect, it } from 'vitest';
import { ceaEvidence, classifierEvidence, fusionEngine, odds, updateProbability } from './fusion.js';
import { explanationTotal, logit } from './risk-engine.js';

describe('likelihood-ratio fusion', () => {
  it.each([
    // odds 0.17670/0.82330 = 0.21463; × 3.96 = 0.84993 → 45.94 %
    [0.1767047, 3.96, 0.4594],
    // × 0.73 = 0.15668 → 13.55 %
    [0.1767047, 0.73, 0.13546],
    [0.0548783, 3.96, 0.18695],
    [0.0548783, 0.73, 0.040673],
    [0.5667062, 3.96, 0.83817],
    // odds 0.012/0.988 = 0.012146 × 5 = 0.060729 → 5.725 %. (The reference notes quote 5.66 % from an online
    // calculator as an external value; the odds formula gives 5.73 %, so that external figure is not reproduced.)
    [0.012, 5, 0.057252],
  ])('pre-test %f × LR %f → %f', (pretest, lr, expected) => {
    const result = updateProbability(pretest, [{ id: 'x', label: 'test', likelihoodRatio: lr }]);
    expect(result.probability).toBeCloseTo(expected, 4);
    expect(result.steps[0]?.oddsBefore).toBeCloseTo(pretest / (1 - pretest), 10);
    expect(result.steps[0]?.oddsAfter).toBeCloseTo((pretest / (1 - pretest)) * lr, 10);
  });

  it('CEA 6.2 ng/mL is positive (LR+ 3.96), 4.9 ng/mL negative (LR− 0.73)', () => {
    expect(ceaEvidence(6.2).likelihoodRatio).toBe(3.96);
    expect(ceaEvidence(4.9).likelihoodRatio).toBe(0.73);
    expect(ceaEvidence(5).likelihoodRatio).toBe(3.96);
  });

  it('chains steps and warns about dependence', () => {
    const result = updateProbability(
      0.3,
      [
        ceaEvidence(6.2),
        { id: 'cyfra', label: 'CYFRA 21-1', likelihoodRatio: 2, correlatesWith: ['smoker'] },
      ],
      {
        modelInputs: ['age', 'smoker', 'noduleDiameterMm'],
        pretestLabel: 'Mayo',
      },
    );
    expect(result.steps).toHaveLength(2);
    expect(result.steps[1]?.probabilityBefore).toBe(result.steps[0]?.probabilityAfter);
    // 0.3 → odds 0.428571 × 3.96 × 2 = 3.394286 → 77.24 %
    expect(result.probability).toBeCloseTo(3.394286 / 4.394286, 5);
    const text = result.warnings.join('\n');
    expect(text).toMatch(/may not be independent of Mayo: both depend on age, smoker|smoker, age/);
    expect(text).toMatch(/Serum CEA .* and CYFRA 21-1 may not be independent/);
    expect(text).toMatch(/conditionally independent/);
  });

  it('classifier evidence: LR = odds(p) / odds(training prevalence)', () => {
    const e = classifierEvidence({
      id: 'vision',
      label: 'CT nodule classifier',
      probability: 0.8,
      trainingPrevalence: 0.5,
    });
    expect(e.likelihoodRatio).toBeCloseTo(4, 10);
    // A model that outputs its training prevalence carries no information.
    expect(
      classifierEvidence({ id: 'v', label: 'v', probability: 0.2, trainingPrevalence: 0.2 }).likelihoodRatio,
    ).toBeCloseTo(1, 10);
    expect(() =>
      classifierEvidence({ id: 'v', label: 'v', probability: 0.2, trainingPrevalence: 0 }),
    ).toThrow();
    // Imaging evidence stacked on a size-based model is flagged.
    const fused = updateProbability(0.1, [e], { modelInputs: ['noduleDiameterMm'] });
    expect(fused.warnings.join(' ')).toMatch(/noduleDiameterMm/);
  });

  it('the fusion engine explanation adds up to the post-test log-odds', () => {
    const result = fusionEngine.run(fusionEngine.example);
    expect(explanationTotal(result.explanation)).toBeCloseTo(logit(result.output.probability), 10);
    expect(result.output.probability).toBeCloseTo(0.64099, 4);
    expect(odds(1)).toBeLessThan(Number.POSITIVE_INFINITY);
  });

  it('rejects a percentage given as a probability, and a zero LR', () => {
    expect(
      fusionEngine.inputSchema.safeParse({
        pretestProbability: 31,
        evidence: [{ id: 'a', label: 'a', likelihoodRatio: 2 }],
      }).error?.issues[0]?.message,
    ).toMatch(/not a percentage/);
    expect(
      fusionEngine.inputSchema.safeParse({
        pretestProbability: 0.3,
        evidence: [{ id: 'a', label: 'a', likelihoodRatio: 0 }],
      }).success,
    ).toBe(false);
  });
});
