import { describe, expect, it } from 'vitest';
import { splitByPatient } from '../../src/vision/segmentation/data.js';
import { foldCases, parseFold, patientFolds } from './folds.js';

// 60 hand-made patients with one to three crops each.
const cases = Array.from({ length: 60 }, (_, p) =>
  Array.from({ length: 1 + (p % 3) }, (_, i) => ({ id: `${p}_${i}`, patient: String(p) })),
).flat();

describe('patient-grouped folds over train + validation', () => {
  it('puts every non-test patient in exactly one fold and no test patient in any', () => {
    const split = splitByPatient(cases, 1);
    const folds = patientFolds(cases, 1, 5, 1);
    const test = new Set(split.test.map((c) => c.patient));
    const rest = new Set([...split.train, ...split.validation].map((c) => c.patient));
    expect([...folds.keys()].sort()).toEqual([...rest].sort());
    for (const p of test) expect(folds.has(p)).toBe(false);
    const sizes = [1, 2, 3, 4, 5].map((k) => [...folds.values()].filter((f) => f === k).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('fits the other folds and holds out the fold’s own patients, whole', () => {
    const test = new Set(splitByPatient(cases, 1).test.map((c) => c.patient));
    const seen = new Set<string>();
    for (let k = 1; k <= 5; k++) {
      const { fit, held } = foldCases(cases, 1, { k, n: 5 }, 1);
      const heldPatients = new Set(held.map((c) => c.patient));
      for (const c of fit) expect(heldPatients.has(c.patient)).toBe(false);
      for (const c of [...fit, ...held]) expect(test.has(c.patient)).toBe(false);
      for (const p of heldPatients) {
        expect(seen.has(p)).toBe(false);
        seen.add(p);
      }
      expect(fit.length + held.length).toBe(cases.filter((c) => !test.has(c.patient)).length);
    }
  });

  it('depends on the fold seed, and reads k/N strictly', () => {
    expect(patientFolds(cases, 1, 5, 1)).not.toEqual(patientFolds(cases, 1, 5, 2));
    expect(parseFold('2/5')).toEqual({ k: 2, n: 5 });
    for (const bad of ['0/5', '6/5', '1/1', '5', 'a/b', '1/11']) expect(() => parseFold(bad)).toThrow();
  });
});
