/**
 * Wall-clock parts of an instant in an IANA time zone (via `Intl.DateTimeFormat`, so daylight-saving rules come from
 * the ICU data Node ships). Calendar features (hour of day, weekday, holidays) are computed in local time; the series
 * itself is kept on a UTC hour grid so that a daylight-saving change never creates or removes an hour.
 */
export interface LocalParts {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly day: number;
  /** 0–23. */
  readonly hour: number;
  /** 0 = Monday … 6 = Sunday (ISO 8601 order). */
  readonly weekday: number;
}

export const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is an IANA zone this Node knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function weekdayOf(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

/** Local wall-clock parts of the instant `epochMs` in `timeZone` (`'UTC'` is fast-pathed). */
export function localParts(epochMs: number, timeZone: string): LocalParts {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    const d = new Date(epochMs);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    return { year, month, day, hour: d.getUTCHours(), weekday: weekdayOf(year, month, day) };
  }
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'hour') hour = Number(part.value);
  }
  return { year, month, day, hour, weekday: weekdayOf(year, month, day) };
}

/** UTC offset of `timeZone` at `epochMs`, in minutes (local − UTC). */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  const p = localParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour);
  return Math.round((asUtc - Math.floor(epochMs / HOUR_MS) * HOUR_MS) / 60_000);
}

/**
 * The UTC instants at which the local wall-clock hour `year-month-day hour:00` occurs in `timeZone`: none in the hour
 * skipped when clocks go forward, two in the hour repeated when they go back, one otherwise (earliest first).
 */
export function localHourToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  timeZone: string,
): readonly number[] {
  const naive = Date.UTC(year, month - 1, day, hour);
  const found: number[] = [];
  // Offsets in use anywhere lie within ±14 h: try the offsets seen around that instant.
  for (const probe of [naive - 14 * HOUR_MS, naive, naive + 14 * HOUR_MS]) {
    const candidate = naive - offsetMinutes(probe, timeZone) * 60_000;
    const p = localParts(candidate, timeZone);
    if (
      p.year === year &&
      p.month === month &&
      p.day === day &&
      p.hour === hour &&
      !found.includes(candidate)
    ) {
      found.push(candidate);
    }
  }
  return found.sort((a, b) => a - b);
}
