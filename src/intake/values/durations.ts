import type { TextSpan } from '../../clinical/span.js';
import { parseNumber, round } from './common.js';

/** Durations and onsets of complaints ("for 3 days", "x2 weeks", "since Tuesday", "2 days ago"). */

export interface DurationMention {
  readonly durationDays: number;
  /** ISO date (YYYY-MM-DD) of onset when a reference date was given. */
  readonly onset?: string;
  readonly sourceSpan: TextSpan;
}

const UNIT_DAYS: Readonly<Record<string, number>> = {
  minute: 1 / 1440,
  min: 1 / 1440,
  hour: 1 / 24,
  hr: 1 / 24,
  h: 1 / 24,
  day: 1,
  d: 1,
  week: 7,
  wk: 7,
  w: 7,
  month: 30.4375,
  mo: 30.4375,
  year: 365.25,
  yr: 365.25,
  y: 365.25,
};

const COUNT =
  '(\\d+(?:[.,]\\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|twenty|thirty|several|a few|few|a couple of|couple)';
const TIME_UNIT = '(minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mo|years?|yrs?|y)';

/** A time unit written out (not an abbreviation such as `d`, `h`, `wk`). */
const FULL_UNIT = /^(?:minutes?|hours?|days?|weeks?|months?|years?)$/i;

const DURATION_PATTERNS: readonly RegExp[] = [
  new RegExp(
    `\\b(?:for|over|x|since|in|during)\\s+(?:the\\s+)?(?:past|last|previous)?\\s*(?:about|around|approximately|approx|almost|nearly|roughly|over|at least)?\\s*${COUNT}\\s*[- ]?${TIME_UNIT}\\b`,
    'gi',
  ),
  new RegExp(`\\b${COUNT}[- ]${TIME_UNIT}s?\\s+(?:history|hx)\\b`, 'gi'),
  new RegExp(`\\b${COUNT}\\s+${TIME_UNIT}\\s+ago\\b`, 'gi'),
  // "x2 weeks", "x3d": the multiplication sign written against the number.
  new RegExp(`\\bx(\\d+(?:[.,]\\d+)?)\\s*[- ]?${TIME_UNIT}\\b`, 'gi'),
  // "3 days of cough", "2 weeks' history".
  new RegExp(`\\b${COUNT}\\s*[- ]?${TIME_UNIT}(?:['’]s?)?\\s+(?:of|history)\\b`, 'gi'),
  // A bare duration written after a complaint ("fever 5 d", "cough 2 weeks"), not an age ("58-year-old"), a rate
  // ("5 days a week"), a dose ("2 a day") or pack-years.
  new RegExp(
    `(?<=[A-Za-z],?\\s{1,3})(\\d+(?:[.,]\\d+)?)\\s*[- ]?${TIME_UNIT}\\b(?![- ]?(?:old|post|after|a\\b|per\\b|pack))`,
    'gi',
  ),
];

/**
 * Clinical shorthand for a duration: "x 3/7" (3 days), "2/52" (2 weeks), "3/12" (3 months), after "x", "for" or
 * "since"; never a bare fraction (that may be a blood pressure or a date).
 */
const SHORTHAND = /\b(?:x|for|since|over)\s*(\d{1,2})\s*\/\s*(7|52|12)\b/gi;
const SHORTHAND_DAYS: Readonly<Record<string, number>> = { '7': 1, '52': 7, '12': 30.4375 };

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function daysBefore(reference: Date, days: number): Date {
  return new Date(reference.getTime() - days * 86_400_000);
}

/**
 * "for 3 days", "x 2 weeks", "a two-day history of", "3 days ago", "since yesterday", "since last Tuesday",
 * "since Monday": duration in days and, when `referenceDate` (YYYY-MM-DD, the consultation date) is given, the onset
 * date. "since last Tuesday" is the Tuesday of the week before the reference week's; "since Tuesday" the latest
 * Tuesday before the reference date.
 */
export function extractDurations(text: string, offset = 0, referenceDate?: string): DurationMention[] {
  const reference = referenceDate ? new Date(`${referenceDate.slice(0, 10)}T00:00:00Z`) : undefined;
  const found: DurationMention[] = [];
  const add = (at: number, length: number, days: number) => {
    if (!(days >= 0) || days > 365.25 * 120) return;
    if (found.some((f) => f.sourceSpan.start < offset + at + length && f.sourceSpan.end > offset + at))
      return;
    found.push({
      durationDays: round(days, 3),
      ...(reference ? { onset: isoDate(daysBefore(reference, Math.round(days))) } : {}),
      sourceSpan: { start: offset + at, end: offset + at + length, text: text.slice(at, at + length) },
    });
  };
  for (const pattern of DURATION_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (/\b(?:age|aged|dob|day|week|gestation)\s*$/i.test(text.slice(0, match.index ?? 0))) continue;
      // A count in words takes a unit in words: "over an d" is "over and", not a day; "a day", "two weeks" stay.
      if (!/^\d/.test(match[1]!) && !FULL_UNIT.test(match[2]!)) continue;
      const count = parseNumber(match[1]!);
      const unit = match[2]!.toLowerCase().replace(/s$/, '');
      const perUnit = UNIT_DAYS[unit] ?? UNIT_DAYS[unit.replace(/s$/, '')];
      if (perUnit === undefined || !Number.isFinite(count)) continue;
      add(match.index ?? 0, match[0].length, count * perUnit);
    }
  }
  for (const match of text.matchAll(SHORTHAND))
    add(match.index ?? 0, match[0].length, Number(match[1]) * SHORTHAND_DAYS[match[2]!]!);
  for (const match of text.matchAll(
    /\bsince\s+(yesterday|last night|this morning|today|(last\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday))\b/gi,
  )) {
    const what = match[1]!.toLowerCase();
    let days: number | undefined;
    if (what === 'yesterday' || what === 'last night') days = 1;
    else if (what === 'this morning' || what === 'today') days = 0;
    else if (reference) {
      const target = WEEKDAYS.indexOf(match[3]!.toLowerCase());
      const today = reference.getUTCDay();
      let back = (today - target + 7) % 7;
      if (back === 0) back = 7;
      if (match[2]) back += back <= today ? 7 : 0;
      days = back;
    }
    if (days !== undefined) add(match.index ?? 0, match[0].length, days);
  }
  return found.sort((a, b) => a.sourceSpan.start - b.sourceSpan.start);
}
