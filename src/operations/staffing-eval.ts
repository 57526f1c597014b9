import { HealthGptError } from '../engine/errors.js';
import { buildCalendar } from '../forecast/calendar.js';
import type { HolidayCountry } from '../forecast/holidays.js';
import type { HourlySeries, IngestReport } from '../forecast/hourly-series.js';
import { ingestHourlyCsv } from '../forecast/ingest-hourly.js';
import { levelIndex } from '../forecast/model.js';
import { createModel, DEFAULT_MODEL, type ModelId } from '../forecast/models/registry.js';
import { HOUR_MS, isValidTimeZone, localHourToUtc, localParts } from '../forecast/time-zone.js';
import { seededRandom } from '../ml/random.js';
import { refineShiftPlan } from './refine.js';
import {
  allocateShiftPlan,
  coverWithShifts,
  DEFAULT_SIZING,
  flatRota,
  hourOfWeekTemplate,
  type SizingPolicy,
  sizeHours,
  staffHoursOf,
} from './rotas.js';
import {
  arrivalsFromCounts,
  DEFAULT_SERVICE,
  type ServiceDistribution,
  serviceCv,
  serviceSampler,
  simulateQueue,
  summarizeWaits,
  type WaitSummary,
} from './simulate.js';

export const ROTA_IDS = ['flat', 'template', 'forecast'] as const;
export type RotaId = (typeof ROTA_IDS)[number];

export interface StaffingEvaluationOptions {
  /** `YYYY-MM-DD`: the simulated period starts at 00:00 that day (in `timeZone`). */
  readonly testStart: string;
  /** Weeks simulated (default 8). */
  readonly weeks?: number;
  /** Simulation seeds (default 5); each seed redraws arrival times within the hour and service times. */
  readonly seeds?: number;
  /** First seed (default 1); seeds are `seed … seed + seeds − 1`. */
  readonly seed?: number;
  readonly timeZone?: string;
  readonly country?: HolidayCountry;
  /** Forecast model for the forecast-driven rota (default: the forecast module's default). */
  readonly model?: ModelId;
  readonly service?: ServiceDistribution;
  readonly sizing?: Partial<Omit<SizingPolicy, 'meanServiceMinutes' | 'serviceCv'>>;
  /** Weeks of history the template averages (default 8, fewer when the history is shorter, at least 2). */
  readonly templateWeeks?: number;
  /**
   * Staff-hours every rota gets; default: the current rota's staff-hours over the period when `currentRota` is
   * given, else what the forecast-driven plan needs for the waiting target.
   */
  readonly staffHours?: number;
  /**
   * The department's current rota, simulated as given beside the three: clinicians per local hour of day (24
   * values, every day alike) or per local hour of week (168 values, Monday 00:00 first).
   */
  readonly currentRota?: readonly number[];
}

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** One rota's simulated waits: means over seeds, with 95 % t-intervals of those means. */
export interface RotaResult {
  readonly mean_wait_min: number;
  readonly p90_wait_min: number;
  readonly share_over_4h: number;
  readonly staff_hours: number;
  readonly interval95: {
    readonly mean_wait_min: Interval;
    readonly p90_wait_min: Interval;
    readonly share_over_4h: Interval;
  };
  readonly min_staff: number;
  readonly max_staff: number;
}

/** The contract of `healthgpt eval staffing --json` (the fields the issue fixes, then extras). */
export interface StaffingEvaluation {
  readonly weeks: number;
  readonly staff_hours: number;
  readonly rotas: Readonly<Record<RotaId, RotaResult>>;
  readonly seeds: number;
  readonly first_hour: string;
  readonly last_hour: string;
  readonly patients: number;
  /** The department's current rota (`currentRota`), as given: its own staff-hours, not scaled. */
  readonly current?: RotaResult;
  /** 1 − forecast / other, for the mean wait (positive: the forecast-driven rota waits less). */
  readonly mean_wait_reduction: {
    readonly vs_flat: number;
    readonly vs_template: number;
    readonly vs_current?: number;
  };
  readonly assumptions: {
    readonly service: ServiceDistribution;
    readonly sizing: SizingPolicy;
    readonly model: ModelId;
    readonly template_weeks: number;
    readonly staff_hours_from: 'forecast-plan' | 'given' | 'current';
  };
  readonly planning_ms: number;
  readonly simulation_ms: number;
  readonly ingest: IngestReport;
}

