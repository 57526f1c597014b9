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

  it('with the hour-of-week correction, follows a slot the Fourier terms cannot fit (Tuesday 03:00 tripled)', () => {
    // History starts Monday 00:00 UTC and is whole weeks, so the forecast's hour 27 is Tuesday 03:00.
    const day = calendar.weekday[n + 27];
    const spiked = Float64Array.from(counts, (v, t) =>
      calendar.weekday[t] === day && calendar.hourOfDay[t] === 3 ? v * 3 : v,
    );
    const input = { history: spiked, startMs: start, calendar, horizon: 72 };
    const plain = countRegressionModel().forecast(input);
    const corrected = countRegressionModel({ slotPseudoCount: 20 }).forecast(input);
    expect(new Date(start + (n + 27) * 3_600_000).getUTCDay()).toBe(2);
    expect(calendar.hourOfDay[n + 27]).toBe(3);
    expect(corrected.mean[27]!).toBeGreaterThan(plain.mean[27]! * 1.3);
    // Elsewhere it stays close to the plain model.
    expect(Math.abs(corrected.mean[40]! / plain.mean[40]! - 1)).toBeLessThan(0.1);
  });
});
