import { describe, expect, it } from 'vitest';
import {
  allocateShifts,
  coverWithShifts,
  DEFAULT_SIZING,
  flatRota,
  hourlyWaitCost,
  hourOfWeekTemplate,
  scaleToStaffHours,
  sizeHours,
  staffHoursOf,
} from './rotas.js';

describe('rotas', () => {
  it('flat spreads staff-hours evenly and exactly', () => {
    const r = flatRota(24, 100, 2);
    expect(staffHoursOf(r)).toBe(100);
    expect(Math.max(...r) - Math.min(...r)).toBeLessThanOrEqual(1);
    expect(() => flatRota(24, 40, 2)).toThrow(/at least 2/);
  });

  it('scales a shape to exact staff-hours with a floor', () => {
    const shape = [1, 1, 10, 10, 20, 0];
    const r = scaleToStaffHours(shape, 60, 2);
    expect(staffHoursOf(r)).toBe(60);
    expect(Math.min(...r)).toBeGreaterThanOrEqual(2);
    expect(r[4]).toBeGreaterThan(r[2]!);
    expect(r[2]).toBeGreaterThan(r[0]!);
    expect(() => scaleToStaffHours(shape, 11, 2)).toThrow(/cannot give/);
  });

  it('covers a requirement with fixed-length shifts', () => {
    const required = [2, 2, 5, 5, 2, 2, 2, 2, 3, 3];
    const coverage = new Int32Array(required.length + 4);
    coverWithShifts(required, 4, coverage);
    for (let h = 0; h < required.length; h++) expect(coverage[h]).toBeGreaterThanOrEqual(required[h]!);
    // 2 shifts start at 0, 3 at 2 (hours 4–5 keep those 3), 2 at 6, 1 at 8: the hours on shift add up in 4s.
    expect(staffHoursOf(coverage) % 4).toBe(0);
    expect(Array.from(coverage.subarray(0, 10))).toEqual([2, 2, 5, 5, 3, 3, 2, 2, 3, 3]);
  });

  it('commits only shifts that start in the committed window', () => {
    const coverage = new Int32Array(10);
    coverWithShifts([1, 1, 1, 4], 2, coverage, 0, 2);
    expect(Array.from(coverage.subarray(0, 4))).toEqual([1, 1, 0, 0]);
  });

  it('sizes more clinicians for more arrivals, never below the minimum', () => {
    const s = sizeHours([0, 3, 12, 30], DEFAULT_SIZING);
    expect(s[0]).toBe(DEFAULT_SIZING.minStaff);
    expect(s[1]).toBeGreaterThanOrEqual(s[0]!);
    expect(s[3]).toBeGreaterThan(s[2]!);
    expect(s[2]).toBeGreaterThan(s[1]!);
  });

  it('averages hour of week over the weeks before the start', () => {
    const counts = Float64Array.from(
      { length: 168 * 3 },
      (_, i) => (i < 168 ? 1 : 3) + (i % 168 === 5 ? 10 : 0),
    );
    const t = hourOfWeekTemplate(counts, 336, 2, 170);
    expect(t[0]).toBe(2);
    expect(t[5]).toBe(12);
    expect(t[168]).toBe(2);
    expect(() => hourOfWeekTemplate(counts, 100, 1, 10)).toThrow(/history/);
  });
  it('allocates a budget of shifts where they shorten the expected wait most', () => {
    // Two days of a daily cycle: busy 10:00–18:00, quiet at night.
    const day = Array.from({ length: 24 }, (_, h) => (h >= 10 && h < 18 ? 12 : 3));
    const rates = Array.from({ length: 3 }, () => [...day, ...day, ...day]);
    const policy = { ...DEFAULT_SIZING, shiftHours: 8 };
    for (const budget of [48 * 2 + 40, 48 * 2 + 80, 48 * 2 + 101]) {
      const staff = allocateShifts((d) => [rates[d]!], 48, budget, policy);
      expect(staffHoursOf(staff)).toBe(budget);
      expect(Math.min(...staff)).toBeGreaterThanOrEqual(policy.minStaff);
      // Busy hours get more clinicians than quiet ones.
      expect(staff[13]!).toBeGreaterThan(staff[3]!);
      expect(staff[37]!).toBeGreaterThan(staff[27]!);
    }
    // A tighter budget never adds expected wait in total compared with the flat spread of the same hours.
    const budget = 48 * 2 + 80;
    const cost = (s: readonly number[]) =>
      s.reduce((sum, c, h) => sum + hourlyWaitCost(c, rates[0]![h % 24]!, policy), 0);
    expect(cost(allocateShifts((d) => [rates[d]!], 48, budget, policy))).toBeLessThan(
      cost(flatRota(48, budget, 2)),
    );
    expect(() => allocateShifts((d) => [rates[d]!], 48, 90, policy)).toThrow(/at least 2/);
  });

  it('prices an unstable hour above any stable one and falls with each clinician', () => {
    const p = DEFAULT_SIZING;
    expect(hourlyWaitCost(3, 12, p)).toBeGreaterThan(hourlyWaitCost(5, 12, p));
    expect(hourlyWaitCost(4, 12, p)).toBeGreaterThan(hourlyWaitCost(5, 12, p) * 1000);
    expect(hourlyWaitCost(2, 12, p)).toBeGreaterThan(hourlyWaitCost(3, 12, p));
    expect(hourlyWaitCost(2, 0, p)).toBe(0);
  });
  it('plans with equally likely scenarios: copies of one series change nothing, uncertain demand draws staff', () => {
    const day = Array.from({ length: 24 }, (_, h) => (h >= 10 && h < 18 ? 12 : 3));
    const rates = [...day, ...day, ...day];
    const policy = { ...DEFAULT_SIZING, shiftHours: 8 };
    const one = allocateShifts(() => [rates], 48, 176, policy);
    expect(allocateShifts(() => [rates, rates, rates], 48, 176, policy)).toEqual(one);
    // The first 10 hours of day 2 are uncertain (0 or 6 an hour, 3 on average): the cost is convex, so they get staff.
    const low = rates.map((r, k) => (k < 10 ? 0 : r));
    const high = rates.map((r, k) => (k < 10 ? 6 : r));
    const spread = allocateShifts((d) => (d === 1 ? [low, high] : [rates]), 48, 176, policy);
    const night = (s: readonly number[]) => s.slice(24, 32).reduce((a, b) => a + b, 0);
    expect(night(spread)).toBeGreaterThan(night(one));
  });
});