/** The three rotas over the simulated hours, before simulation. */
export interface Rotas {
  readonly staffHours: number;
  readonly rotas: Readonly<Record<RotaId, readonly number[]>>;
  /**
   * The template and forecast-driven plans sized for the waiting target (Erlang C at the staff quantile, shifts),
   * with their own staff-hours; the forecast plan's is the default budget.
   */
  readonly plans: { readonly template: readonly number[]; readonly forecast: readonly number[] };
  /**
   * Arrival rates each rota plans with, per day from 00:00 that day for 72 hours: the forecast's `staffQuantile`
   * quantile, or the template's hour-of-week means.
   */
  readonly rates: { readonly template: readonly Float64Array[]; readonly forecast: readonly Float64Array[] };
  /**
   * Mean arrivals per hour each rota's simulation refinement draws its arrival paths from, per day from 00:00 for
   * 72 hours: the forecast's mean, or the template's hour-of-week means.
   */
  readonly demand: { readonly template: readonly Float64Array[]; readonly forecast: readonly Float64Array[] };
  readonly templateWeeks: number;
}

/**
 * Builds the flat, template and forecast-driven rotas for `hours` hours from series index `start`, at equal
 * staff-hours. Forecast-driven: each day at 00:00 the model is refitted on the counts before that hour only and
 * forecasts 72 h. The budget (by default) is what the forecast needs for the waiting target: each hour sized by
 * Erlang C for the `staffQuantile` forecast, covered by shifts of `shiftHours`, only the shifts starting in the first
 * 24 h committed (the next day re-plans). At that budget (or the one given) the forecast-driven and template rotas
 * are then built by `allocateShifts` — shifts placed where they shorten the expected wait most — from the
 * `staffQuantile` forecast made each day and from the hour-of-week means of the `templateWeeks` weeks before `start`
 * (fixed for the period); the flat rota spreads the same staff-hours evenly.
 */
export function planRotas(
  series: HourlySeries,
  start: number,
  hours: number,
  options: {
    readonly sizing: SizingPolicy;
    readonly model: ModelId;
    readonly country: HolidayCountry;
    readonly templateWeeks: number;
    readonly staffHours?: number;
    /** Clinician time the refinement simulates (default `DEFAULT_SERVICE`). */
    readonly service?: ServiceDistribution;
  },
): Rotas {
  const { sizing } = options;
  const horizon = 72;
  const calendar = buildCalendar(series.startMs, start + hours + horizon, {
    timeZone: series.timeZone,
    country: options.country,
  });
  const model = createModel(options.model);
  const q = levelIndex(sizing.staffQuantile);
  const coverage = new Int32Array(hours + horizon + sizing.shiftHours);
  const forecastRates: Float64Array[] = [];
  const forecastMeans: Float64Array[] = [];
  for (let day = 0; day * 24 < hours; day++) {
    const origin = start + day * 24;
    const forecast = model.forecast({
      history: series.counts.subarray(0, origin),
      startMs: series.startMs,
      calendar,
      horizon,
    });
    forecastRates.push(forecast.quantiles[q]!);
    forecastMeans.push(forecast.mean);
    const required = sizeHours(forecast.quantiles[q]!, sizing);
    coverWithShifts(required, sizing.shiftHours, coverage, day * 24, 24);
  }
  const forecastPlan = Array.from(coverage.subarray(0, hours));
  const template = hourOfWeekTemplate(series.counts, start, options.templateWeeks, hours + horizon);
  const templateCoverage = new Int32Array(hours + sizing.shiftHours);
  coverWithShifts(sizeHours(template.subarray(0, hours), sizing), sizing.shiftHours, templateCoverage);
  const templatePlan = Array.from(templateCoverage.subarray(0, hours));
  const plans = { template: templatePlan, forecast: forecastPlan };
  const rates = {
    template: forecastRates.map((_, day) => template.subarray(day * 24, day * 24 + horizon)),
    forecast: forecastRates,
  };
  const demand = { template: rates.template, forecast: forecastMeans };
  const staffHours = options.staffHours ?? staffHoursOf(forecastPlan);
  return {
    staffHours,
    templateWeeks: options.templateWeeks,
    plans,
    rates,
    demand,
    rotas: rotasAtStaffHours({ plans, rates, demand }, staffHours, sizing, options.service),
  };
}

