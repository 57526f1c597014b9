import { describe, expect, it } from 'vitest';
import { BROCK_COEFFICIENTS, type BrockInput, brockEngine } from './brock.js';
import { explanationTotal } from './risk-engine.js';

const base: BrockInput = {
  age: 62,
  sex: 'male',
  familyHistoryLungCancer: false,
  emphysema: false,
  noduleDiameterMm: 4,
  noduleType: 'solid',
  upperLobe: false,
  noduleCount: 4,
  spiculation: false,
};

/** Probability to within 0.01 percentage points, as the reference notes suggest. */
function expectProbability(input: BrockInput, expected: number): void {
  const result = brockEngine.run(input);
  expect(result.output.applicable).toBe(true);
  expect(result.output.probability!).toBeCloseTo(expected, 4);
  // The explanation adds up to the linear predictor.
  expect(explanationTotal(result.explanation)).toBeCloseTo(result.output.logit!, 10);
}

describe('Brock / PanCan full model with spiculation (McWilliams NEJM 2013)', () => {
  it('A: every input at its reference value gives the intercept', () => {
    // logit = −6.7892 (all centred terms 0; (4/10)^−0.5 = 1.58113883); P = 1/(1+e^6.7892) = 0.11246 %
    expectProbability(base, 0.0011246);
    expect(brockEngine.run(base).explanation.baseline).toBe(BROCK_COEFFICIENTS.intercept);
  });

  it('B: 65 F, family history, emphysema, 15 mm part-solid, upper lobe, 1 nodule, spiculated', () => {
    // −6.7892 + 0.0287·3 + 0.6011 + 0.2961 + 0.2953 − 5.3854·(1.5^−0.5 − 1.58113883) + 0.377 + 0.6581
    //   − 0.0824·(1 − 4) + 0.7729 = −6.7892 + 0.0861 + 0.6011 + 0.2961 + 0.2953 + 4.1358 + 0.377 + 0.6581 + 0.2472
    //   + 0.7729 = 0.6625 → P = 65.98 %
    expectProbability(
      {
        ...base,
        age: 65,
        sex: 'female',
        familyHistoryLungCancer: true,
        emphysema: true,
        noduleDiameterMm: 15,
        noduleType: 'part-solid',
        upperLobe: true,
        noduleCount: 1,
        spiculation: true,
      },
      0.65982,
    );
  });

  it('C: 70 M, emphysema, 10 mm solid, upper lobe, 2 nodules, spiculated', () => {
    // −6.7892 + 0.2296 + 0.2953 − 5.3854·(1 − 1.58113883) + 0.6581 + 0.1648 + 0.7729 = −1.5388 → 17.67 %
    expectProbability(
      {
        ...base,
        age: 70,
        emphysema: true,
        noduleDiameterMm: 10,
        upperLobe: true,
        noduleCount: 2,
        spiculation: true,
      },
      0.1767,
    );
  });

  it('D: 55 F, 6 mm nonsolid, lower lobe, 3 nodules', () => {
    // −6.7892 − 0.2009 + 0.6011 − 5.3854·(0.6^−0.5 − 1.58113883) − 0.1276 + 0.0824 = −4.8717 → 0.76 %
    expectProbability(
      { ...base, age: 55, sex: 'female', noduleDiameterMm: 6, noduleType: 'nonsolid', noduleCount: 3 },
      0.0076024,
    );
  });

  it('E and F from the reference notes', () => {
    // E: 72 M, FHx, emphysema, 18 mm solid, upper, 1 nodule, spiculated → logit 0.2684 → 56.67 %
    expectProbability(
      {
        ...base,
        age: 72,
        familyHistoryLungCancer: true,
        emphysema: true,
        noduleDiameterMm: 18,
        upperLobe: true,
        noduleCount: 1,
        spiculation: true,
      },
      0.56671,
    );
    // F: 60 F, 8 mm solid, upper, 1 nodule → logit −2.8462 → 5.49 %
    expectProbability(
      { ...base, age: 60, sex: 'female', noduleDiameterMm: 8, upperLobe: true, noduleCount: 1 },
      0.054878,
    );
  });

  it('seed case as a man: 58, 9 mm spiculated upper-lobe solid nodule → 8.41 %, CT surveillance under BTS (< 10 %)', () => {
    // −6.7892 + 0.0287·(−4) − 5.3854·(0.9^−0.5 − 1.58113883) + 0.6581 + 0.2472 + 0.7729
    //   = −6.7892 − 0.1148 + 2.8384 + 0.6581 + 0.2472 + 0.7729 = −2.3874 → 8.41 %
    const input: BrockInput = {
      ...base,
      age: 58,
      noduleDiameterMm: 9,
      upperLobe: true,
      noduleCount: 1,
      spiculation: true,
    };
    expectProbability(input, 0.084135);
    const result = brockEngine.run(input);
    expect(result.output.recommendations[0]?.action).toBe('ct-surveillance');
    expect(result.output.guideline?.id).toBe('bts-pulmonary-nodules');
  });

  it('BTS 2015: Brock ≥ 10 % for a nodule ≥ 8 mm → PET-CT', () => {
    const result = brockEngine.run({
      ...base,
      age: 70,
      emphysema: true,
      noduleDiameterMm: 10,
      upperLobe: true,
      noduleCount: 2,
      spiculation: true,
    });
    expect(result.output.recommendations[0]?.action).toBe('pet-ct');
  });

  it('lists a signed contribution for every input', () => {
    const result = brockEngine.run({
      ...base,
      age: 50,
      sex: 'female',
      noduleType: 'nonsolid',
      noduleCount: 6,
    });
    const byInput = Object.fromEntries(
      result.explanation.contributions.map((c) => [c.input, c.contribution]),
    );
    expect(Object.keys(byInput).sort()).toEqual(
      [
        'age',
        'emphysema',
        'familyHistoryLungCancer',
        'noduleCount',
        'noduleDiameterMm',
        'noduleType',
        'sex',
        'spiculation',
        'upperLobe',
      ].sort(),
    );
    expect(byInput.age).toBeCloseTo(0.0287 * -12, 10);
    expect(byInput.noduleType).toBeCloseTo(-0.1276, 10);
    expect(byInput.noduleCount).toBeCloseTo(-0.0824 * 2, 10);
  });

  it('is not applicable (no number) to a mass over 30 mm or a patient under 35', () => {
    const mass = brockEngine.run({ ...base, noduleDiameterMm: 45 });
    expect(mass.output.applicable).toBe(false);
    expect(mass.output.probability).toBeUndefined();
    expect(mass.output.notApplicableReason).toMatch(/mass/);
    const young = brockEngine.run({ ...base, age: 25 });
    expect(young.output.applicable).toBe(false);
    expect(young.output.notApplicableReason).toMatch(/under 35/);
  });

  it('warns when age is outside the PanCan range', () => {
    expect(brockEngine.run({ ...base, age: 82 }).explanation.warnings?.join(' ')).toMatch(/50–75/);
  });

  it('rejects bad input with messages naming the field', () => {
    const bad = brockEngine.inputSchema.safeParse({
      ...base,
      age: 130,
      noduleDiameterMm: -3,
      noduleType: 'ground-glass',
      extra: 1,
    });
    expect(bad.success).toBe(false);
    const issues = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues.join('\n')).toMatch(/age: age must be at most 120/);
    expect(issues.join('\n')).toMatch(/noduleDiameterMm: a diameter must be greater than 0 mm/);
    expect(issues.join('\n')).toMatch(/noduleType: must be one of: solid, part-solid, nonsolid/);
    expect(issues.join('\n')).toMatch(/extra/);
    expect(() => brockEngine.run({ ...base, noduleCount: 0 })).toThrow();
  });
});
