import { buildCalendar } from '../../src/forecast/calendar.js';
import type { ProbabilisticForecast } from '../../src/forecast/model.js';
import { countRegressionModel } from '../../src/forecast/models/count-regression.js';
import type { BenchSeries } from '../forecast/datasets.js';

/**
 * The count regression's 72-hour forecast made at 00:00 of each day of `hours` hours from series index `start`,
 * each refitted on the counts before its origin only (as the forecast-driven rota plans).
 */
export function dailyForecasts(bench: BenchSeries, start: number, hours: number): ProbabilisticForecast[] {
  const { series } = bench;
  const calendar = buildCalendar(series.startMs, start + hours + 72, {
    timeZone: series.timeZone,
    country: bench.country,
  });
  const model = countRegressionModel();
  const out: ProbabilisticForecast[] = [];
  for (let day = 0; day * 24 < hours; day++)
    out.push(
      model.forecast({
        history: series.counts.subarray(0, start + day * 24),
        startMs: series.startMs,
        calendar,
        horizon: 72,
      }),
    );
  return out;
}
