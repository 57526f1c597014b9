import { HealthGptError } from '../engine/errors.js';
import { buildCalendar } from '../forecast/calendar.js';
import type { HolidayCountry } from '../forecast/holidays.js';
import type { HourlySeries } from '../forecast/hourly-series.js';
import { createModel, DEFAULT_MODEL, type ModelId } from '../forecast/models/registry.js';
import { HOUR_MS } from '../forecast/time-zone.js';
import { seededRandom } from '../ml/random.js';
import { flatRota } from './rotas.js';
import { type Interval, MAX_SEEDS, meanInterval, testStartIndex } from './staffing-eval.js';

/**
 * Scanner (e.g. CT) booking in days: each day's requests join one first-come-first-served backlog and can be booked
 * from the next day on; each day serves up to that day's slots. Requests are the series' real arrivals thinned at
 * random with probability `share` (a stand-in: no booking data is available here), redrawn per seed.
 *
 * Two policies at equal total slots:
 * - **forecast-following**: slots are fixed `leadDays` ahead. At 00:00 each day the forecast model, refitted on the
 *   hours before, forecasts 72 h; the backlog is projected through the days already fixed (known backlog + forecast
 *   requests − fixed slots) and the slots of the day `leadDays` ahead are set to clear it (never below `minSlots`).
 *   The first `leadDays` days get the historical mean.
 * - **fixed**: the same total slots spread evenly over the days.
 */
export interface ScannerOptions {
  readonly testStart: string;
  readonly weeks?: number;
  readonly seeds?: number;
  /** Share of arrivals that need a booking (default 0.3, the forecast module's imaging demand share). */
  readonly share?: number;
  /** Days ahead slots are fixed (default 2, within the 72-hour forecast). */
  readonly leadDays?: number;
  readonly minSlots?: number;
  readonly model?: ModelId;
  readonly country?: HolidayCountry;
}

export interface BookingPolicyResult {
  readonly mean_wait_days: number;
  readonly p90_wait_days: number;
  readonly max_backlog: number;
  readonly slots_total: number;
  readonly unused_slots: number;
  readonly interval95: { readonly mean_wait_days: Interval; readonly p90_wait_days: Interval };
}

export interface ScannerEvaluation {
  readonly weeks: number;
  readonly days: number;
  readonly seeds: number;
  readonly requests: number;
  readonly policies: { readonly fixed: BookingPolicyResult; readonly forecast: BookingPolicyResult };
  readonly planning_ms: number;
}

interface DayRun {
  readonly waits: number[];
  readonly maxBacklog: number;
  readonly unused: number;
}

/** FIFO day-level booking: `requests[d]` arrive on day d, bookable from d + 1; `slots[d]` served on day d. */
export function simulateBooking(requests: readonly number[], slots: readonly number[]): DayRun {
  const queue: number[] = []; // request day per waiting request, FIFO
  let head = 0;
  const waits: number[] = [];
  let maxBacklog = 0;
  let unused = 0;
  for (let d = 0; d < slots.length; d++) {
    let free = slots[d]!;
    while (free > 0 && head < queue.length) {
      waits.push(d - queue[head++]!);
      free--;
    }
    unused += free;
    for (let k = 0; k < (requests[d] ?? 0); k++) queue.push(d);
    maxBacklog = Math.max(maxBacklog, queue.length - head);
  }
  // Requests still waiting at the end: served after the period at the last day's rate.
  const rate = Math.max(slots[slots.length - 1]!, 1);
  for (let i = head, d = slots.length; i < queue.length; d++)
    for (let k = 0; k < rate && i < queue.length; k++, i++) waits.push(d - queue[i]!);
  return { waits, maxBacklog, unused };
}

function p90(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)]! : 0;
}

