import { describe, expect, it } from 'vitest';
import { syntheticCsv } from '../forecast/synthetic.js';
import { evaluateStaffingCsv, meanInterval } from './staffing-eval.js';

// Twelve weeks of synthetic hourly arrivals (seeded; no real data): 10 of history, then 2 simulated.
const csv = syntheticCsv('2024-01-01T00:00:00Z', 12 * 168, 11, 8);

describe('evaluateStaffingCsv', () => {
  const result = evaluateStaffingCsv(csv, {
    testStart: '2024-03-11',
    weeks: 2,
    seeds: 3,
    model: 'hour-of-week',
  });

  it('keeps the contract: weeks, staff_hours and three rotas at the same staff-hours', () => {
    expect(result.weeks).toBe(2);
    expect(Object.keys(result.rotas).sort()).toEqual(['flat', 'forecast', 'template']);
    for (const rota of Object.values(result.rotas)) {
      expect(rota.staff_hours).toBe(result.staff_hours);
      expect(rota.mean_wait_min).toBeGreaterThanOrEqual(0);
      expect(rota.p90_wait_min).toBeGreaterThanOrEqual(0);
      expect(rota.share_over_4h).toBeGreaterThanOrEqual(0);
      expect(rota.share_over_4h).toBeLessThanOrEqual(1);
      expect(rota.interval95.mean_wait_min.lower).toBeLessThanOrEqual(rota.mean_wait_min);
      expect(rota.interval95.mean_wait_min.upper).toBeGreaterThanOrEqual(rota.mean_wait_min);
    }
    expect(result.first_hour).toBe('2024-03-11T00:00:00.000Z');
    expect(result.last_hour).toBe('2024-03-24T23:00:00.000Z');
  });

  it('shapes to demand: a demand-shaped rota waits less than a flat one on strongly daily arrivals', () => {
    expect(result.rotas.forecast.mean_wait_min).toBeLessThan(result.rotas.flat.mean_wait_min);
    expect(result.rotas.template.mean_wait_min).toBeLessThan(result.rotas.flat.mean_wait_min);
  });

  it('is reproducible from its seeds', () => {
    const again = evaluateStaffingCsv(csv, {
      testStart: '2024-03-11',
      weeks: 2,
      seeds: 3,
      model: 'hour-of-week',
    });
    expect(again.rotas).toEqual(result.rotas);
  });

  it('gives every rota a fixed staff-hours budget when asked, and fewer staff-hours mean longer waits', () => {
    const tight = evaluateStaffingCsv(csv, {
      testStart: '2024-03-11',
      weeks: 2,
      seeds: 3,
      model: 'hour-of-week',
      staffHours: Math.round(result.staff_hours * 0.8),
    });
    expect(tight.staff_hours).toBe(Math.round(result.staff_hours * 0.8));
    expect(tight.rotas.flat.staff_hours).toBe(tight.staff_hours);
    expect(tight.rotas.flat.mean_wait_min).toBeGreaterThan(result.rotas.flat.mean_wait_min);
  });

  it('rejects bad input with one clear message', () => {
    const base = { seeds: 1, model: 'hour-of-week' as const };
    expect(() => evaluateStaffingCsv('timestamp,count\n', { ...base, testStart: '2024-03-11' })).toThrow();
    expect(() => evaluateStaffingCsv(csv, { ...base, testStart: '2023-01-01' })).toThrow(
      /outside the series/,
    );
    expect(() => evaluateStaffingCsv(csv, { ...base, testStart: '2025-01-01' })).toThrow(
      /outside the series/,
    );
    expect(() => evaluateStaffingCsv(csv, { ...base, testStart: '2024-03-11', weeks: 0 })).toThrow(/--weeks/);
    expect(() => evaluateStaffingCsv(csv, { ...base, testStart: '2024-03-11', weeks: 3 })).toThrow(
      /need 21 days/,
    );
    expect(() => evaluateStaffingCsv(csv, { ...base, testStart: '2024-01-05' })).toThrow(/two weeks/);
    expect(() => evaluateStaffingCsv(csv, { ...base, testStart: '11/03/2024' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('meanInterval', () => {
  it('gives the t-interval of the mean', () => {
    const { mean, interval } = meanInterval([1, 2, 3]);
    expect(mean).toBe(2);
    expect(interval.upper - mean).toBeCloseTo(4.303 / Math.sqrt(3), 3);
    expect(meanInterval([5]).interval).toEqual({ lower: 5, upper: 5 });
  });
});