/** Simulated arrival paths per day in the shift refinement (chosen on the windows before the benchmark's). */
export const REFINE_PATHS = 32;
/** Standard errors of evidence a refinement move needs (chosen there too: 1.5 against 0). */
export const REFINE_EVIDENCE = 1.5;

/**
 * The three rotas at `staffHours`: flat, and the template and forecast-driven rotas built alike — shifts placed by
 * `allocateShifts` from the rates each plans with (so a smaller budget is cut where it costs the least expected
 * wait), then moved day by day by `refineShiftPlan` where a simulation of the queue on arrival paths drawn from each
 * one's own demand (`plan.demand`) says they shorten the wait.
 */
export function rotasAtStaffHours(
  plan: Pick<Rotas, 'plans' | 'rates' | 'demand'>,
  staffHours: number,
  sizing: SizingPolicy,
  service: ServiceDistribution = DEFAULT_SERVICE,
): Record<RotaId, readonly number[]> {
  const hours = plan.plans.forecast.length;
  const build = (rates: readonly Float64Array[], demand: readonly Float64Array[]) =>
    refineShiftPlan(
      allocateShiftPlan((day) => [rates[day]!], hours, staffHours, sizing),
      (day) => demand[day]!,
      hours,
      sizing,
      { service, paths: REFINE_PATHS, minEvidence: REFINE_EVIDENCE },
    );
  return {
    flat: flatRota(hours, staffHours, sizing.minStaff),
    template: build(plan.rates.template, plan.demand.template),
    forecast: build(plan.rates.forecast, plan.demand.forecast),
  };
}

/** Two-sided 97.5 % Student t quantiles for 1…30 degrees of freedom (then the normal 1.96). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Mean of `values` and its 95 % t-interval (a single value: the interval is that value). */
export function meanInterval(values: readonly number[]): { mean: number; interval: Interval } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean, interval: { lower: mean, upper: mean } };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const half = (T975[n - 2] ?? 1.96) * (sd / Math.sqrt(n));
  return { mean, interval: { lower: mean - half, upper: mean + half } };
}

const r2 = (v: number) => Math.round(v * 100) / 100;
const r4 = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * Simulates each rota against the real arrivals of the period, `seeds` times with common random numbers (the same
 * arrival times and service times for every rota within a seed, so differences are the rotas').
 */
export function simulateRotas<K extends string = RotaId>(
  counts: ArrayLike<number>,
  rotas: Readonly<Record<K, readonly number[]>>,
  service: ServiceDistribution,
  seeds: number,
  firstSeed = 1,
): { perSeed: Record<K, WaitSummary[]>; patients: number } {
  const ids = Object.keys(rotas) as K[];
  const perSeed = Object.fromEntries(ids.map((id) => [id, [] as WaitSummary[]])) as Record<K, WaitSummary[]>;
  let patients = 0;
  for (let s = 0; s < seeds; s++) {
    const random = seededRandom(firstSeed + s);
    const arrivals = arrivalsFromCounts(counts, random);
    const draw = serviceSampler(service, random);
    const times = Float64Array.from({ length: arrivals.length }, () => draw());
    patients = arrivals.length;
    for (const id of ids)
      perSeed[id].push(summarizeWaits(simulateQueue({ arrivals, service: times, staff: rotas[id] })));
  }
  return { perSeed, patients };
}

function rotaResult(summaries: readonly WaitSummary[], staff: readonly number[]): RotaResult {
  const mean = meanInterval(summaries.map((s) => s.meanWaitMin));
  const p90 = meanInterval(summaries.map((s) => s.p90WaitMin));
  const over = meanInterval(summaries.map((s) => s.shareOver4h));
  const iv = (i: Interval, f: (v: number) => number) => ({ lower: f(i.lower), upper: f(i.upper) });
  return {
    mean_wait_min: r2(mean.mean),
    p90_wait_min: r2(p90.mean),
    share_over_4h: r4(over.mean),
    staff_hours: staffHoursOf(staff),
    interval95: {
      mean_wait_min: iv(mean.interval, r2),
      p90_wait_min: iv(p90.interval, r2),
      share_over_4h: iv(over.interval, (v) => r4(Math.max(v, 0))),
    },
    min_staff: Math.min(...staff),
    max_staff: Math.max(...staff),
  };
}

/** Upper bounds of the simulation and sizing options: far beyond them a run would hang rather than answer. */
export const MAX_SEEDS = 100;
export const MAX_SHIFT_HOURS = 24;
export const MAX_MIN_STAFF = 1000;
/** Staff-hours may give at most this many clinicians an hour on average (or `minStaff`, when higher). */
export const MAX_MEAN_STAFF = 100;

function positiveInteger(value: number | undefined, fallback: number, flag: string): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1)
    throw HealthGptError.invalid(`${flag} must be a positive whole number (got ${v})`);
  return v;
}

