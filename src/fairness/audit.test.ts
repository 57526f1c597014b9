import { describe, expect, it } from 'vitest';
import { type AuditItem, ageBandOf, auditSubgroups, demographicAttributes } from './audit.js';
import { fisherLowerTail, holmAdjust } from './stats.js';

describe('fisherLowerTail', () => {
  it('matches a hand-computed hypergeometric tail', () => {
    // Group 1 of 3 right, rest 3 of 3 right: P(X <= 1), X ~ Hypergeometric(N=6, K=4, n=3) = C(4,1)C(2,2)/C(6,3) = 4/20.
    expect(fisherLowerTail(1, 3, 3, 3)).toBeCloseTo(0.2, 10);
    // Nothing to compare with: no evidence.
    expect(fisherLowerTail(0, 5, 0, 0)).toBe(1);
  });

  it('is small only when the group is right less often', () => {
    expect(fisherLowerTail(10, 40, 90, 100)).toBeLessThan(1e-6);
    expect(fisherLowerTail(40, 40, 50, 100)).toBeGreaterThan(0.99);
  });
});

describe('holmAdjust', () => {
  it('multiplies by the step-down factors, monotone and capped at 1', () => {
    expect(holmAdjust([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
  });
});

const items = (n: number, right: number, attributes: Record<string, string>): AuditItem[] =>
  Array.from({ length: n }, (_, i) => ({ correct: i < right, attributes, confidence: 0.9 }));

describe('auditSubgroups', () => {
  it('flags a group significantly below the rest and leaves the others', () => {
    const report = auditSubgroups(
      [
        ...items(60, 30, { sex: 'F', age_band: '65+' }),
        ...items(200, 196, { sex: 'F', age_band: '16-39' }),
        ...items(200, 195, { sex: 'M', age_band: '16-39' }),
      ],
      { resamples: 200 },
    );
    const flagged = report.groups.filter((g) => g.flagged).map((g) => `${g.attribute} ${g.value}`);
    // Women as a whole fall behind too (the older women are among them); the younger groups do not.
    expect(flagged).toEqual(['age_band 65+', 'sex F']);
    const old = report.groups.find((g) => g.value === '65+')!;
    expect(old.value_right).toBeCloseTo(0.5, 10);
    expect(old.ci_low).toBeLessThan(0.5);
    expect(old.ci_high).toBeGreaterThan(0.5);
    expect(old.p_adjusted).toBeGreaterThanOrEqual(old.p_value);
    expect(report.overall.ece).toBeGreaterThan(0);
  });

  it('flags nothing when groups differ by chance only, and does not test tiny groups', () => {
    const report = auditSubgroups(
      [...items(100, 90, { sex: 'F' }), ...items(100, 88, { sex: 'M' }), ...items(5, 0, { sex: 'X' })],
      { resamples: 200 },
    );
    expect(report.groups.filter((g) => g.flagged)).toEqual([]);
    expect(report.groups.find((g) => g.value === 'X')).toMatchObject({ tested: false, flagged: false, n: 5 });
  });

  it('reports must-not-miss recall per group when items carry it', () => {
    const report = auditSubgroups(
      [
        { correct: true, attributes: { sex: 'F' }, mustNotMissHit: true },
        { correct: false, attributes: { sex: 'F' }, mustNotMissHit: false },
        { correct: true, attributes: { sex: 'M' } },
      ],
      { resamples: 50 },
    );
    expect(report.groups.find((g) => g.value === 'F')).toMatchObject({
      must_not_miss_recall: 0.5,
      must_not_miss_n: 2,
    });
    expect(report.groups.find((g) => g.value === 'M')?.must_not_miss_n).toBeUndefined();
  });
});

describe('age bands and demographic attributes', () => {
  it('uses the issue bands 0–15, 16–39, 40–64, 65+', () => {
    expect([0, 15, 16, 39, 40, 64, 65, 99].map(ageBandOf)).toEqual([
      '0-15',
      '0-15',
      '16-39',
      '16-39',
      '40-64',
      '40-64',
      '65+',
      '65+',
    ]);
    expect(demographicAttributes({ sex: 'F', ageYears: 70 })).toEqual({
      sex: 'F',
      age_band: '65+',
      sex_x_age_band: 'F 65+',
    });
    expect(demographicAttributes({ ageYears: 70 }).sex_x_age_band).toBeUndefined();
  });
});
