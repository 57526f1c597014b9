import { infantAgeParts, type Sex } from '../../clinical/patient.js';
import type { TextSpan } from '../../clinical/span.js';

/** Age and sex written in consultation text ("58-year-old man", "62M", "F 45", "8-month-old boy"). */

export interface Demographics {
  /** Age in years; an infant's age written in months, weeks or days is converted (8 months → 0.667). */
  readonly ageYears?: number;
  /** The age as written when it is not in years, in UCUM units (`mo`, `wk`, `d`), for the record's Age observation. */
  readonly writtenAge?: { readonly value: number; readonly unit: InfantAgeUnit };
  readonly sex?: Sex;
  /** Said of the speaker ("I'm 24"): in a parent's story about their child it is not the patient's age. */
  readonly firstPerson?: boolean;
  readonly sourceSpan: TextSpan;
}

/** UCUM units of an age not written in years. */
export type InfantAgeUnit = 'mo' | 'wk' | 'd';

const SEX_WORDS: Readonly<Record<string, Sex>> = {
  man: 'male',
  male: 'male',
  gentleman: 'male',
  boy: 'male',
  son: 'male',
  m: 'male',
  gent: 'male',
  guy: 'male',
  woman: 'female',
  female: 'female',
  lady: 'female',
  girl: 'female',
  daughter: 'female',
  f: 'female',
};

const AGE_PATTERN =
  /(?<![\d.,])\b(\d{1,3})(?:[- ]?(?:years?|yrs?|y)[- ]?(?:old|o)\b|\s*y\.?\/?o\.?\b|\s*yo\b|\s*y(?=\s+[MF]\b)|(?=\s*[MF]\b)|(?=[MF]\b))[\s,-]*(man|male|gentleman|gent|guy|woman|female|lady|boy|girl|son|daughter|m|f)?\b/gi;

/** "8-month-old boy", "6 weeks old", "a 10-day-old baby": an infant's or toddler's age in months, weeks or days. */
const INFANT_AGE_PATTERN =
  /(?<![\d.,])\b(\d{1,3})[- ]?(months?|mos?|mths?|weeks?|wks?|days?)[- ]?old\b[\s,-]*(male|boy|girl|female|son|daughter)?\b/gi;

/**
 * An age said in the first person or as "aged 45" ("I'm 24", "I am 62 and …", "aged 45", "age: 70"), not a count of
 * something else ("I'm 34 weeks pregnant", "I am 5 foot 2", "age 3 days" is the infant pattern's).
 */
