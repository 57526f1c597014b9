import { describe, expect, it } from 'vitest';
import { herderEngine } from './herder.js';
import { type MayoInput, mayoEngine } from './mayo.js';
import { explanationTotal } from './risk-engine.js';

const seed: MayoInput = {
  age: 58,
  smoker: true,
  extrathoracicCancerOver5y: false,
  noduleDiameterMm: 9,
  spiculation: true,
  upperLobe: true,
};

describe('Mayo Clinic model (Swensen 1997)', () => {
  it.each([
    // x = −6.8272 + 0.0391·65 + 0.7917 + 0.1274·15 + 1.0407 + 0.7838 = 0.2415 → 56.01 %
    [
      {
        age: 65,
        smoker: true,
        extrathoracicCancerOver5y: false,
        noduleDiameterMm: 15,
        spiculation: true,
        upperLobe: true,
      },
      0.56008,
    ],
    // x = −6.8272 + 1.955 + 1.0192 = −3.8530 → 2.08 %
    [
      {
        age: 50,
        smoker: false,
        extrathoracicCancerOver5y: false,
        noduleDiameterMm: 8,
        spiculation: false,
        upperLobe: false,
      },
      0.020775,
    ],
    // x = −6.8272 + 2.737 + 0.7917 + 1.3388 + 3.185 + 1.0407 + 0.7838 = 3.0498 → 95.48 %
    [
      {
        age: 70,
        smoker: true,
        extrathoracicCancerOver5y: true,
        noduleDiameterMm: 25,
        spiculation: true,
        upperLobe: true,
      },
      0.95477,
    ],
    // x = −6.8272 + 2.346 + 0.7917 + 1.274 + 0.7838 = −1.6317 → 16.36 %
    [
      {
        age: 60,
        smoker: true,
        extrathoracicCancerOver5y: false,
        noduleDiameterMm: 10,
        spiculation: false,
        upperLobe: true,
      },
      0.1636,
    ],
    // seed: x = −6.8272 + 2.2678 + 0.7917 + 1.1466 + 1.0407 + 0.7838 = −0.7966 → 31.08 %
    [seed, 0.31075],
  ] as const)('worked example %#', (input, expected) => {
    const result = mayoEngine.run(input);
    expect(result.output.probability!).toBeCloseTo(expected, 4);
    expect(explanationTotal(result.explanation)).toBeCloseTo(result.output.logit!, 10);
  });

  it('ACCP 2013: 5–65 % for an 8–30 mm nodule → PET-CT', () => {
    expect(mayoEngine.run(seed).output.recommendations[0]?.action).toBe('pet-ct');
    expect(
      mayoEngine.run({ ...seed, age: 80, noduleDiameterMm: 25, extrathoracicCancerOver5y: true }).output
        .recommendations[0]?.action,
    ).toBe('tissue-sampling');
  });

  it('is not applicable outside 4–30 mm', () => {
    const small = mayoEngine.run({ ...seed, noduleDiameterMm: 3 });
    expect(small.output.applicable).toBe(false);
    expect(small.output.probability).toBeUndefined();
    expect(small.output.notApplicableReason).toMatch(/4–30 mm/);
  });

  it('rejects unknown fields (strict)', () => {
    expect(mayoEngine.inputSchema.safeParse({ ...seed, sex: 'male' }).success).toBe(false);
  });
});

describe('Herder model (Chest 2005)', () => {
  // Mayo 56.008 % (first example above): y = −4.739 + 3.691·0.56008 + PET = −2.6717 + PET
  it.each([
    ['absent', 0.064662], // y = −2.6717 → 6.47 %
    ['faint', 0.41345], // y = −0.3497 → 41.34 %
    ['moderate', 0.87493], // y = 1.9453 → 87.49 %
    ['intense', 0.89083], // y = 2.0993 → 89.08 %
  ] as const)('PET %s', (petUptake, expected) => {
    const result = herderEngine.run({
      age: 65,
      smoker: true,
      extrathoracicCancerOver5y: false,
      noduleDiameterMm: 15,
      spiculation: true,
      upperLobe: true,
      petUptake,
    });
    expect(result.output.probability!).toBeCloseTo(expected, 4);
    expect(explanationTotal(result.explanation)).toBeCloseTo(result.output.logit!, 10);
  });

  it('BTS 2015: Herder 10–70 % names tissue sampling; > 70 % excision', () => {
    const faint = herderEngine.run({ ...seed, noduleDiameterMm: 15, age: 65, petUptake: 'faint' });
    expect(faint.output.recommendations.map((r) => r.action)).toContain('tissue-sampling');
    const intense = herderEngine.run({ ...seed, noduleDiameterMm: 15, age: 65, petUptake: 'intense' });
    expect(intense.output.recommendations[0]?.action).toBe('excision');
  });
});
