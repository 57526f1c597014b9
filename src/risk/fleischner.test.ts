import { describe, expect, it } from 'vitest';
import { type FleischnerInput, fleischnerEngine } from './fleischner.js';

const base: FleischnerInput = {
  age: 58,
  screening: false,
  knownCancer: false,
  immunosuppressed: false,
  noduleType: 'solid',
  noduleDiameterMm: 9,
  multiple: false,
  highRisk: true,
};

const actions = (input: FleischnerInput) =>
  fleischnerEngine.run(input).output.recommendations.map((r) => r.action);
const texts = (input: FleischnerInput) =>
  fleischnerEngine
    .run(input)
    .output.recommendations.map((r) => r.text)
    .join(' ');

describe('Fleischner 2017 (MacMahon, Radiology 2017)', () => {
  it('solid single > 8 mm: CT at 3 months, PET/CT or tissue sampling', () => {
    expect(actions(base).sort()).toEqual(['ct-3-months', 'pet-ct', 'tissue-sampling']);
    expect(actions({ ...base, highRisk: false }).sort()).toEqual([
      'ct-3-months',
      'pet-ct',
      'tissue-sampling',
    ]);
  });

  it('solid < 6 mm: none (low risk) / optional 12-month CT (high risk)', () => {
    expect(actions({ ...base, noduleDiameterMm: 4, highRisk: false })).toEqual(['no-follow-up']);
    expect(actions({ ...base, noduleDiameterMm: 4 })).toEqual(['ct-12-months-optional']);
  });

  it('solid 6–8 mm: single 6–12 months then (consider) 18–24; multiple 3–6 months', () => {
    expect(texts({ ...base, noduleDiameterMm: 7 })).toBe('CT at 6–12 months, then CT at 18–24 months.');
    expect(texts({ ...base, noduleDiameterMm: 7, highRisk: false })).toBe(
      'CT at 6–12 months, then consider CT at 18–24 months.',
    );
    expect(texts({ ...base, noduleDiameterMm: 7, multiple: true })).toBe(
      'CT at 3–6 months, then CT at 18–24 months.',
    );
    expect(texts({ ...base, noduleDiameterMm: 12, multiple: true, highRisk: false })).toBe(
      'CT at 3–6 months, then consider CT at 18–24 months.',
    );
  });

  it('rounds the average diameter to the nearest mm: 5.4 → 5 (< 6), 5.6 → 6 (6–8), 8.4 → 8 (6–8), 8.6 → 9 (> 8)', () => {
    expect(fleischnerEngine.run({ ...base, noduleDiameterMm: 5.4 }).output.sizeBand).toBe('<6 mm');
    expect(fleischnerEngine.run({ ...base, noduleDiameterMm: 5.6 }).output.sizeBand).toBe('6-8 mm');
    expect(fleischnerEngine.run({ ...base, noduleDiameterMm: 8.4 }).output.sizeBand).toBe('6-8 mm');
    expect(fleischnerEngine.run({ ...base, noduleDiameterMm: 8.6 }).output.sizeBand).toBe('>8 mm');
  });

  it('subsolid nodules', () => {
    expect(actions({ ...base, noduleType: 'nonsolid', noduleDiameterMm: 5 })).toEqual(['no-follow-up']);
    expect(texts({ ...base, noduleType: 'nonsolid', noduleDiameterMm: 8 })).toMatch(
      /6–12 months.*every 2 years until 5 years/,
    );
    expect(texts({ ...base, noduleType: 'part-solid', noduleDiameterMm: 8 })).toMatch(
      /3–6 months.*annual CT for 5 years/,
    );
    expect(texts({ ...base, noduleType: 'part-solid', noduleDiameterMm: 4, multiple: true })).toMatch(
      /3–6 months; if stable, consider CT at 2 and 4 years/,
    );
    const suspicious = fleischnerEngine.run({
      ...base,
      noduleType: 'part-solid',
      noduleDiameterMm: 12,
      solidComponentMm: 7,
    });
    expect(suspicious.explanation.warnings?.join(' ')).toMatch(/highly suspicious/);
  });

  it.each([
    [{ screening: true }, /screening/],
    [{ age: 30 }, /35 or older/],
    [{ knownCancer: true }, /known primary cancer/],
    [{ immunosuppressed: true }, /immunosuppressed/],
  ] as const)('does not apply: %j', (change, reason) => {
    const result = fleischnerEngine.run({ ...base, ...change });
    expect(result.output.applicable).toBe(false);
    expect(result.output.recommendations).toEqual([]);
    expect(result.output.notApplicableReason).toMatch(reason);
  });
});
