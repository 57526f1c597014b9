import { HOUR_MS } from './time-zone.js';

/**
 * One department's arrivals on a regular UTC hour grid: `counts[i]` is the number of arrivals in the hour starting at
 * `startMs + i·1 h`. `timeZone` is where the department is, for calendar features; `imputed[i]` marks hours that were
 * missing in the input and filled by the documented repair (see `IngestReport`).
 */
export interface HourlySeries {
  readonly department: string;
  /** Start of the first hour, epoch milliseconds (UTC), on a whole hour. */
  readonly startMs: number;
  readonly counts: Float64Array;
  readonly timeZone: string;
  readonly imputed?: Uint8Array;
}

/** What ingest did to the input: every repair is reported, never silent. */
export interface IngestReport {
  readonly rows: number;
  readonly hours: number;
  readonly firstHour: string;
  readonly lastHour: string;
  /** Hours absent from the input, filled (see `gapRepair`). */
  readonly missingHours: number;
  readonly missingExamples: readonly string[];
  /** How missing hours were filled: `zero` for visit-level input (no visit = no arrival), `seasonal` for counts. */
  readonly gapRepair: 'none' | 'zero' | 'seasonal';
  /** Exact duplicate rows (same hour, same count) dropped. */
  readonly duplicateRowsDropped: number;
  /** Local hours repeated or skipped by daylight-saving changes that were resolved. */
  readonly daylightSavingNotes: readonly string[];
  readonly warnings: readonly string[];
}

/** ISO 8601 UTC text of hour `i` of a series. */
export function hourIso(series: Pick<HourlySeries, 'startMs'>, i: number): string {
  return new Date(series.startMs + i * HOUR_MS).toISOString();
}

/** End (exclusive) of a series, epoch ms. */
export function seriesEndMs(series: HourlySeries): number {
  return series.startMs + series.counts.length * HOUR_MS;
}

/** The first `length` hours of a series (a view: no copy). */
export function truncateSeries(series: HourlySeries, length: number): HourlySeries {
  return {
    ...series,
    counts: series.counts.subarray(0, length),
    ...(series.imputed ? { imputed: series.imputed.subarray(0, length) } : {}),
  };
}

/** Fills `NaN` hours with the value one week earlier, else one day earlier, else the series mean; returns how many. */
export function fillGapsSeasonally(counts: Float64Array): number {
  let filled = 0;
  let sum = 0;
  let n = 0;
  for (const v of counts) {
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  const mean = n > 0 ? sum / n : 0;
  for (let i = 0; i < counts.length; i++) {
    if (!Number.isNaN(counts[i]!)) continue;
    const week = i >= 168 ? counts[i - 168]! : Number.NaN;
    const day = i >= 24 ? counts[i - 24]! : Number.NaN;
    counts[i] = !Number.isNaN(week) ? week : !Number.isNaN(day) ? day : mean;
    filled++;
  }
  return filled;
}
