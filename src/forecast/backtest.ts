import { buildCalendar, type CalendarOptions, type HourCalendar } from './calendar.js';
import type { CovariateMatrix } from './covariates.js';
import type { HourlySeries } from './hourly-series.js';
import { ForecastInputError } from './ingest-error.js';
import { ErrorAccumulator, type ForecastScores, weeklyNaiveScaleLookup } from './metrics.js';
import type { ForecastModel, ProbabilisticForecast } from './model.js';
import { HOUR_MS } from './time-zone.js';

export interface BacktestOptions {
  /** First origin, epoch ms (00:00 of the test-start day). */
  readonly testStartMs: number;
  readonly horizon: number;
  /** Hours between origins (default 24). */
  readonly originStep?: number;
  /** Keep every k-th origin only (benchmark subsampling; default 1 = all). */
  readonly originStride?: number;
  /** Last hour (exclusive) the test may use; default the end of the series. */
  readonly endIndex?: number;
  readonly calendar: Omit<CalendarOptions, 'timeZone'>;
  readonly covariates?: CovariateMatrix;
  /** Minimum history before the first origin, hours (default 2 weeks + 1 h, for weekly seasonality and MASE). */
  readonly minHistory?: number;
  readonly onOrigin?: (done: number, total: number) => void;
}

export interface HourOfDayError {
  readonly hour: number;
  readonly mae: number;
  readonly pinball: number;
}

export interface ModelBacktest {
  readonly id: string;
  readonly title: string;
  readonly overall: ForecastScores;
  /** Hours that fall on a public holiday. */
  readonly holiday: ForecastScores;
  /** Hours in December–March (northern influenza season). */
  readonly fluSeason: ForecastScores;
  readonly byHourOfDay: readonly HourOfDayError[];
  readonly msPerOrigin: number;
  /** Per-origin MAE, for paired comparisons. */
  readonly originMae: readonly number[];
}

export interface BacktestResult {
  readonly origins: readonly string[];
  readonly horizon: number;
  readonly models: readonly ModelBacktest[];
}

/**
 * Rolling-origin evaluation (Tashman, "Out-of-sample tests of forecasting accuracy", IJF 2000): at each origin every
 * model is refitted on the counts before it only — the history is a view that ends at the origin, and covariates are
 * cut there too — and forecasts `horizon` hours, scored against what happened. Origins run from `testStartMs` every
 * `originStep` hours while a full horizon of data remains.
 */
export function backtest(
  series: HourlySeries,
  models: readonly ForecastModel[],
  options: BacktestOptions,
): BacktestResult {
  const n = options.endIndex ?? series.counts.length;
  const step = options.originStep ?? 24;
  const stride = options.originStride ?? 1;
  const first = Math.round((options.testStartMs - series.startMs) / HOUR_MS);
  const minHistory = options.minHistory ?? 337;
  if (first < minHistory) {
    throw new ForecastInputError(
      `series too short: ${first} hours before the first origin, need at least ${minHistory} (two weeks of history)`,
    );
  }
  const originIndexes: number[] = [];
  for (let o = first, k = 0; o + options.horizon <= n; o += step, k++)
    if (k % stride === 0) originIndexes.push(o);
  if (originIndexes.length === 0) {
    throw new ForecastInputError(
      `no origin with ${options.horizon} hours of data after it from the test start`,
    );
  }
  const calendar: HourCalendar = buildCalendar(series.startMs, n, {
    ...options.calendar,
    timeZone: series.timeZone,
  });
  const scale = weeklyNaiveScaleLookup(series.counts);
  const state = models.map(() => ({
    overall: new ErrorAccumulator(),
    holiday: new ErrorAccumulator(),
    flu: new ErrorAccumulator(),
    hourAbs: new Float64Array(24),
    hourPinball: new Float64Array(24),
    hourCount: new Float64Array(24),
    ms: 0,
    originMae: [] as number[],
  }));
  originIndexes.forEach((origin, done) => {
    const history = series.counts.subarray(0, origin);
    const covariates = options.covariates
      ? {
          names: options.covariates.names,
          values: options.covariates.values.map((v) => v.subarray(0, origin)),
        }
      : undefined;
    models.forEach((model, m) => {
      const s = state[m]!;
      const started = performance.now();
      const forecast: ProbabilisticForecast = model.forecast({
        history,
        startMs: series.startMs,
        calendar,
        ...(covariates ? { covariates } : {}),
        horizon: options.horizon,
      });
      s.ms += performance.now() - started;
      let abs = 0;
      const originScale = scale(origin);
      const hourAcc = new ErrorAccumulator();
      for (let h = 0; h < options.horizon; h++) {
        const t = origin + h;
        const y = series.counts[t]!;
        s.overall.addHour(forecast, h, y, originScale);
        if (calendar.holiday[t]! > 0) s.holiday.addHour(forecast, h, y, originScale);
        if (calendar.fluSeason[t]! > 0) s.flu.addHour(forecast, h, y, originScale);
        abs += Math.abs(y - forecast.mean[h]!);
        hourAcc.count = 0;
        hourAcc.pinballSum = 0;
        hourAcc.addHour(forecast, h, y);
        const hod = calendar.hourOfDay[t]!;
        s.hourAbs[hod]! += Math.abs(y - forecast.mean[h]!);
        s.hourPinball[hod]! += hourAcc.pinballSum;
        s.hourCount[hod]! += 1;
      }
      s.originMae.push(abs / options.horizon);
    });
    options.onOrigin?.(done + 1, originIndexes.length);
  });
  return {
    origins: originIndexes.map((o) => new Date(series.startMs + o * HOUR_MS).toISOString()),
    horizon: options.horizon,
    models: models.map((model, m) => {
      const s = state[m]!;
      return {
        id: model.id,
        title: model.title,
        overall: s.overall.summary(),
        holiday: s.holiday.summary(),
        fluSeason: s.flu.summary(),
        byHourOfDay: Array.from({ length: 24 }, (_, hour) => ({
          hour,
          mae: s.hourAbs[hour]! / Math.max(s.hourCount[hour]!, 1),
          pinball: s.hourPinball[hour]! / Math.max(s.hourCount[hour]!, 1),
        })),
        msPerOrigin: s.ms / originIndexes.length,
        originMae: s.originMae,
      };
    }),
  };
}
