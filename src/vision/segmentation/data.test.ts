import { describe, expect, it } from 'vitest';
import { fittedCases, splitByPatient } from './data.js';

describe('by-patient split and the fitted cases', () => {
  // Two crops per patient for 60 patients.
  const cases = Array.from({ length: 120 }, (_, i) => ({
    id: `${i >> 1}_${i & 1}`,
    patient: String(i >> 1),
  }));
  const split = splitByPatient(cases, 1);
  const patientsOf = (cs: { patient: string }[]) => new Set(cs.map((c) => c.patient));

  it('keeps each patient in one part', () => {
    const train = patientsOf(split.train);
    const validation = patientsOf(split.validation);
    const test = patientsOf(split.test);
    for (const p of validation) expect(train.has(p)).toBe(false);
    for (const p of test) expect(train.has(p) || validation.has(p)).toBe(false);
    expect(train.size + validation.size + test.size).toBe(60);
  });
  it('a refit adds the validation patients and never a test patient', () => {
    expect(fittedCases(split, false)).toEqual(split.train);
    const refit = fittedCases(split, true);
    expect(refit).toHaveLength(split.train.length + split.validation.length);
    const fitted = patientsOf(refit);
    for (const c of split.validation) expect(fitted.has(c.patient)).toBe(true);
    for (const c of split.test) expect(fitted.has(c.patient)).toBe(false);
  });
});
