import { ForecastInputError } from './ingest-error.js';
import { HOUR_MS } from './time-zone.js';

/**
 * Bounds on a forecast's input, checked before any allocation (issue 12: a 122-byte CSV spanning year 1 to 9999 ran
 * 50 s and wrote a 142 MB row). Ten years of hours is more history than any model here uses; a department seeing
 * more than 100,000 arrivals in one hour is not a department.
 */
export const MAX_SERIES_HOURS = 10 * 366 * 24;
export const MAX_HOURLY_COUNT = 100_000;
/** Largest absolute covariate value (temperatures, counts, indices all fit well inside). */
export const MAX_COVARIATE_ABS = 1e9;

/** Throws when the hours from `startMs` to `endMs` (inclusive) exceed {@link MAX_SERIES_HOURS}. */
export function assertSeriesSpan(startMs: number, endMs: number, row?: number): void {
  const hours = Math.floor(endMs / HOUR_MS) - Math.floor(startMs / HOUR_MS) + 1;
  if (hours > MAX_SERIES_HOURS) {
    throw new ForecastInputError(
      `the series spans ${hours} hours (${new Date(startMs).toISOString()} to ${new Date(endMs).toISOString()}); the limit is ${MAX_SERIES_HOURS} hours (10 years)`,
      row,
    );
  }
}

/** Throws when an hourly count is clinically absurd. */
export function assertHourlyCount(count: number, row?: number, column?: string): void {
  if (count > MAX_HOURLY_COUNT) {
    throw new ForecastInputError(
      `count ${count} is over ${MAX_HOURLY_COUNT} arrivals in one hour: not a plausible department count`,
      row,
      column,
    );
  }
}
