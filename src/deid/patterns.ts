import type { PhiCategory } from './types.js';

/** A pattern hit: offsets, category, rule id and score (1 when a checksum or an unambiguous format confirms it). */
export interface PatternHit {
  readonly start: number;
  readonly end: number;
  readonly category: PhiCategory;
  readonly rule: string;
  readonly score: number;
  /**
   * Weak patterns (a bare `5/10`, a 2-digit year, a number after "page") are ambiguous in clinical text (ventilator
   * settings, ratios, doses): they do not remove anything themselves but become features of the token classifier.
   */
  readonly weak: boolean;
}

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

/** Luhn check (credit cards, NPI with its 80840 prefix). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** IBAN mod-97 check (ISO 13616). */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** US SSN structure: area not 000, 666 or 900–999; group not 00; serial not 0000. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

function validDayMonth(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

interface Rule {
  readonly rule: string;
  readonly category: PhiCategory;
  readonly re: RegExp;
  /** Finds the matches of `re` itself when a regular-expression search from every position would be quadratic. */
  readonly find?: (text: string) => Iterable<RegExpExecArray>;
  /** Accepts the match (checksums, ranges); returns the score, or 0 to reject. */
  readonly check?: (m: RegExpMatchArray, text: string) => number;
  /** The capture group that is the identifier (the rest is context such as `MRN:`). */
  readonly group?: number;
  readonly score?: number;
  readonly weak?: boolean;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/y;

function isEmailLocalChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2e || // .
    code === 0x5f || // _
    code === 0x25 || // %
    code === 0x2b || // +
    code === 0x2d // -
  );
}

/**
 * The matches a global search with `EMAIL` finds, in linear time. Searched from every position, the pattern rescans a
 * long run of local-part characters without an `@` from each of them (quadratic: 80,000 letters took 24 s). A match
 * holds exactly one `@`, and starts at the first position of the local-part run before it that the previous match
 * left, so only that position is tried, for each `@`.
 */
function* findEmails(text: string): Generator<RegExpExecArray> {
  let from = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', Math.max(at + 1, from))) {
    let start = at;
    while (start > from && isEmailLocalChar(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    EMAIL.lastIndex = start;
    const m = EMAIL.exec(text);
    if (m) {
      from = EMAIL.lastIndex;
      yield m;
    }
  }
}

// A bare domain is tried only from the first position of a run of labels that can start one (the negative
// lookbehind, which finds the previous such position or the start of the run, in linear time over the run): a later
// position in the same run matches only if that one does. Tried from every position, each rescanned the run to its end
// (quadratic on `a.a.a.…`).
const URL =
  /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"']+[^\s<>"'.,;:)]|\b(?=[a-z0-9-])(?<!\b[a-z0-9-](?:\.?[a-z0-9-])*?\.?)[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|info|io|biz)\b(?:\/[^\s]*)?/gi;
/** What every match of `URL` holds: a scheme, "www." or a top-level domain. */
const URL_PARTS = /https?:\/\/|ftp:\/\/|www\.|\.(?:com|org|net|edu|gov|info|io|biz)\b/i;
const IP6 =
  /\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:?){0,6}[0-9a-f]{1,4}\b/gi;

/** Whether `text` holds at least `n` colons. */
function colons(text: string, n: number): boolean {
  let count = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) if (++count >= n) return true;
  return false;
}

