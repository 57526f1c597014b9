import { describe, expect, it } from 'vitest';
import { ingestHourlyCsv } from '../forecast/ingest-hourly.js';
import { syntheticCsv } from '../forecast/synthetic.js';
import { evaluateScannerBooking, simulateBooking } from './scanner.js';

describe('simulateBooking', () => {
  it('books first come first served from the next day, counting waits in days', () => {
    // Day 0: 3 requests; day 1: 2 slots → two wait 1 day; day 2: 2 slots → one waits 2 days; 1 unused.
    const r = simulateBooking([3, 0, 0], [0, 2, 2]);
    expect(r.waits).toEqual([1, 1, 2]);
    expect(r.unused).toBe(1);
    expect(r.maxBacklog).toBe(3);
  });

  it('serves what is left after the period at the last day’s rate (at least one a day)', () => {
    const r = simulateBooking([2, 0], [0, 0]);
    expect(r.waits).toEqual([2, 3]);
  });
});

describe('evaluateScannerBooking', () => {
  const { series } = ingestHourlyCsv(syntheticCsv('2024-01-01T00:00:00Z', 8 * 168, 3, 8));
  const r = evaluateScannerBooking(series, {
    testStart: '2024-01-29',
    weeks: 2,
    seeds: 3,
    model: 'hour-of-week',
  });

  it('gives both policies the same slots and waits of at least one day', () => {
    expect(r.policies.fixed.slots_total).toBe(r.policies.forecast.slots_total);
    expect(r.policies.fixed.mean_wait_days).toBeGreaterThanOrEqual(1);
    expect(r.policies.forecast.mean_wait_days).toBeGreaterThanOrEqual(1);
    expect(r.days).toBe(14);
  });

  it('rejects bad input', () => {
    expect(() => evaluateScannerBooking(series, { testStart: '2030-01-01', model: 'hour-of-week' })).toThrow(
      /outside the series/,
    );
    expect(() => evaluateScannerBooking(series, { testStart: '2024-01-29', weeks: 0 })).toThrow(/--weeks/);
    expect(() => evaluateScannerBooking(series, { testStart: '2024-01-29', share: 2 })).toThrow(/share/);
    expect(() => evaluateScannerBooking(series, { testStart: '2024-01-29', seeds: 100_000_000 })).toThrow(
      /--seeds must be at most 100/,
    );
  });
});
