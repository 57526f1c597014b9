import { describe, expect, it } from 'vitest';
import { ingestHourlyCsv } from '../forecast/ingest-hourly.js';
import { syntheticCsv } from '../forecast/synthetic.js';
import { evaluateStaffingCsv, expandCurrentRota, meanInterval } from './staffing-eval.js';

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

  it('refuses sizes far beyond any department at once (they used to hang the planner)', () => {
    const base = { seeds: 1, model: 'hour-of-week' as const, testStart: '2024-03-11', weeks: 1 };
    expect(() => evaluateStaffingCsv(csv, { ...base, seeds: 101 })).toThrow(/--seeds must be at most 100/);
    expect(() => evaluateStaffingCsv(csv, { ...base, sizing: { minStaff: 100_000_000 } })).toThrow(
      /--min-staff must be at most 1000/,
    );
    expect(() => evaluateStaffingCsv(csv, { ...base, sizing: { shiftHours: 25 } })).toThrow(
      /--shift-hours must be at most 24/,
    );
    expect(() => evaluateStaffingCsv(csv, { ...base, staffHours: 100_000_000 })).toThrow(
      /--staff-hours must be at most 16800 /,
    );
    expect(() => evaluateStaffingCsv(csv, { ...base, staffHours: 0.5 })).toThrow(/--staff-hours/);
  });
});

describe('a department’s current rota beside the three', () => {
  const base = { testStart: '2024-03-11', weeks: 2, seeds: 3, model: 'hour-of-week' as const };
  const result = evaluateStaffingCsv(csv, base);

  it('is simulated as given, and the three rotas get its staff-hours; the contract fields stay as they were', () => {
    const flat6 = Array.from({ length: 24 }, () => 6);
    const withCurrent = evaluateStaffingCsv(csv, { ...base, currentRota: flat6 });
    expect(withCurrent.current?.staff_hours).toBe(6 * 24 * 14);
    expect(withCurrent.staff_hours).toBe(6 * 24 * 14);
    expect(Object.keys(withCurrent.rotas).sort()).toEqual(['flat', 'forecast', 'template']);
    for (const rota of Object.values(withCurrent.rotas)) expect(rota.staff_hours).toBe(6 * 24 * 14);
    // A flat current rota at the same staff-hours is the flat rota: same staff every hour, same draws.
    expect(withCurrent.current?.mean_wait_min).toBe(withCurrent.rotas.flat.mean_wait_min);
    expect(withCurrent.current?.min_staff).toBe(6);
    expect(withCurrent.mean_wait_reduction.vs_current).toBe(withCurrent.mean_wait_reduction.vs_flat);
    // Without a current rota, nothing extra and the earlier result.
    expect(result.current).toBeUndefined();
    expect(result.mean_wait_reduction.vs_current).toBeUndefined();
  });

  it('an explicit staff-hours budget still applies to the three, while the current rota keeps its own', () => {
    const r = evaluateStaffingCsv(csv, {
      ...base,
      currentRota: Array.from({ length: 24 }, () => 6),
      staffHours: result.staff_hours,
    });
    expect(r.staff_hours).toBe(result.staff_hours);
    expect(r.rotas.forecast).toEqual(result.rotas.forecast);
    expect(r.current?.staff_hours).toBe(6 * 24 * 14);
  });

  it('rejects a rota of the wrong length or with bad values', () => {
    expect(() => evaluateStaffingCsv(csv, { ...base, currentRota: [1, 2, 3] })).toThrow(/24 values/);
    expect(() =>
      evaluateStaffingCsv(csv, { ...base, currentRota: Array.from({ length: 24 }, () => 1.5) }),
    ).toThrow(/whole number/);
    expect(() =>
      evaluateStaffingCsv(csv, { ...base, currentRota: Array.from({ length: 24 }, () => 0) }),
    ).toThrow(/no clinician/);
  });
});

describe('expandCurrentRota', () => {
  it('lays an hour-of-week rota over the period by local time, following daylight saving', () => {
    // London: clocks go forward at 01:00 UTC on Sunday 31 March 2024.
    const { series } = ingestHourlyCsv(syntheticCsv('2024-03-25T00:00:00Z', 14 * 24, 1, 4), {
      timeZone: 'Europe/London',
    });
    const week = Array.from({ length: 168 }, (_, i) => i); // value = Monday-first hour of week
    const laid = expandCurrentRota(week, series, 0, 14 * 24);
    expect(laid[0]).toBe(0); // Mon 25 Mar 00:00 GMT
    expect(laid[6 * 24]).toBe(6 * 24); // Sun 31 Mar 00:00 GMT
    expect(laid[6 * 24 + 1]).toBe(6 * 24 + 2); // 01:00 UTC is 02:00 BST
    expect(laid[7 * 24]).toBe(1); // Mon 1 Apr 00:00 UTC is 01:00 BST
    const day = Array.from({ length: 24 }, (_, h) => h);
    expect(expandCurrentRota(day, series, 0, 48).slice(0, 3)).toEqual([0, 1, 2]);
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
