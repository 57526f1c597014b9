import { backtest } from './backtest.js';
import { covariateMatrix, parseCovariateCsv } from './covariates.js';
import type { HolidayCountry } from './holidays.js';
import type { IngestReport } from './hourly-series.js';
import { ForecastInputError } from './ingest-error.js';
import { ingestHourlyCsv } from './ingest-hourly.js';
import { createModel, DEFAULT_MODEL, type ModelId } from './models/registry.js';
import { localHourToUtc } from './time-zone.js';

export interface EvaluationOptions {
  /** `YYYY-MM-DD`: the first origin is 00:00 that day (in `timeZone`). */
  readonly testStart: string;
  readonly horizon?: number;
  readonly originStep?: number;
  readonly covariatesCsv?: string;
  readonly model?: ModelId;
  readonly country?: HolidayCountry;
  readonly timeZone?: string;
}

/** The evaluation contract of `healthgpt eval forecast --json` (field names fixed). */
export interface EvaluationResult {
  readonly n_origins: number;
  readonly horizon: number;
  readonly model: {
    readonly id: string;
    readonly mase: number;
    readonly rmse: number;
    readonly mae: number;
    readonly pinball: number;
    readonly coverage80: number;
    readonly coverage95: number;
  };
  readonly seasonal_naive: { readonly mase: number; readonly rmse: number; readonly mae: number };
  readonly ms_per_origin: number;
  readonly first_origin: string;
  readonly last_origin: string;
  readonly ingest: IngestReport;
}

const r4 = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * Rolling-origin evaluation of an hourly `timestamp,count` CSV: origins at 00:00 from `testStart`, every `originStep`
 * hours while `horizon` hours of data remain; at each origin the model is fitted on the rows before it only.
 * Compared with the weekly seasonal naive on the same origins.
 */
export function evaluateSeriesCsv(csv: string, options: EvaluationOptions): EvaluationResult {
  const horizon = options.horizon ?? 72;
  const originStep = options.originStep ?? 24;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 168) {
    throw new ForecastInputError('--horizon must be a whole number of hours from 1 to 168');
  }
  if (!Number.isInteger(originStep) || originStep < 1)
    throw new ForecastInputError('--origin-step must be ≥ 1 hour');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.testStart);
  if (!m) throw new ForecastInputError(`--test-start '${options.testStart}' is not YYYY-MM-DD`);
  const timeZone = options.timeZone ?? 'UTC';
  const testStartMs = localHourToUtc(Number(m[1]), Number(m[2]), Number(m[3]), 0, timeZone)[0];
  if (testStartMs === undefined)
    throw new ForecastInputError(`00:00 on ${options.testStart} does not exist in ${timeZone}`);
  const { series, report } = ingestHourlyCsv(csv, { timeZone });
  if (testStartMs < series.startMs)
    throw new ForecastInputError(`--test-start is before the first row (${report.firstHour})`);
  const covariates = options.covariatesCsv
    ? covariateMatrix(
        parseCovariateCsv(options.covariatesCsv, { timeZone }),
        series.startMs,
        series.counts.length,
      )
    : undefined;
  const modelId = options.model ?? DEFAULT_MODEL;
  const result = backtest(series, [createModel(modelId), createModel('seasonal-naive-weekly')], {
    testStartMs,
    horizon,
    originStep,
    calendar: { country: options.country ?? 'none' },
    ...(covariates ? { covariates } : {}),
  });
  const [model, naive] = result.models;
  const o = model!.overall;
  return {
    n_origins: result.origins.length,
    horizon,
    model: {
      id: modelId,
      mase: r4(o.mase),
      rmse: r4(o.rmse),
      mae: r4(o.mae),
      pinball: r4(o.pinball),
      coverage80: r4(o.coverage80),
      coverage95: r4(o.coverage95),
    },
    seasonal_naive: {
      mase: r4(naive!.overall.mase),
      rmse: r4(naive!.overall.rmse),
      mae: r4(naive!.overall.mae),
    },
    ms_per_origin: Math.round(model!.msPerOrigin * 10) / 10,
    first_origin: result.origins[0]!,
    last_origin: result.origins[result.origins.length - 1]!,
    ingest: report,
  };
}