/** Runs both booking policies over `weeks` weeks from `testStart`, `seeds` times. */
export function evaluateScannerBooking(series: HourlySeries, options: ScannerOptions): ScannerEvaluation {
  const weeks = options.weeks ?? 8;
  const seeds = options.seeds ?? 5;
  for (const [v, flag] of [
    [weeks, '--weeks'],
    [seeds, '--seeds'],
  ] as const)
    if (!Number.isInteger(v) || v < 1)
      throw HealthGptError.invalid(`${flag} must be a positive whole number`);
  if (seeds > MAX_SEEDS) throw HealthGptError.invalid(`--seeds must be at most ${MAX_SEEDS} (got ${seeds})`);
  const share = options.share ?? 0.3;
  if (!(share > 0 && share <= 1)) throw HealthGptError.invalid('share must be in (0, 1]');
  const lead = options.leadDays ?? 2;
  if (!Number.isInteger(lead) || lead < 1 || lead > 2)
    throw HealthGptError.invalid('lead days must be 1 or 2 (the forecast reaches 72 h)');
  const minSlots = options.minSlots ?? 0;
  const start = testStartIndex(series, options.testStart);
  const days = weeks * 7;
  if (start + days * 24 > series.counts.length)
    throw HealthGptError.invalid(`${weeks} week(s) from ${options.testStart} run past the end of the series`);
  if (start < 14 * 24)
    throw HealthGptError.invalid('the forecast needs two weeks of history before the test start');
  // Daily forecast (sum of hourly means) for days d, d+1, d+2 at each day's 00:00.
  const t0 = performance.now();
  const calendar = buildCalendar(series.startMs, start + days * 24 + 72, {
    timeZone: series.timeZone,
    country: options.country ?? 'none',
  });
  const model = createModel(options.model ?? DEFAULT_MODEL);
  const forecastDays: number[][] = [];
  for (let d = 0; d < days; d++) {
    const f = model.forecast({
      history: series.counts.subarray(0, start + 24 * d),
      startMs: series.startMs,
      calendar,
      horizon: 72,
    });
    forecastDays.push(
      [0, 1, 2].map((k) => share * f.mean.subarray(24 * k, 24 * k + 24).reduce((s, v) => s + v, 0)),
    );
  }
  const planningMs = performance.now() - t0;
  let histMean = 0;
  for (let i = start - 28 * 24; i < start; i++) histMean += series.counts[Math.max(i, 0)]!;
  histMean = (share * histMean) / 28;

  const runs = { fixed: [] as DayRun[], forecast: [] as DayRun[] };
  const totals: number[] = [];
  let requestsTotal = 0;
  for (let s = 0; s < seeds; s++) {
    const random = seededRandom(1000 + s);
    const requests = Array.from({ length: days }, (_, d) => {
      let n = 0;
      for (let h = 0; h < 24; h++) {
        const c = Math.round(series.counts[start + 24 * d + h]!);
        for (let k = 0; k < c; k++) if (random() < share) n++;
      }
      return n;
    });
    requestsTotal = requests.reduce((a, b) => a + b, 0);
    // Forecast-following slots, set `lead` days ahead from the known backlog and forecast requests.
    const slots: number[] = Array.from({ length: days }, (_, d) => (d < lead ? Math.ceil(histMean) : 0));
    let backlog = 0; // requests waiting at the start of day d (known then)
    for (let d = 0; d < days; d++) {
      if (d + lead < days) {
        let projected = backlog;
        for (let k = 0; k < lead; k++)
          projected = Math.max(0, projected - slots[d + k]!) + forecastDays[d]![k]!;
        slots[d + lead] = Math.max(minSlots, Math.ceil(projected));
      }
      backlog = Math.max(0, backlog - slots[d]!) + requests[d]!;
    }
    const total = slots.reduce((a, b) => a + b, 0);
    totals.push(total);
    runs.forecast.push(simulateBooking(requests, slots));
    runs.fixed.push(simulateBooking(requests, flatRota(days, total, 0)));
  }
  const summarize = (rs: DayRun[]): BookingPolicyResult => {
    const mean = meanInterval(
      rs.map((r) => r.waits.reduce((a, b) => a + b, 0) / Math.max(r.waits.length, 1)),
    );
    const q = meanInterval(rs.map((r) => p90(r.waits)));
    const r2 = (v: number) => Math.round(v * 100) / 100;
    return {
      mean_wait_days: r2(mean.mean),
      p90_wait_days: r2(q.mean),
      max_backlog: Math.max(...rs.map((r) => r.maxBacklog)),
      slots_total: Math.round(totals.reduce((a, b) => a + b, 0) / totals.length),
      unused_slots: Math.round(rs.reduce((a, r) => a + r.unused, 0) / rs.length),
      interval95: {
        mean_wait_days: { lower: r2(mean.interval.lower), upper: r2(mean.interval.upper) },
        p90_wait_days: { lower: r2(q.interval.lower), upper: r2(q.interval.upper) },
      },
    };
  };
  return {
    weeks,
    days,
    seeds,
    requests: requestsTotal,
    policies: { fixed: summarize(runs.fixed), forecast: summarize(runs.forecast) },
    planning_ms: Math.round(planningMs),
  };
}

/** First hour of the period, for reports. */
export function periodStartIso(series: HourlySeries, testStart: string): string {
  return new Date(series.startMs + testStartIndex(series, testStart) * HOUR_MS).toISOString();
}
