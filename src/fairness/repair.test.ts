import { describe, expect, it } from 'vitest';
import { baseRecord, MAX_RECORD_WEIGHT, type TrainingRecord } from '../learning/dataset.js';
import { applyRepair, balancedSample, reweightByGroup } from './repair.js';

const record = (i: number, sex: 'F' | 'M', ageYears: number): TrainingRecord => ({
  ...baseRecord({
    ageYears,
    sex,
    pathology: 'URTI',
    evidences: [`E_${i}`],
    initialEvidence: `E_${i}`,
    differential: [],
  }),
  key: `r${i}`,
});

// 90 younger men, 10 older women: the skew repair is for.
const records = [
  ...Array.from({ length: 90 }, (_, i) => record(i, 'M', 30)),
  ...Array.from({ length: 10 }, (_, i) => record(100 + i, 'F', 70)),
];
const total = (rs: readonly TrainingRecord[], sex: string) =>
  rs.filter((r) => r.patient.sex === sex).reduce((s, r) => s + r.weight, 0);

describe('repair', () => {
  it('reweighting gives each group equal total weight, capped per record', () => {
    const weighted = reweightByGroup(records);
    expect(total(weighted, 'M')).toBeCloseTo(50, 6);
    // 100 / (2 · 10) = 5 per older woman, capped at 3.
    expect(weighted.filter((r) => r.patient.sex === 'F').every((r) => r.weight === MAX_RECORD_WEIGHT)).toBe(
      true,
    );
  });

  it('balanced sampling draws the same number from each group (seeded), capped per record', () => {
    const sampled = balancedSample(records, 7);
    expect(sampled).toEqual(balancedSample(records, 7));
    expect(total(sampled, 'M')).toBeLessThanOrEqual(50); // 50 draws, a record drawn more than 3 times capped
    expect(total(sampled, 'M')).toBeGreaterThan(45);
    expect(total(sampled, 'F')).toBeLessThanOrEqual(10 * MAX_RECORD_WEIGHT);
    expect(total(sampled, 'F')).toBeGreaterThan(10);
  });

  it('none leaves the weights alone', () => {
    expect(applyRepair('none', records, 1).map((r) => r.weight)).toEqual(records.map(() => 1));
  });
});
