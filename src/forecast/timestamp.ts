import { localHourToUtc } from './time-zone.js';

/** A parsed ISO 8601 date-time: an instant when it carried `Z` or an offset, else naive wall-clock fields. */
export type ParsedTimestamp =
  | { readonly kind: 'instant'; readonly epochMs: number; readonly minute: number; readonly second: number }
  | {
      readonly kind: 'naive';
      readonly year: number;
      readonly month: number;
      readonly day: number;
      readonly hour: number;
      readonly minute: number;
      readonly second: number;
    };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses `YYYY-MM-DD[THH[:MM[:SS[.sss]]]][Z|±HH[:MM]]` (a space may replace `T`); undefined when it is not one. */
export function parseTimestamp(text: string): ParsedTimestamp | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] ? Number(m[4]) : 0;
  const minute = m[5] ? Number(m[5]) : 0;
  const second = m[6] ? Number(m[6]) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return undefined;
  const zone = m[7];
  if (!zone) return { kind: 'naive', year, month, day, hour, minute, second };
  let offsetMin = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
  }
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMin * 60_000;
  return { kind: 'instant', epochMs, minute, second };
}

/**
 * Resolves a parsed timestamp to the UTC instants it may denote. Naive times are read in `timeZone` (default UTC, i.e.
 * a plain wall-clock grid); a naive hour repeated by a daylight-saving change gives two instants, a skipped one none.
 */
export function resolveTimestamp(parsed: ParsedTimestamp, timeZone: string): readonly number[] {
  if (parsed.kind === 'instant') return [parsed.epochMs];
  const base =
    timeZone === 'UTC'
      ? [Date.UTC(parsed.year, parsed.month - 1, parsed.day, parsed.hour)]
      : localHourToUtc(parsed.year, parsed.month, parsed.day, parsed.hour, timeZone);
  const within = (parsed.minute * 60 + parsed.second) * 1000;
  return base.map((t) => t + within);
}
