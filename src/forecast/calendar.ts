import { type HolidayCountry, holidayOn } from './holidays.js';
import { HOUR_MS, localParts } from './time-zone.js';

/** A school-holiday period, local dates inclusive (`YYYY-MM-DD`). */
export interface DateRange {
  readonly start: string;
  readonly end: string;
}

export interface CalendarOptions {
  readonly timeZone: string;
  readonly country: HolidayCountry;
  readonly schoolHolidays?: readonly DateRange[];
}

/** Calendar features for a run of hours (local time), precomputed once: they are known in advance, so no leakage. */
export interface HourCalendar {
  readonly startMs: number;
  readonly length: number;
  /** Local hour of day 0–23. */
  readonly hourOfDay: Uint8Array;
  /** 0 = Monday … 6 = Sunday. */
  readonly weekday: Uint8Array;
  /** Local month 1–12. */
  readonly month: Uint8Array;
  /** 0 none, 1 other public holiday, 2 Christmas Day, 3 New Year's Day. */
  readonly holiday: Uint8Array;
  /** 1 on the day after a public holiday. */
  readonly afterHoliday: Uint8Array;
  /** 1 in a school-holiday period given as input. */
  readonly school: Uint8Array;
  /** 1 from 24 December to 1 January (festive period). */
  readonly festive: Uint8Array;
  /** 1 in the usual influenza season (December–March, northern hemisphere). */
  readonly fluSeason: Uint8Array;
}

const KIND_CODE = { other: 1, christmas: 2, 'new-year': 3 } as const;

export function buildCalendar(startMs: number, length: number, options: CalendarOptions): HourCalendar {
  const hourOfDay = new Uint8Array(length);
  const weekday = new Uint8Array(length);
  const month = new Uint8Array(length);
  const holiday = new Uint8Array(length);
  const afterHoliday = new Uint8Array(length);
  const school = new Uint8Array(length);
  const festive = new Uint8Array(length);
  const fluSeason = new Uint8Array(length);
  const ranges = (options.schoolHolidays ?? []).map((r) => [r.start, r.end] as const);
  let lastDate = '';
  let dayCodes: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (let i = 0; i < length; i++) {
    const p = localParts(startMs + i * HOUR_MS, options.timeZone);
    hourOfDay[i] = p.hour;
    weekday[i] = p.weekday;
    month[i] = p.month;
    const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    if (date !== lastDate) {
      lastDate = date;
      const today = holidayOn(options.country, p.year, p.month, p.day);
      const y = new Date(Date.UTC(p.year, p.month - 1, p.day - 1));
      const yesterday = holidayOn(options.country, y.getUTCFullYear(), y.getUTCMonth() + 1, y.getUTCDate());
      dayCodes = [
        today ? KIND_CODE[today.kind] : 0,
        yesterday && !today ? 1 : 0,
        ranges.some(([s, e]) => date >= s && date <= e) ? 1 : 0,
        (p.month === 12 && p.day >= 24) || (p.month === 1 && p.day === 1) ? 1 : 0,
        p.month === 12 || p.month <= 3 ? 1 : 0,
      ];
    }
    [holiday[i], afterHoliday[i], school[i], festive[i], fluSeason[i]] = dayCodes;
  }
  return { startMs, length, hourOfDay, weekday, month, holiday, afterHoliday, school, festive, fluSeason };
}
