import { buildCalendar, type DateRange } from './calendar.js';
import type { CovariateMatrix } from './covariates.js';
import type { HolidayCountry } from './holidays.js';
import { type HourlySeries, hourIso, type IngestReport } from './hourly-series.js';
import { ForecastInputError } from './ingest-error.js';
import { levelIndex, QUANTILE_LEVELS } from './model.js';
import { createModel, DEFAULT_MODEL, type ModelId } from './models/registry.js';
import {
  DEFAULT_POLICIES,
  planStaffing,
  type ResourcePolicy,
  type StaffingPlan,
  type SurgeAlert,
} from './staffing.js';

/** Two weeks: weekly seasonality needs at least two cycles; the MASE scale needs one week of weekly differences. */
export const MIN_HISTORY_HOURS = 336;
export const MAX_HORIZON_HOURS = 168;

export interface DepartmentForecastOptions {
  readonly horizon?: number;
  readonly model?: ModelId;
  readonly country?: HolidayCountry;
  readonly schoolHolidays?: readonly DateRange[];
  /** Aligned to the series grid, at least as long as the series (values known as of each hour). */
  readonly covariates?: CovariateMatrix;
  readonly policies?: readonly ResourcePolicy[];
  /** Hours of history returned for the chart (default 168). */
  readonly historyHours?: number;
  readonly ingest?: IngestReport;
}

export interface ForecastHour {
  readonly hour: string;
  readonly mean: number;
  readonly median: number;
  readonly lower80: number;
  readonly upper80: number;
  readonly lower95: number;
  readonly upper95: number;
}

/** A department's forecast as stored and served: hours ahead, all quantiles, staffing plans and alerts. */
export interface DepartmentForecast {
  readonly department: string;
  readonly model: ModelId;
  readonly generatedAt: string;
  /** First forecast hour (the hour after the last observed one). */
  readonly origin: string;
  readonly horizon: number;
  readonly timeZone: string;
  readonly hours: readonly ForecastHour[];
  readonly quantileLevels: readonly number[];
  /** `quantiles[l][h]`. */
  readonly quantiles: readonly (readonly number[])[];
  readonly history: readonly { readonly hour: string; readonly count: number }[];
  readonly staffing: readonly StaffingPlan[];
  readonly alerts: readonly SurgeAlert[];
  readonly ingest?: IngestReport;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Forecasts the `horizon` hours after a department's series, with staffing and surge alerts. */
export function forecastDepartment(
  series: HourlySeries,
  options: DepartmentForecastOptions = {},
): DepartmentForecast {
  const horizon = options.horizon ?? 72;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON_HOURS) {
    throw new ForecastInputError(`horizon must be a whole number of hours from 1 to ${MAX_HORIZON_HOURS}`);
  }
  const n = series.counts.length;
  if (n < MIN_HISTORY_HOURS) {
    throw new ForecastInputError(
      `series too short: ${n} hours; at least ${MIN_HISTORY_HOURS} (two weeks) are needed for weekly seasonality`,
    );
  }
  const modelId = options.model ?? DEFAULT_MODEL;
  const calendar = buildCalendar(series.startMs, n + horizon, {
    timeZone: series.timeZone,
    country: options.country ?? 'none',
    ...(options.schoolHolidays ? { schoolHolidays: options.schoolHolidays } : {}),
  });
  const forecast = createModel(modelId).forecast({
    history: series.counts,
    startMs: series.startMs,
    calendar,
    ...(options.covariates ? { covariates: options.covariates } : {}),
    horizon,
  });
  const labels = Array.from({ length: horizon }, (_, h) => hourIso(series, n + h));
  const q = (level: number) => forecast.quantiles[levelIndex(level)]!;
  const hours = labels.map((hour, h) => ({
    hour,
    mean: round2(forecast.mean[h]!),
    median: round2(q(0.5)[h]!),
    lower80: round2(q(0.1)[h]!),
    upper80: round2(q(0.9)[h]!),
    lower95: round2(q(0.025)[h]!),
    upper95: round2(q(0.975)[h]!),
  }));
  const staffing: StaffingPlan[] = [];
  const alerts: SurgeAlert[] = [];
  for (const policy of options.policies ?? DEFAULT_POLICIES) {
    const result = planStaffing(forecast, labels, policy);
    staffing.push(result.plan);
    alerts.push(...result.alerts);
  }
  const historyHours = Math.min(options.historyHours ?? 168, n);
  return {
    department: series.department,
    model: modelId,
    generatedAt: new Date().toISOString(),
    origin: labels[0]!,
    horizon,
    timeZone: series.timeZone,
    hours,
    quantileLevels: QUANTILE_LEVELS,
    quantiles: forecast.quantiles.map((row) => Array.from(row, round2)),
    history: Array.from({ length: historyHours }, (_, i) => ({
      hour: hourIso(series, n - historyHours + i),
      count: series.counts[n - historyHours + i]!,
    })),
    staffing,
    alerts: alerts.sort((a, b) => a.hour.localeCompare(b.hour)),
    ...(options.ingest ? { ingest: options.ingest } : {}),
  };
}
