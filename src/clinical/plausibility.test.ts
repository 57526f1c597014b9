import { describe, expect, it } from 'vitest';
import { implausibility } from './plausibility.js';
import { newClinicalCaseSchema } from './schemas.js';

const hr = (value: number, unit = '/min') => ({
  code: { system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' },
  value: { value, unit },
});

describe('clinically impossible values', () => {
  it('accepts extreme but real values and refuses impossible ones', () => {
    expect(implausibility(hr(220))).toBeUndefined();
    expect(implausibility(hr(800))).toMatch(/outside what a patient can have/);
    expect(implausibility(hr(1e300))).toBeDefined();
    expect(implausibility(hr(800, 'kg'))).toBeUndefined(); // unit not checked for this code
  });

  it('refuses a case holding one, naming the field', () => {
    const parsed = newClinicalCaseSchema.safeParse({ title: 'x', observations: [hr(72), hr(-5)] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['observations', 1, 'value', 'value']);
    expect(newClinicalCaseSchema.safeParse({ title: 'x', observations: [hr(72)] }).success).toBe(true);
  });
});
