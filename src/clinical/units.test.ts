import { describe, expect, it } from 'vitest';
import {
  bunMgDl,
  convertAnalyte,
  creatinineMgDl,
  glucoseMgDl,
  glucoseMmolL,
  hba1cPercent,
  normaliseUnit,
  ureaMmolL,
} from './units.js';

describe('units', () => {
  it('converts glucose: 7.0 mmol/L ≈ 126 mg/dL (ADA fasting threshold), 11.1 mmol/L ≈ 200 mg/dL', () => {
    expect(glucoseMgDl(7)).toBeCloseTo(126.1, 1);
    expect(glucoseMgDl(11.1)).toBeCloseTo(200, 0);
    expect(glucoseMmolL(glucoseMgDl(5.5))).toBeCloseTo(5.5, 12);
  });

  it('converts urea and BUN: urea 7 mmol/L (CURB-65 cut-off) = BUN 19.6 mg/dL', () => {
    expect(bunMgDl(7)).toBeCloseTo(19.6, 10);
    expect(ureaMmolL(28)).toBeCloseTo(10, 10);
  });

  it('converts creatinine (88.42 µmol/L = 1 mg/dL) and HbA1c (48 mmol/mol ≈ 6.5 %)', () => {
    expect(creatinineMgDl(88.42)).toBeCloseTo(1, 12);
    expect(hba1cPercent(48)).toBeCloseTo(6.54, 2);
  });

  it('converts by analyte with UCUM spellings, both ways, and refuses unknown pairs', () => {
    expect(convertAnalyte('glucose', 10, 'mmol/L', 'mg/dL')).toBeCloseTo(180.16, 10);
    expect(convertAnalyte('glucose', 180.16, 'mg/dL', 'mmol/L')).toBeCloseTo(10, 10);
    expect(convertAnalyte('creatinine', 1, 'mg/dL', 'µmol/L')).toBeCloseTo(88.42, 10);
    expect(convertAnalyte('creatinine', 132, 'umol/L', 'mg/dL')).toBeCloseTo(1.4929, 4);
    expect(convertAnalyte('urea', 9, 'mmol/L', 'mg/dL')).toBeCloseTo(25.2, 10);
    expect(convertAnalyte('hba1c', 6.5, '%', '%')).toBe(6.5);
    expect(convertAnalyte('glucose', 5, 'g/L', 'mg/dL')).toBeUndefined();
    expect(normaliseUnit(' µmol/L ')).toBe('umol/l');
  });
});
