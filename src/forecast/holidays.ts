/**
 * Rule-based public-holiday calendars, so that forecasts need no network and no data file.
 *
 * - `US`: federal holidays, 5 U.S.C. § 6103 (https://www.law.cornell.edu/uscode/text/5/6103), with the OPM
 *   "in lieu of" rule: a Saturday holiday is observed on the Friday before, a Sunday one on the Monday after.
 *   Juneteenth from 2021.
 * - `GB-EAW` (England and Wales): bank holidays under the Banking and Financial Dealings Act 1971 and royal
 *   proclamations (https://www.gov.uk/bank-holidays): New Year's Day, Good Friday, Easter Monday, early May, spring and
 *   summer bank holidays, Christmas and Boxing Day with substitute days, and the one-off changes listed in
 *   `ENGLAND_WALES_SPECIAL`.
 */
export type HolidayCountry = 'US' | 'GB-EAW' | 'none';

export interface Holiday {
  /** Local date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly name: string;
  /** Christmas Day and New Year's Day behave unlike other holidays in emergency departments. */
  readonly kind: 'christmas' | 'new-year' | 'other';
}

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** 0 = Monday … 6 = Sunday. */
function weekday(y: number, m: number, d: number): number {
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

function addDays(y: number, m: number, d: number, days: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

/** The `n`-th (1-based) given weekday of a month; `n = -1` for the last. */
function nthWeekday(y: number, m: number, wd: number, n: number): [number, number, number] {
  if (n > 0) {
    const first = weekday(y, m, 1);
    return [y, m, 1 + ((wd - first + 7) % 7) + (n - 1) * 7];
  }
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const last = weekday(y, m, lastDay);
  return [y, m, lastDay - ((last - wd + 7) % 7)];
}

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(y: number): [number, number, number] {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [y, month, day];
}

function usObserved(y: number, m: number, d: number): [number, number, number] {
  const wd = weekday(y, m, d);
  if (wd === 5) return addDays(y, m, d, -1);
  if (wd === 6) return addDays(y, m, d, 1);
  return [y, m, d];
}

function usHolidays(y: number): Holiday[] {
  const out: Holiday[] = [];
  const add = (date: [number, number, number], name: string, kind: Holiday['kind'] = 'other') =>
    out.push({ date: iso(...date), name, kind });
  add(usObserved(y, 1, 1), "New Year's Day", 'new-year');
  add(nthWeekday(y, 1, 0, 3), 'Martin Luther King Jr. Day');
  add(nthWeekday(y, 2, 0, 3), "Washington's Birthday");
  add(nthWeekday(y, 5, 0, -1), 'Memorial Day');
  if (y >= 2021) add(usObserved(y, 6, 19), 'Juneteenth National Independence Day');
  add(usObserved(y, 7, 4), 'Independence Day');
  add(nthWeekday(y, 9, 0, 1), 'Labor Day');
  add(nthWeekday(y, 10, 0, 2), 'Columbus Day');
  add(usObserved(y, 11, 11), 'Veterans Day');
  add(nthWeekday(y, 11, 3, 4), 'Thanksgiving Day');
  add(usObserved(y, 12, 25), 'Christmas Day', 'christmas');
  return out;
}

/** One-off moves and extra bank holidays in England and Wales (gov.uk/bank-holidays). */
const ENGLAND_WALES_SPECIAL: Readonly<Record<number, { remove?: string[]; add?: [string, string][] }>> = {
  1995: { remove: ['Early May bank holiday'], add: [['1995-05-08', 'VE Day 50th anniversary']] },
  1999: { add: [['1999-12-31', 'Millennium celebrations']] },
  2002: {
    remove: ['Spring bank holiday'],
    add: [
      ['2002-06-04', 'Spring bank holiday'],
      ['2002-06-03', 'Golden Jubilee'],
    ],
  },
  2011: { add: [['2011-04-29', 'Royal wedding']] },
  2012: {
    remove: ['Spring bank holiday'],
    add: [
      ['2012-06-04', 'Spring bank holiday'],
      ['2012-06-05', 'Diamond Jubilee'],
    ],
  },
  2020: { remove: ['Early May bank holiday'], add: [['2020-05-08', 'VE Day 75th anniversary']] },
  2022: {
    remove: ['Spring bank holiday'],
    add: [
      ['2022-06-02', 'Spring bank holiday'],
      ['2022-06-03', 'Platinum Jubilee'],
      ['2022-09-19', 'State funeral of Queen Elizabeth II'],
    ],
  },
  2023: { add: [['2023-05-08', 'Coronation of King Charles III']] },
};

function englandWalesHolidays(y: number): Holiday[] {
  let out: Holiday[] = [];
  const add = (date: [number, number, number], name: string, kind: Holiday['kind'] = 'other') =>
    out.push({ date: iso(...date), name, kind });
  const nyWd = weekday(y, 1, 1);
  add(nyWd === 5 ? [y, 1, 3] : nyWd === 6 ? [y, 1, 2] : [y, 1, 1], "New Year's Day", 'new-year');
  const easter = easterSunday(y);
  add(addDays(...easter, -2), 'Good Friday');
  add(addDays(...easter, 1), 'Easter Monday');
  add(nthWeekday(y, 5, 0, 1), 'Early May bank holiday');
  add(nthWeekday(y, 5, 0, -1), 'Spring bank holiday');
  add(nthWeekday(y, 8, 0, -1), 'Summer bank holiday');
  const xmasWd = weekday(y, 12, 25);
  // Christmas on Sat → Mon 27 (Boxing Day Tue 28 or substitute); on Sun → Tue 27; Boxing Day on Sat/Sun → Mon/Tue 28.
  if (xmasWd === 5) {
    add([y, 12, 27], 'Christmas Day (substitute day)', 'christmas');
    add([y, 12, 28], 'Boxing Day (substitute day)');
  } else if (xmasWd === 6) {
    add([y, 12, 26], 'Boxing Day');
    add([y, 12, 27], 'Christmas Day (substitute day)', 'christmas');
  } else if (xmasWd === 4) {
    add([y, 12, 25], 'Christmas Day', 'christmas');
    add([y, 12, 28], 'Boxing Day (substitute day)');
  } else {
    add([y, 12, 25], 'Christmas Day', 'christmas');
    add([y, 12, 26], 'Boxing Day');
  }
  const special = ENGLAND_WALES_SPECIAL[y];
  if (special) {
    out = out.filter((h) => !special.remove?.includes(h.name));
    for (const [date, name] of special.add ?? []) out.push({ date, name, kind: 'other' });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

const cache = new Map<string, ReadonlyMap<string, Holiday>>();

/** The public holidays of `country` in `year`, by local date. */
export function holidaysOf(country: HolidayCountry, year: number): ReadonlyMap<string, Holiday> {
  const key = `${country}:${year}`;
  let found = cache.get(key);
  if (!found) {
    const list = country === 'US' ? usHolidays(year) : country === 'GB-EAW' ? englandWalesHolidays(year) : [];
    found = new Map(list.map((h) => [h.date, h]));
    cache.set(key, found);
  }
  return found;
}

/** The holiday on a local date, if any. */
export function holidayOn(country: HolidayCountry, y: number, m: number, d: number): Holiday | undefined {
  return holidaysOf(country, y).get(iso(y, m, d));
}
