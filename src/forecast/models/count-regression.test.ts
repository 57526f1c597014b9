import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../calendar.js';
import { syntheticCounts } from '../synthetic.js';
import { countRegressionModel } from './count-regression.js';

const start = Date.parse('2023-01-02T00:00:00Z');
const n = 30 * 168;
const counts = syntheticCounts(start, n, 17);
const calendar = buildCalendar(start, n + 72, { timeZone: 'UTC', country: 'US' });

describe('count regression', () => {
  it('uses covariates only as known before the origin', () => {
    const ili = Float64Array.from({ length: n + 72 }, (_, t) => 1 + Math.sin(t / 500));
    const altered = Float64Array.from(ili, (v, t) => (t >= n ? 99 : v));
    const input = (values: Float64Array) => ({
      history: counts,
      startMs: start,
      calendar,
      horizon: 72,
      covariates: { names: ['ili'], values: [values] },
    });
    const a = countRegressionModel().forecast(input(ili));
    const b = countRegressionModel().forecast(input(altered));
    expect(Array.from(b.mean)).toEqual(Array.from(a.mean));
  });

  it('lowers the forecast on a public holiday it has learned from (synthetic holidays at half volume)', () => {
    // History to Sunday 3 September 2023 (35 weeks); Monday 4 September is Labor Day.
    const end = 35 * 168;
    const holidayCalendar = buildCalendar(start, end + 48, { timeZone: 'UTC', country: 'US' });
    const base = syntheticCounts(start, end, 17);
    const history = Float64Array.from(base, (v, t) =>
      holidayCalendar.holiday[t]! > 0 ? Math.round(v / 2) : v,
    );
    const f = countRegressionModel().forecast({
      history,
      startMs: start,
      calendar: holidayCalendar,
      horizon: 48,
    });
    const holidayTotal = f.mean.subarray(0, 24).reduce((s, v) => s + v, 0);
    const nextDayTotal = f.mean.subarray(24, 48).reduce((s, v) => s + v, 0);
    expect(holidayCalendar.holiday[end]).toBe(1);
    expect(holidayTotal).toBeLessThan(nextDayTotal * 0.85);
  });
});