const STATED_AGE_PATTERN =
  /\b(?:I['’]m|I am|im|aged|age:?|she['’]?s|he['’]?s|she is|he is)\s+(\d{1,3})\b(?![.,]\d)(?!\s*(?:-|to)?\s*(?:weeks?|wks?|days?|months?|mos?|mths?|hours?|hrs?|minutes?|mins?|kg|kilos?|lbs?|pounds?|stones?|st\b|cm|mm|foot|feet|ft|%|percent|times?|x\b|years? ago|yrs? ago|degrees?|°|c\b|f\b|over|\/|of\b|out of|and a half|mmol|mg|units?|puffs?|tablets?|pills?))/gi;

/**
 * A baby's age written compactly at the start of a note or before the person ("14mo boy", "9mo with fever"), or
 * right after the baby word ("baby 7 months dribbling", "daughter 6 weeks, fever").
 */
const COMPACT_INFANT_AGE_PATTERN =
  /(?:^\s*|\b(?:baby|infant|toddler|child|son|daughter|boy|girl)\s+)(\d{1,2})\s?(mo|mths?|wks?|(?<=(?:baby|infant|toddler|son|daughter|boy|girl)\s+\d{1,2}\s?)(?:months?|weeks?))\b(?!\s*(?:ago|history|hx|of\b|old))/gi;

/**
 * A baby's age said with "is" or "aged" (no "old"): "My son is 10 months", "she's 6 weeks", "the baby is 3 months",
 * "aged 3 months", "age 5 days".
 */
const INFANT_IS_AGE_PATTERN =
  /\b(?:(?:son|daughter|baby|boy|girl|child|he|she)\s+is|he['’]?s|she['’]?s|aged?:?)\s+(\d{1,2})\s*(months?|mths?|mos?|weeks?|wks?|days?)\b(?!\s*(?:ago|pregnant|gestation|post|since|after|later|old|late|overdue|early|behind|into))/gi;

/** "Child of 7 years", "a man of 64 years": the person, then the age. */
const PERSON_OF_AGE_PATTERN =
  /\b(child|boy|girl|man|woman|gentleman|lady|male|female|patient)\s+of\s+(\d{1,3})\s*(?:years?|yrs?)\b/gi;

/** The sex a relative's word names ("my husband", "Dad (74)"); `son` and `daughter` are in `SEX_WORDS`. */
export const RELATIVE_SEX: Readonly<Record<string, Sex>> = {
  husband: 'male',
  dad: 'male',
  father: 'male',
  grandad: 'male',
  grandpa: 'male',
  grandfather: 'male',
  brother: 'male',
  boyfriend: 'male',
  son: 'male',
  wife: 'female',
  mum: 'female',
  mom: 'female',
  mother: 'female',
  grandma: 'female',
  grandmother: 'female',
  nan: 'female',
  nana: 'female',
  nanna: 'female',
  gran: 'female',
  granny: 'female',
  sister: 'female',
  girlfriend: 'female',
  daughter: 'female',
};

/** People named with an age beside them, and the sex the word names (none for "flatmate", "friend", "baby"). */
const PERSON_WORD_SEX: Readonly<Record<string, Sex | undefined>> = {
  ...RELATIVE_SEX,
  boy: 'male',
  girl: 'female',
  man: 'male',
  woman: 'female',
  lady: 'female',
  gentleman: 'male',
  gent: 'male',
  partner: undefined,
  friend: undefined,
  flatmate: undefined,
  child: undefined,
  kid: undefined,
  toddler: undefined,
  patient: undefined,
  pt: undefined,
};

/**
 * A person's age in apposition: "my husband, 60, is …", "Dad (74) woke up", "mum, 81yo, fell", "dad 81 on warfarin",
 * "my little boy is 2", "elderly lady 88".
 */
const RELATIVE_AGE_PATTERN = new RegExp(
  `\\b(${Object.keys(PERSON_WORD_SEX).join('|')})(?:\\s*[,(]\\s*|\\s+(?:is\\s+|who is\\s+)?)(\\d{1,3})\\s*(?:y\\.?\\/?o\\.?|yrs?|years?(?: old)?)?` +
    // then a comma or bracket, or a word that is no unit of a count ("dad 81 on warfarin", not "dad 3 times").
    `(?=\\s*[,)]|\\.(?!\\d)|\\s*$|\\s+(?!(?:times?|x|days?|weeks?|wks?|months?|hours?|hrs?|mins?|minutes?|kg|kilos?|stone|lbs?|foot|feet|ft|cm|inches|pm|am|o'clock|percent)\\b)[a-z])`,
  'gi',
);

/** Oldest age accepted in each unit: beyond it a clinician writes years. */
const INFANT_LIMITS: Readonly<Record<InfantAgeUnit, number>> = { mo: 60, wk: 104, d: 120 };
const YEARS_PER: Readonly<Record<InfantAgeUnit, number>> = { mo: 1 / 12, wk: 7 / 365.25, d: 1 / 365.25 };

function infantUnit(word: string): InfantAgeUnit {
  const w = word.toLowerCase();
  return w.startsWith('d') ? 'd' : w.startsWith('w') ? 'wk' : 'mo';
}

/** The span of `match` in the whole text, without trailing separators. */
function spanOf(text: string, offset: number, match: RegExpMatchArray): TextSpan {
  const start = offset + (match.index ?? 0);
  let end = start + match[0].length;
  while (end > start && /[\s,-]/.test(text[end - 1 - offset] ?? '')) end--;
  return { start, end, text: text.slice(start - offset, end - offset) };
}

function sexOf(word: string | undefined): { sex?: Sex } {
  return word ? { sex: SEX_WORDS[word.toLowerCase()] ?? 'unknown' } : {};
}

/** "58-year-old man", "74 YO WOMAN", "45M", "a 30 y/o female", "3-month-old girl": age and sex, in text order. */
export function extractDemographics(text: string, offset = 0): Demographics[] {
  const found: Demographics[] = [];
  for (const match of text.matchAll(AGE_PATTERN)) {
    const age = Number(match[1]);
    const sexWord = match[2]?.toLowerCase();
    const compact = !/year|yr|y|o/i.test(match[0].slice(match[1]!.length).replace(sexWord ?? '', ''));
    if (compact && !sexWord) continue;
    if (compact && sexWord && !/^[mf]$/.test(sexWord)) continue;
    if (!(age >= 0 && age <= 120)) continue;
    found.push({ ageYears: age, ...sexOf(sexWord), sourceSpan: spanOf(text, offset, match) });
  }
  for (const match of text.matchAll(STATED_AGE_PATTERN)) {
    const age = Number(match[1]);
    const span = spanOf(text, offset, match);
    if (!(age >= 0 && age <= 120) || found.some((d) => d.sourceSpan.start === span.start)) continue;
    const pronounSex = /^she/i.test(match[0]) ? 'female' : /^he/i.test(match[0]) ? 'male' : undefined;
    found.push({
      ageYears: age,
      ...(/^i/i.test(match[0]) ? { firstPerson: true } : {}),
      ...(pronounSex ? { sex: pronounSex } : {}),
      sourceSpan: span,
    });
  }
  for (const match of text.matchAll(PERSON_OF_AGE_PATTERN)) {
    const age = Number(match[2]);
    const span = spanOf(text, offset, match);
    if (!(age >= 0 && age <= 120) || found.some((d) => d.sourceSpan.start === span.start)) continue;
    const person = match[1]!.toLowerCase();
    found.push({ ageYears: age, ...(person in SEX_WORDS ? sexOf(person) : {}), sourceSpan: span });
  }
  for (const match of text.matchAll(RELATIVE_AGE_PATTERN)) {
    const age = Number(match[2]);
    const span = spanOf(text, offset, match);
    if (!(age >= 0 && age <= 120)) continue;
    const sex = PERSON_WORD_SEX[match[1]!.toLowerCase()];
    // "Mum, 81yo": the age pattern has read "81yo"; the relative word adds the sex.
    const inner = found.findIndex((d) => d.sourceSpan.start >= span.start && d.sourceSpan.start < span.end);
    if (inner >= 0) found[inner] = { ...found[inner]!, ...(found[inner]!.sex || !sex ? {} : { sex }) };
    else found.push({ ageYears: age, ...(sex ? { sex } : {}), sourceSpan: span });
  }
  for (const pattern of [COMPACT_INFANT_AGE_PATTERN, INFANT_IS_AGE_PATTERN]) {
    for (const match of text.matchAll(pattern)) {
      const value = Number(match[1]);
      const unit = infantUnit(match[2]!);
      const span = spanOf(text, offset, match);
      const inside = found.some((d) => d.sourceSpan.start <= span.start && d.sourceSpan.end >= span.end);
      if (!(value >= 0 && value <= INFANT_LIMITS[unit]) || inside) continue;
      found.push({ ageYears: value * YEARS_PER[unit], writtenAge: { value, unit }, sourceSpan: span });
    }
  }
  for (const match of text.matchAll(INFANT_AGE_PATTERN)) {
    const value = Number(match[1]);
    const unit = infantUnit(match[2]!);
    if (!(value >= 0 && value <= INFANT_LIMITS[unit])) continue;
    found.push({
      ageYears: value * YEARS_PER[unit],
      writtenAge: { value, unit },
      ...sexOf(match[3]),
      sourceSpan: spanOf(text, offset, match),
    });
  }
  return found.sort((a, b) => a.sourceSpan.start - b.sourceSpan.start);
}

const INFANT_UNIT_WORDS = { mo: 'month', wk: 'week', d: 'day' } as const;

/** An age for people to read: "58-year-old", "8-month-old", "3-week-old", "5-day-old". */
export function describeAge(ageYears: number): string {
  if (ageYears >= 2) return `${Math.floor(ageYears)}-year-old`;
  const { value, unit } = infantAgeParts(ageYears);
  return `${value}-${INFANT_UNIT_WORDS[unit]}-old`;
}
