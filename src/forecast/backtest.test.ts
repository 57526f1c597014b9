import { describe, expect, it } from 'vitest';
import { backtest } from './backtest.js';
import type { HourlySeries } from './hourly-series.js';
import type { ForecastModel } from './model.js';
import { countRegressionModel } from './models/count-regression.js';
import { hourOfWeekModel } from './models/hour-of-week.js';
import { seasonalNaiveModel } from './models/seasonal-naive.js';
import { syntheticCounts } from './synthetic.js';

const start = Date.parse('2023-01-02T00:00:00Z');
const weeks = 40;
const series: HourlySeries = {
  department: 'synthetic',
  startMs: start,
  counts: syntheticCounts(start, weeks * 168, 21),
  timeZone: 'UTC',
};
const testStartMs = start + (weeks - 3) * 168 * 3_600_000;

describe('rolling-origin backtest', () => {
  it('never shows a model the hours at or after its origin', () => {
    const seen: number[] = [];
    const spy: ForecastModel = {
      id: 'spy',
      title: 'spy',
      forecast(input) {
        seen.push(input.history.length);
        return seasonalNaiveModel(168).forecast(input);
      },
    };
    const result = backtest(series, [spy], {
      testStartMs,
      horizon: 72,
      originStep: 24,
      calendar: { country: 'none' },
    });
    const firstOrigin = (testStartMs - start) / 3_600_000;
    expect(seen[0]).toBe(firstOrigin);
    expect(seen).toEqual(seen.map((_, i) => firstOrigin + 24 * i));
    expect(result.origins).toHaveLength(seen.length);
    // Last origin leaves a full horizon of data.
    expect(seen[seen.length - 1]! + 72).toBeLessThanOrEqual(series.counts.length);
    expect(seen[seen.length - 1]! + 96).toBeGreaterThan(series.counts.length);
  });

  it('scores models: the count regression beats the weekly seasonal naive with honest intervals', () => {
    const result = backtest(series, [seasonalNaiveModel(168), hourOfWeekModel(), countRegressionModel()], {
      testStartMs,
      horizon: 72,
      originStep: 48,
      calendar: { country: 'none' },
    });
    const [naive, how, count] = result.models;
    expect(count!.overall.mase).toBeLessThan(naive!.overall.mase * 0.85);
    expect(count!.overall.pinball).toBeLessThan(naive!.overall.pinball);
    expect(count!.overall.pinball).toBeLessThan(how!.overall.pinball * 1.02);
    expect(count!.overall.coverage80).toBeGreaterThan(0.72);
    expect(count!.overall.coverage80).toBeLessThan(0.9);
    expect(count!.overall.coverage95).toBeGreaterThan(0.9);
    expect(count!.byHourOfDay).toHaveLength(24);
    expect(count!.msPerOrigin).toBeLessThan(1000);
  });

  it('refuses a series too short for the first origin', () => {
    expect(() =>
      backtest(series, [hourOfWeekModel()], {
        testStartMs: start + 100 * 3_600_000,
        horizon: 72,
        calendar: { country: 'none' },
      }),
    ).toThrow(/series too short/);
  });
});