/** Index of 00:00 local on `testStart` in `series`, checked to lie inside it. */
export function testStartIndex(series: HourlySeries, testStart: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(testStart);
  if (!m) throw HealthGptError.invalid(`--test-start '${testStart}' is not YYYY-MM-DD`);
  const ms = localHourToUtc(Number(m[1]), Number(m[2]), Number(m[3]), 0, series.timeZone)[0];
  if (ms === undefined)
    throw HealthGptError.invalid(`00:00 on ${testStart} does not exist in ${series.timeZone}`);
  const index = Math.round((ms - series.startMs) / HOUR_MS);
  const last = new Date(series.startMs + (series.counts.length - 1) * HOUR_MS).toISOString();
  const first = new Date(series.startMs).toISOString();
  if (index < 0 || index >= series.counts.length)
    throw HealthGptError.invalid(`--test-start ${testStart} is outside the series (${first} … ${last})`);
  return index;
}

/**
 * A current rota given per local hour of day (24 values) or of week (168, Monday 00:00 first), laid over `hours`
 * hours of the series from index `start` by each hour's local time (so it follows daylight-saving changes).
 */
export function expandCurrentRota(
  rota: readonly number[],
  series: HourlySeries,
  start: number,
  hours: number,
): number[] {
  if (rota.length !== 24 && rota.length !== 168)
    throw HealthGptError.invalid(
      `the current rota needs 24 values (per hour of day) or 168 (per hour of week, Monday 00:00 first); got ${rota.length}`,
    );
  for (const [i, v] of rota.entries())
    if (!Number.isInteger(v) || v < 0 || v > 10_000)
      throw HealthGptError.invalid(`current rota value ${i + 1} must be a whole number ≥ 0 (got ${v})`);
  if (rota.every((v) => v === 0))
    throw HealthGptError.invalid('the current rota has no clinician at any hour');
  return Array.from({ length: hours }, (_, h) => {
    const local = localParts(series.startMs + (start + h) * HOUR_MS, series.timeZone);
    return rota[rota.length === 24 ? local.hour : local.weekday * 24 + local.hour]!;
  });
}

/**
 * `healthgpt eval staffing`: flat, historical-template and forecast-driven rotas at equal staff-hours, each
 * simulated against the series' real arrivals over `weeks` weeks from `testStart`.
 */