const RULES: readonly Rule[] = [
  {
    rule: 'pattern.email',
    category: 'email',
    re: EMAIL,
    find: findEmails,
    score: 1,
  },
  {
    rule: 'pattern.url',
    category: 'url',
    re: URL,
    // Searched only in a text that holds a scheme, "www." or a top-level domain, which every match holds (most notes
    // hold none: the search is then one quick scan).
    find: (text) => (URL_PARTS.test(text) ? text.matchAll(URL) : []),
    score: 0.99,
  },
  {
    rule: 'pattern.ip',
    category: 'ip',
    re: /\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b/g,
    check: (m) => ([1, 2, 3, 4].every((i) => Number(m[i]) <= 255) ? 1 : 0),
  },
  {
    rule: 'pattern.ip6',
    category: 'ip',
    re: IP6,
    // A match holds seven colons or a "::": a text with neither is not searched.
    find: (text) => (text.includes('::') || colons(text, 7) ? text.matchAll(IP6) : []),
    check: (m) => (/[a-f]/i.test(m[0]) || m[0].split(':').length > 4 ? 0.95 : 0),
  },
  {
    rule: 'pattern.ssn',
    category: 'ssn',
    re: /\b(\d{3})[- ](\d{2})[- ](\d{4})\b/g,
    check: (m) => (ssnValid(m[1]!, m[2]!, m[3]!) ? 0.97 : 0),
  },
  {
    rule: 'pattern.ssn-context',
    category: 'ssn',
    re: /\b(?:ssn|social security(?: number| no\.?| #)?)[\s:#]*(\d{9}|\d{3}-\d{2}-\d{4})\b/gi,
    group: 1,
    score: 1,
  },
  {
    rule: 'pattern.credit-card',
    category: 'id',
    re: /\b(?:\d[ -]?){12,18}\d\b/g,
    check: (m) => {
      const digits = m[0].replace(/\D/g, '');
      return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? 1 : 0;
    },
  },
  {
    rule: 'pattern.iban',
    category: 'id',
    re: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
    check: (m) => (ibanValid(m[0]) ? 1 : 0),
  },
  {
    rule: 'pattern.phone',
    category: 'phone',
    // (617) 555-0142, 617.555.0142x459, +1 617 555 0142, 001-617-555-0142, with an extension.
    re: /(?:(?:\+|\b00)?1[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)(?:\s?(?:x|ext\.?)\s?\d{1,5}\b)?/gi,
    score: 0.97,
  },
  {
    rule: 'pattern.phone-local',
    weak: true,
    category: 'phone',
    // 555-0142: a local number, or a range such as 500-1500 (a classifier feature only).
    re: /(?<![\d/.-])\d{3}-\d{4}(?![\d/.-])/g,
    score: 0.6,
  },
  {
    rule: 'pattern.phone-intl',
    category: 'phone',
    re: /\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}\b/g,
    score: 0.95,
  },
  {
    rule: 'pattern.phone-context',
    weak: true,
    category: 'phone',
    re: /\b(?:pager|beeper|beep|page|pgr|bpr|pager #|cell|tel|telephone|phone|ph|fax|ext|extension|x)\.?(?:\s*(?:#|no\.?|number|num))?(?:\s*[:=])?\s*#?(\d[\d-]{3,11}\d)\b/gi,
    group: 1,
    score: 0.9,
  },
  {
    rule: 'pattern.record-number',
    category: 'id',
    re: /\b(?:mrn|mr#|mr #|medical record(?: number| no\.?| #)?|record #|acct|account(?: number| no\.?| #)?|acc(?:oun)?t #|unit(?: number| no\.?| #)|hospital (?:number|no\.?|#)|patient id|pt id|member id|policy(?: number| no\.?| #)?|health plan(?: number| no\.?| #)?|beneficiary(?: number| no\.?| #)?|insurance(?: number| no\.?| #| id)?|claim(?: number| no\.?| #)?|licen[cs]e(?: number| no\.?| #)?|dea(?: number| no\.?| #)?|npi|driver'?s licen[cs]e|passport(?: number| no\.?| #)?|serial(?: number| no\.?| #)?|s\/n|device id|implant id|vin|plate(?: number| no\.?| #)?)(?:\s*[:#=])?\s*(?:is\s+)?([A-Z0-9][A-Z0-9-]{3,19})\b/gi,
    group: 1,
    check: (m) => (/\d/.test(m[1]!) ? 0.95 : 0),
  },
  {
    rule: 'pattern.long-number',
    weak: true,
    category: 'id',
    re: /\b\d{7,}\b/g,
    score: 0.8,
  },
  {
    rule: 'pattern.alnum-id',
    category: 'id',
    // `\d{5}` rather than `\d{5,}` before `[A-Z0-9]*` (the same matches): two quantifiers over digits in a row
    // backtrack quadratically on a long number followed by a lower-case letter. The match itself holds a letter and a
    // digit: no lookahead scans the run for them (one scan from every position was quadratic on `A-A-A-…`).
    re: /\b[A-Z]{1,4}-?\d{5}[A-Z0-9]*\b/g,
    score: 0.8,
  },
  {
    rule: 'pattern.date-numeric',
    category: 'date',
    // 3/14/2020, 03/14/20: one slash style, not inside a longer run of numbers (blood gases, ventilator settings).
    // The lookahead first (implied by what follows) so that the lookbehind is tried only before digits and a slash.
    re: /(?=\d{1,2}\/)(?<=^|[^\d./-]|[A-Za-z]-)(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/]|\.\d)/g,
    check: (m) => {
      const a = Number(m[1]);
      const c = Number(m[2]);
      return validDayMonth(a, c) || validDayMonth(c, a) ? 0.97 : 0;
    },
  },
  {
    rule: 'pattern.date-numeric-short',
    weak: true,
    category: 'date',
    // 3/14/20, 12/93 (month/year): ambiguous with ventilator settings such as 10/5/40.
    re: /(?=\d{1,2}\/)(?<=^|[^\d./-]|[A-Za-z]-)(\d{1,2})\/(?:(\d{1,2})\/)?(\d{2})(?![\d/]|\.\d)/g,
    check: (m) => {
      const a = Number(m[1]);
      const c = m[2] === undefined ? 1 : Number(m[2]);
      return validDayMonth(a, c) || validDayMonth(c, a) ? 0.8 : 0;
    },
  },
  {
    rule: 'pattern.year-apostrophe',
    weak: true,
    category: 'date',
    re: /\b(\d\d)'(?!\w)/g,
    group: 1,
    score: 0.7,
  },
  {
    rule: 'pattern.phone-spaced',
    category: 'phone',
    // 617- 555-0142, 617555-0142, 617/555/0142 (slashes: three groups of exactly 3, 3 and 4 digits).
    re: /\b\d{3}-\s?\d{3}-\s?\d{4}\b|\b\d{6}-\d{4}\b|(?<![\d/.])\d{3}\/\d{3}\/\d{4}(?![\d/])/g,
    score: 0.9,
  },
  {
    rule: 'pattern.date-numeric-dots',
    weak: true,
    category: 'date',
    re: /(?<![\d./-])(\d{1,2})([.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-]\d)/g,
    check: (m) => {
      const a = Number(m[1]);
      const c = Number(m[3]);
      return validDayMonth(a, c) || validDayMonth(c, a) ? 0.8 : 0;
    },
  },
  {
    rule: 'pattern.date-iso',
    category: 'date',
    re: /\b(1[89]\d\d|20\d\d)-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?\b/g,
    check: (m) => (validDayMonth(Number(m[2]), Number(m[3])) ? 1 : 0),
  },
  {
    rule: 'pattern.date-month-day',
    weak: true,
    category: 'date',
    // 3/14, 8/25: month/day without year; ratios and blood pressures fail the range check.
    re: /(?<![\d/.:-])(\d{1,2})\/(\d{1,2})(?![\d/]|\.\d)/g,
    check: (m, text) => {
      const month = Number(m[1]);
      const day = Number(m[2]);
      if (!validDayMonth(month, day)) return 0;
      // "1/2 NS", "2/2 assist": small fractions before a unit-like word are doses or counts.
      const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 12);
      if (/^\s*(?:ns|strength|tab|tabs|assist|of|mg|ml|cc|units?|l\b|lpm|liters?|%|x\b)/i.test(after))
        return 0;
      if (day <= 4 && month <= 4) return 0.55;
      return 0.85;
    },
  },
  {
    rule: 'pattern.date-text',
    category: 'date',
    re: new RegExp(
      `\\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\\s+)?(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?[\\s-](?:${MONTHS})\\.?(?:[\\s,-]+\\d{2,4})?|(?:${MONTHS})\\.?,?\\s+(?:1[89]|20)\\d\\d)\\b`,
      'gi',
    ),
    check: (m) => {
      // "may" alone is a verb; require a capital M or a day/year next to it.
      if (/^may\s/i.test(m[0]) && !/^May/.test(m[0])) return 0.6;
      return 0.95;
    },
  },
  {
    // A holiday names a day of a year: "Christmas Eve", "New Year's Day", "the Fourth of July" (Safe Harbor: every
    // element of a date but the year). Strong: the development notes hold none, so the classifier never learnt them.
    rule: 'pattern.holiday',
    category: 'date',
    re: /\b(?:christmas(?: eve| day)?|xmas(?: eve)?|thanksgiving(?: day)?|easter(?: sunday| monday)?|new year'?s(?: day| eve)?|hanukkah|chanukah|ramadan|eid al-(?:fitr|adha)|passover|yom kippur|rosh hashanah|halloween|good friday|(?:memorial|labor|labour|independence|veterans'?|presidents'?|columbus|boxing) day|(?:valentine|mother|father|st\.? patrick)'?s day|martin luther king(?: jr\.?)? day|fourth of july|july 4th)\b/gi,
    score: 0.8,
  },
  {
    // A month and a four-digit year written with a slash: "2/2019", "11/1998" (finer than a year).
    rule: 'pattern.month-year-numeric',
    category: 'date',
    re: /(?<![\d/.:-])(0?[1-9]|1[0-2])\/((?:19|20)\d\d)(?![\d/]|\.\d)/g,
    check: (m, text) => {
      const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 12);
      // "1/1000 dilution" never reaches 1900, but a count of a big number may: "1/2000 units".
      return /^\s*(?:dilution|units?|mg|mcg|ml|cc|cells|x\b|%)/i.test(after) ? 0 : 0.9;
    },
  },
  {
    // An age over 89 in words: "ninety-two year old", "one hundred and one yo" (digits: pattern.age-over-89).
    rule: 'pattern.age-words',
    category: 'age',
    re: /\b(?:ninety(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|(?:a |one )?hundred(?:(?: and)?[\s-](?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?)(?=[\s-]+(?:y\/?o\b|yo\b|yrs?\b|years?\b|year-old|yr-old))/gi,
    score: 0.9,
  },
  {
    rule: 'pattern.year',
    weak: true,
    category: 'date',
    re: /\b(?:in|since|of|from|until|till|year|yr|circa|c\.|\()\s*((?:19|20)\d\d)\b|'(\d\d)\b/gi,
    check: (m) => (m[1] || m[2] ? 0.85 : 0),
    group: -1,
  },
  {
    rule: 'pattern.age-over-89',
    category: 'age',
    re: /\b(9\d|1[0-2]\d)\s*(?:-\s*)?(?:y\/?o|yo|yrs?|years?|year-old|y\.o\.|yr-old)\b|\b(?:age[sd]?|aged)(?:\s*:)?\s*(9\d|1[0-2]\d)\b/gi,
    group: -2,
    score: 0.95,
  },
  {
    rule: 'pattern.zip',
    category: 'location',
    re: /\b(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])\.?,?\s+(\d{5}(?:-\d{4})?)\b/g,
    group: 1,
    score: 0.95,
  },
  {
    rule: 'pattern.street-address',
    category: 'location',
    re: /\b\d{1,6}\s+(?:[A-Z][a-z]+\.?\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Square|Sq|Terrace|Way|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Trail|Route)\b\.?(?:,?\s+(?:Apt\.?|Suite|Unit|#)\s*[A-Za-z0-9-]+)?/g,
    score: 0.95,
  },
];

/** Identifier patterns over the whole text; overlapping hits are all returned (the caller merges). */
export function findPatterns(text: string): PatternHit[] {
  const hits: PatternHit[] = [];
  for (const r of RULES) {
    r.re.lastIndex = 0;
    for (const m of r.find ? r.find(text) : text.matchAll(r.re)) {
      const score = r.check ? r.check(m, text) : (r.score ?? 1);
      if (score <= 0) continue;
      let start = m.index;
      let end = start + m[0].length;
      const group = r.group === -1 || r.group === -2 ? [1, 2].find((g) => m[g]) : r.group;
      if (group !== undefined && m[group] !== undefined) {
        const offset = m[0].lastIndexOf(m[group]!);
        start = m.index + offset;
        end = start + m[group]!.length;
      }
      hits.push({ start, end, category: r.category, rule: r.rule, score, weak: r.weak === true });
    }
  }
  return hits;
}
