/**
 * Units and durations as a clinician reads them: UCUM display from `src/clinical/unit-display.ts` (shared with the
 * server), durations in hours, days or weeks.
 */
export { displayUnit, withUnit } from '../../src/clinical/unit-display.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A duration given in days, in the unit a clinician would say: under a day in hours (or minutes), under two weeks
 * in days, then weeks, then months, then years. `0.083` → `2 hours`, `3` → `3 days`, `21` → `3 weeks`.
 */
export function formatDuration(days: number): string {
  if (!Number.isFinite(days) || days < 0) return '—';
  const hours = days * 24;
  if (hours < 1) return plural(Math.max(1, Math.round(hours * 60)), 'minute', 'minutes');
  if (days < 1) return plural(Math.round(hours), 'hour', 'hours');
  if (days < 14) return plural(Math.round(days * 10) / 10, 'day', 'days');
  if (days < 60) return plural(Math.round((days / 7) * 10) / 10, 'week', 'weeks');
  if (days < 730) return plural(Math.round((days / 30.4375) * 10) / 10, 'month', 'months');
  return plural(Math.round((days / 365.25) * 10) / 10, 'year', 'years');
}