export function evaluateStaffing(
  series: HourlySeries,
  ingest: IngestReport,
  options: StaffingEvaluationOptions,
): StaffingEvaluation {
  const weeks = positiveInteger(options.weeks, 8, '--weeks');
  const seeds = positiveInteger(options.seeds, 5, '--seeds');
  if (seeds > MAX_SEEDS) throw HealthGptError.invalid(`--seeds must be at most ${MAX_SEEDS}`);
  const start = testStartIndex(series, options.testStart);
  const hours = weeks * 168;
  if (start + hours > series.counts.length) {
    const days = Math.floor((series.counts.length - start) / 24);
    throw HealthGptError.invalid(
      `${weeks} week(s) from ${options.testStart} need ${weeks * 7} days of data; the series has ${days} from there`,
    );
  }
  const historyWeeks = Math.floor(start / 168);
  if (historyWeeks < 2)
    throw HealthGptError.invalid(
      `--test-start ${options.testStart} leaves ${start} hours of history; the forecast and template need two weeks`,
    );
  const templateWeeks = Math.min(positiveInteger(options.templateWeeks, 8, 'template weeks'), historyWeeks);
  const service = options.service ?? DEFAULT_SERVICE;
  const sizing: SizingPolicy = {
    ...DEFAULT_SIZING,
    ...options.sizing,
    meanServiceMinutes: service.meanMinutes,
    serviceCv: serviceCv(service),
  };
  const shiftHours = positiveInteger(sizing.shiftHours, 8, '--shift-hours');
  if (shiftHours > MAX_SHIFT_HOURS)
    throw HealthGptError.invalid(`--shift-hours must be at most ${MAX_SHIFT_HOURS} (got ${shiftHours})`);
  if (!Number.isInteger(sizing.minStaff) || sizing.minStaff < 1)
    throw HealthGptError.invalid('minimum staff must be a whole number ≥ 1');
  if (sizing.minStaff > MAX_MIN_STAFF)
    throw HealthGptError.invalid(
      `--min-staff must be at most ${MAX_MIN_STAFF} clinicians an hour (got ${sizing.minStaff})`,
    );
  if (options.staffHours !== undefined) {
    positiveInteger(options.staffHours, 1, '--staff-hours');
    // The planner's work grows with the staff-hours above the minimum cover: bound them by a plausible department.
    const cap = Math.max(MAX_MEAN_STAFF, sizing.minStaff) * hours;
    if (options.staffHours > cap)
      throw HealthGptError.invalid(
        `--staff-hours must be at most ${cap} (${Math.max(MAX_MEAN_STAFF, sizing.minStaff)} clinicians an hour over ${hours} hours; got ${options.staffHours})`,
      );
  }
  const model = options.model ?? DEFAULT_MODEL;
  const current = options.currentRota
    ? expandCurrentRota(options.currentRota, series, start, hours)
    : undefined;
  const staffHours = options.staffHours ?? (current ? staffHoursOf(current) : undefined);
  const t0 = performance.now();
  const plan = planRotas(series, start, hours, {
    sizing,
    model,
    country: options.country ?? 'none',
    templateWeeks,
    service,
    ...(staffHours !== undefined ? { staffHours } : {}),
  });
  const t1 = performance.now();
  const counts = series.counts.subarray(start, start + hours);
  // `perSeed.current` exists only when a current rota is given (read only then).
  const { perSeed, patients } = simulateRotas<RotaId | 'current'>(
    counts,
    (current ? { ...plan.rotas, current } : plan.rotas) as Record<RotaId | 'current', readonly number[]>,
    service,
    seeds,
    options.seed ?? 1,
  );
  const t2 = performance.now();
  const rotas = {
    flat: rotaResult(perSeed.flat, plan.rotas.flat),
    template: rotaResult(perSeed.template, plan.rotas.template),
    forecast: rotaResult(perSeed.forecast, plan.rotas.forecast),
  };
  const currentResult = current ? rotaResult(perSeed.current, current) : undefined;
  const reduction = (other: number) => (other > 0 ? r4(1 - rotas.forecast.mean_wait_min / other) : 0);
  return {
    weeks,
    staff_hours: plan.staffHours,
    rotas,
    seeds,
    first_hour: new Date(series.startMs + start * HOUR_MS).toISOString(),
    last_hour: new Date(series.startMs + (start + hours - 1) * HOUR_MS).toISOString(),
    patients,
    ...(currentResult ? { current: currentResult } : {}),
    mean_wait_reduction: {
      vs_flat: reduction(rotas.flat.mean_wait_min),
      vs_template: reduction(rotas.template.mean_wait_min),
      ...(currentResult ? { vs_current: reduction(currentResult.mean_wait_min) } : {}),
    },
    assumptions: {
      service,
      sizing,
      model,
      template_weeks: templateWeeks,
      staff_hours_from: options.staffHours !== undefined ? 'given' : current ? 'current' : 'forecast-plan',
    },
    planning_ms: Math.round(t1 - t0),
    simulation_ms: Math.round(t2 - t1),
    ingest,
  };
}

/** `evaluateStaffing` on the text of a `timestamp,count` CSV (read through the forecast module's ingest). */
export function evaluateStaffingCsv(csv: string, options: StaffingEvaluationOptions): StaffingEvaluation {
  const timeZone = options.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw HealthGptError.invalid(`unknown time zone '${timeZone}'`);
  const { series, report } = ingestHourlyCsv(csv, { timeZone });
  return evaluateStaffing(series, report, options);
}
