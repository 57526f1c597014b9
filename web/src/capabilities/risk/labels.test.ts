import { describe, expect, it } from 'vitest';
import { FIELD_LABELS, humanize } from './labels.js';

describe('risk labels', () => {
  it('names inputs as a clinician writes them, with units', () => {
    expect(FIELD_LABELS.bunMgDl).toBe('Blood urea nitrogen, BUN (mg/dL)');
    expect(FIELD_LABELS.extrathoracicCancerOver5y).toBe(
      'Cancer outside the chest, diagnosed more than 5 years ago',
    );
  });

  it('rewrites field names and pointers inside API messages', () => {
    expect(humanize('give ureaMmolL (mmol/L) or bunMgDl (mg/dL)')).toBe(
      'give “Urea (mmol/L)” (mmol/L) or “Blood urea nitrogen, BUN (mg/dL)” (mg/dL)',
    );
    expect(humanize('body/respiratoryRate: required')).toBe('“Respiratory rate (breaths/min)”: required');
    expect(humanize('/body/input/systolicBp: expected number')).toBe(
      '“Systolic blood pressure (mmHg)”: expected number',
    );
    expect(humanize('Age in years')).toBe('Age in years');
    expect(humanize('New confusion (AMT ≤ 8)')).toBe('New confusion (AMT ≤ 8)');
    expect(humanize('/confusion: required')).toBe('“New confusion”: required');
  });
});
