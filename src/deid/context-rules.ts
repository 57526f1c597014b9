import { englishLevel, isCandidate, isNumberToken, isWordToken } from './features.js';
import {
  type Dictionaries,
  INSTITUTION_HEADS,
  isAllowed,
  RELATIONS,
  STATE_CODES,
  STATE_NAMES,
  STATE_NAMES_TWO,
  TITLES,
} from './lexicon.js';
import type { Token } from './tokens.js';
import type { PhiCategory } from './types.js';

/** A token that a context or dictionary rule marks. */
export interface TokenHit {
  readonly index: number;
  readonly category: PhiCategory;
  readonly rule: string;
  readonly score: number;
  /** True when the rule is strong enough to override the clinical allow-list ("Dr. Foley"). */
  readonly overridesAllowList?: boolean;
}

const STOP = new Set(
  'a an the and or of in on at to for with from by is was be been are were has had have this that it he she they his her their on off up down out if no not as x per'.split(
    ' ',
  ),
);

/** One ASCII letter: what `/^[A-Za-z]$/` matches, without the regular expression (called for every token). */
function isLetter(t: string): boolean {
  if (t.length !== 1) return false;
  const c = t.charCodeAt(0) | 32;
  return c >= 97 && c <= 122;
}

/** Two ASCII digits: what `/^\d{2}$/` matches. */
function isTwoDigits(t: string): boolean {
  if (t.length !== 2) return false;
  const a = t.charCodeAt(0);
  const b = t.charCodeAt(1);
  return a >= 48 && a <= 57 && b >= 48 && b <= 57;
}

function isTitleCase(t: string): boolean {
  return /^[A-Z][a-z'\u00E0-\u00FF]+$/.test(t) || /^[A-Z]$/.test(t);
}

function isTitleCaseOrUpper(t: string): boolean {
  return isTitleCase(t) || /^[A-Z]{2,}$/.test(t);
}

function nameLike(t: string): boolean {
  return isWordToken(t) && !STOP.has(t.toLowerCase());
}

/** Clinician roles written before a name. */
export const ROLES = new Set([
  'np',
  'rn',
  'md',
  'pa',
  'rrt',
  'attending',
  'resident',
  'intern',
  'fellow',
  'chaplain',
  'sw',
  'pcp',
  'nurse',
  'ho',
]);
/** Credentials that close a signature line. */
const CREDENTIALS = new Set([
  'rn',
  'rrt',
  'crt',
  'np',
  'md',
  'lpn',
  'msw',
  'lcsw',
  'licsw',
  'pa',
  'cna',
  'pharmd',
]);
/** Titles that are titles in capitals too ("DR SMITH", "RABBI KLEIN"; "MS", "MR" are mental status and mitral regurgitation). */
const UPPER_TITLES = new Set(['dr', 'drs', 'doctor', 'rabbi', 'pastor', 'reverend']);
/** Single letters that are words or abbreviations in notes, never taken for an initial without a full stop. */
const BARE_LETTERS = new Set('a i o x c s p w r l v e f m n k t u b h'.split(' '));
/** Words before an initial and a surname. */
const NAME_CUES_BEFORE = new Set([
  'per',
  'by',
  'with',
  'paged',
  'notified',
  'called',
  'informed',
  'to',
  'dr',
]);
/** Labels of a pager's number. */
const PAGER = new Set(['pager', 'beeper', 'pgr', 'bpr']);
/** Particles of surnames, written apart from the name in these notes ("o rourke", "van leeuwen"). */
const SURNAME_PARTICLES = new Set([
  'o',
  'mc',
  'mac',
  'van',
  'von',
  'der',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'le',
  'la',
]);
/** Words after an initial and a surname. */
const AFTER_INITIAL_NAME = new Set([
  'aware',
  'ordered',
  'notified',
  'paged',
  'called',
  'rn',
  'md',
  'np',
  'informed',
]);
/** A 24-hour clock time written as four digits ("0330", "1900"). */
function isClockTime(t: string): boolean {
  return /^\d{4}$/.test(t) && Number(t) < 2400 && Number(t) % 100 < 60;
}
/** Prepositions before a town. */
const PLACE_PREP = new Set(['from', 'in', 'to', 'near', 'outside']);
/** Words written right after a name. */
const AFTER_NAME = new Set(['aware', 'rn', 'rrt', 'crt', 'np']);
/** Two-word cues before a place. */
const RESIDENCE = new Set([
  'lives in',
  'live in',
  'living in',
  'resides in',
  'moved to',
  'returned to',
  'home in',
  'from in',
  'transferred from',
  'transfer from',
  'admitted from',
]);

/** Words a few tokens before an a/b number that make it a ventilator setting or a measured pair, not a date. */
export const VENT_BEFORE = new Set(
  'psv ps cpap bipap simv imv peep flowby plat peak ptt pt/ptt co/ci ci perrla pupils settings vent ventilator'.split(
    ' ',
  ),
);

/** The last words of the cues before a place ("in", "to", "from"). */
const RESIDENCE_LAST = new Set([...RESIDENCE].map((cue) => cue.slice(cue.lastIndexOf(' ') + 1)));

/** Words before an institution head that make it generic ("to cardiac rehab", "at outside hospital"). */
const GENERIC_INSTITUTION = new Set(
  'cardiac pulmonary acute subacute inpatient outpatient outside other another local this that same previous prior osh psych psychiatric physical home nursing vent ventilator long term skilled stroke spine spinal neuro brain trauma day his her their your our my its children childrens pediatric county city state leave start go back get come return stay remain admission admit transfer discharge discharged transferred'.split(
    ' ',
  ),
);
/** Words of a duration or a count after a range: "3-5 days", "2-4 times". */
const SPAN_WORDS = new Set(
  'day days d wk wks week weeks month months mo yr yrs year years times x beats bpm breaths liters lpm'.split(
    ' ',
  ),
);
/** Measurements before "in NN" that make NN a value ("sats in 94", "hr in 80"). */
const MEASURED_BEFORE = new Set(
  'sats sat spo2 o2 hr rr bp sbp dbp map cvp temp t pap pcwp glucose bs fs fsbs k na hct hgb wbc plt inr ptt uo output intake'.split(
    ' ',
  ),
);
/** Verbs after a visitor's or caller's name. */
const VISIT_VERBS = new Set(['visited', 'visiting', 'called', 'phoned', 'came', 'stayed', 'spent']);
/** Verbs and nouns of moving a patient, before "to", "at", "@" or "from" and a place. */
const MOVE_CUES = new Set(
  'go going went goes transfer transferred transfered discharge discharged accepted excepted admitted bed beds screened arrived return returned'.split(
    ' ',
  ),
);
/** Destinations that are parts of a hospital or a home, not a named institution. */
const GENERIC_PLACE = new Set(
  'floor floors unit home house radiology ct mri cath lab or ir er ed rehab icu ccu micu sicu csru pacu ward room bed step down stepdown nursing hospice morgue dialysis surgery the a an his her their'.split(
    ' ',
  ),
);
/** Institution heads that belong to the name in the gold standard's convention ("Laurel Regional", "… Memorial"). */
const NAMED_HEADS = new Set(['memorial', 'regional', 'rehab']);
const INSTITUTION_ANY_CASE = new Set(['hospital', 'hosp', 'memorial', 'regional', 'rehab']);
const PREP = new Set(['to', 'at', 'from', 'by', '@', 'in']);
const ORDINAL = new Set(['st', 'nd', 'rd', 'th']);
/** Words after an age: "70 yr old", "46 year old", "82 yo". */
const AGE_WORDS = new Set(['yo', 'y', 'yr', 'yrs', 'year', 'years', 'y/o']);
/** Units and words after a quantity, which make a four-digit number an amount rather than a year. */
const UNIT_AFTER = new Set(
  'cc ccs ml mls l mg mcg g gm gms kg u units unit kcal cal cals calories meq mmol mmhg mm cm in ft lb lbs oz ounces min mins hr hrs h x % cells ng pg iu'.split(
    ' ',
  ),
);

/** Whether a line break stands before token `i` (or it is the first). */
function firstOnLineAt(tokens: readonly Token[], text: string, i: number): boolean {
  if (i <= 0) return true;
  return text.slice(tokens[i - 1]!.end, tokens[i]!.start).includes('\n');
}
const ORDINAL_LEAD = new Set(['on', 'since', 'until', 'till', 'by', 'of', 'from', 'before', 'after']);
/** Words that may follow an ordinal day ("on the 5th for follow up"): joining words, never a noun ("5th floor"). */
export const ORDINAL_AFTER = new Set(
  'of at and when with for in to until till after before by or but through thru so while as'.split(' '),
);
const F_TITLE = 1;
const F_RELATION = 2;
const F_MOVE = 4;
const F_VISIT = 8;
const F_INSTITUTION_ANY_CASE = 16;
const F_ROLE = 32;
const F_CREDENTIAL = 64;
const F_AFTER_NAME = 128;
const F_RESIDENCE_LAST = 256;
const F_PLACE_PREP = 512;
const F_INSTITUTION_HEAD = 1024;
const F_PAGER = 2048;

/** The short word lists that the context rules ask about every token, as flags of each word they hold. */
const WORD_FLAGS = new Map<string, number>();
for (const [list, flag] of [
  [TITLES, F_TITLE],
  [RELATIONS, F_RELATION],
  [MOVE_CUES, F_MOVE],
  [VISIT_VERBS, F_VISIT],
  [INSTITUTION_ANY_CASE, F_INSTITUTION_ANY_CASE],
  [ROLES, F_ROLE],
  [CREDENTIALS, F_CREDENTIAL],
  [AFTER_NAME, F_AFTER_NAME],
  [RESIDENCE_LAST, F_RESIDENCE_LAST],
  [PLACE_PREP, F_PLACE_PREP],
  [INSTITUTION_HEADS, F_INSTITUTION_HEAD],
  [PAGER, F_PAGER],
] as const)
  for (const w of list) WORD_FLAGS.set(w, (WORD_FLAGS.get(w) ?? 0) | flag);

/** Context rules: titles ("Dr.", "Mr."), relations ("pt's wife"), institutions ("… Hospital"), name pairs. */
export function contextHits(
  tokens: readonly Token[],
  vocab: ReadonlySet<string>,
  dict: Dictionaries,
  upperLine: (i: number) => boolean,
  text = '',
  /** Every token's text in lower case, when the caller has it. */
  lowered: readonly string[] = tokens.map((t) => t.text.toLowerCase()),
): TokenHit[] {
  const hits: TokenHit[] = [];
  const word = (i: number) => tokens[i]?.text ?? '';
  const lower = (i: number) => lowered[i] ?? '';
  /** The next word index after `i`, skipping one '.' or ','. */
  const next = (i: number) => (word(i + 1) === '.' || word(i + 1) === ',' ? i + 2 : i + 1);
  /** A '.' at `i` ends a sentence (after a word of two or more letters), not an abbreviation such as "p.o.". */
  const sentenceEnd = (i: number) =>
    word(i) === '.' && (/^[A-Za-z0-9]{2,}$/.test(word(i - 1)) || /^\d+\.\d+$/.test(word(i - 1)));
  /** Nothing but spaces, '.' or ',' between token `i` and the end of its line (or of the text). */
  const lineEndsAfter = (i: number) => {
    const rest = text.slice(tokens[i]!.end, tokens[i]!.end + 40);
    return /^[ \t.,]*(?:\r?\n|$)/.test(rest) && text.length > 0;
  };
  /** A word none of the never-remove lists protects: not English vocabulary, allow-listed or clinical. */
  const unprotected = (w: string) => !vocab.has(w) && !isAllowed(w) && !dict.clinical.has(w);
  // Which of the short word lists hold each token (one look-up per token; `WORD_FLAGS`).
  const wordFlags = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) wordFlags[i] = WORD_FLAGS.get(lowered[i]!) ?? 0;
  const flagsAt = (i: number) => (i >= 0 && i < wordFlags.length ? wordFlags[i]! : 0);
  for (let i = 0; i < tokens.length; i++) {
    const lw = lower(i);
    const flags = wordFlags[i]!;
    // A listed first name (asked by three rules).
    const firstName = word(i).length > 1 && isWordToken(word(i)) && dict.firstNames.has(lw);
    if (flags & F_TITLE && !(lw === 'sr' || lw === 'sister')) {
      // Dr. Smith, Dr Jane Smith, Dr. J. Smith
      // "MS", "MR" in capitals are mental status and mitral regurgitation; a title is "Mr", "Mr." or "MR." then.
      const t = word(i);
      if (t === t.toUpperCase() && t.length > 1 && word(i + 1) !== '.' && !UPPER_TITLES.has(lw)) continue;
      let j = next(i);
      // "MR." and "MS." in capitals may end a sentence on mitral regurgitation ("severe MR. Arrived to CCU").
      const ambiguous = t === t.toUpperCase() && (lw === 'mr' || lw === 'ms');
      for (let taken = 0; taken < 3 && nameLike(word(j)); taken++) {
        // A surname's particle written apart ("Dr. o rourke", "Dr. van der Berg") is no common word here.
        const particle =
          SURNAME_PARTICLES.has(lower(j)) &&
          tokens[j + 1]?.start === tokens[j]!.end + 1 &&
          isWordToken(word(j + 1)) &&
          word(j + 1).length > 2 &&
          unprotected(lower(j + 1));
        if (!particle && vocab.has(word(j).toLowerCase()) && (!isTitleCase(word(j)) || ambiguous)) break;
        hits.push({
          index: j,
          category: 'name',
          rule: 'context.title',
          score: 0.95,
          overridesAllowList: true,
        });
        const w = word(j);
        const k = next(j);
        // continue only over initials or a further name-like capitalised word
        if (lower(k) === 'and' && (lw === 'drs' || lw === 'dr') && nameLike(word(k + 1))) {
          // "Dr. Okafor and Dr. Stronczek": the second title is no name; its own rule takes the name after it.
          if (TITLES.has(lower(k + 1))) break;
          j = k + 1;
          continue;
        }
        // A full name does not run on over a comma or a full stop ("Dr. Martyn. Thermodilution …").
        const nextNamey =
          k === j + 1 &&
          (isTitleCase(word(k)) || (isWordToken(word(k)) && englishLevel(lower(k), dict) === 'N')) &&
          !vocab.has(lower(k)) &&
          !isAllowed(lower(k));
        if (!(w.length === 1 || nextNamey || particle)) break;
        j = k;
      }
    }
    if (flags & F_RELATION) {
      let j = next(i);
      if (['is', 'named', 'name'].includes(lower(j))) j = next(j);
      if (word(j) === '"') j++;
      const w = word(j);
      const lwj = w.toLowerCase();
      // A listed first name; a capitalised word on a mixed-case line; or, in any case, a listed name that is no English
      // word ("A BROTHER VINNY").
      const plausible =
        dict.firstNames.has(lwj) ||
        (isTitleCase(w) && !upperLine(j)) ||
        (isWordToken(w) && englishLevel(lwj, dict) === 'N');
      // A word in lower case that is no English word, right after the relation and before a sentence's end or a
      // comma: "communication with husband milovan." (a name no list holds).
      const unlisted =
        w === lwj &&
        w.length > 2 &&
        j === i + 1 &&
        englishLevel(lwj, dict) === 'N' &&
        unprotected(lwj) &&
        /^[.,;]$/.test(word(j + 1)) &&
        tokens[j + 1]!.start === tokens[j]!.end;
      if (unlisted) hits.push({ index: j, category: 'name', rule: 'context.relation', score: 0.7 });
      else if (isWordToken(w) && plausible && dict.anyName.has(lwj) && !vocab.has(lwj) && !isAllowed(lwj)) {
        hits.push({ index: j, category: 'name', rule: 'context.relation', score: 0.85 });
        const k = next(j);
        const wk = word(k).toLowerCase();
        if (isWordToken(word(k)) && dict.anyName.has(wk) && !vocab.has(wk) && !isAllowed(wk))
          hits.push({ index: k, category: 'name', rule: 'context.relation', score: 0.8 });
      }
    }
    // An initial and an unknown name: "D. Phyl", "E. WELSH".
    if (
      isLetter(word(i)) &&
      /^[A-Z]$/.test(word(i)) &&
      word(i + 1) === '.' &&
      isWordToken(word(i + 2)) &&
      word(i + 2).length > 1
    ) {
      const lj = lower(i + 2);
      const after = lower(i + 3);
      const known = dict.firstNames.has(lj) || dict.lastNames.has(lj);
      const cued = ['aware', 'rn', 'rrt', 'crt', 'md', 'np', 'pa', 'notified', 'paged', 'informed'].includes(
        after,
      );
      if (
        !vocab.has(lj) &&
        !isAllowed(lj) &&
        (word(i - 1) !== '.' || sentenceEnd(i - 1)) &&
        (known || (cued && dict.anyName.has(lj)))
      ) {
        hits.push({ index: i, category: 'name', rule: 'context.initial', score: 0.75 });
        hits.push({ index: i + 2, category: 'name', rule: 'context.initial', score: 0.75 });
      }
    }
    // An initial and a word that is no English word, in any case: "d. renna", "M. PEPPLER", "j. o'brien"
    // (R. and L. are right and left: "close to R. mainstem").
    if (
      isLetter(word(i)) &&
      lw !== 'r' &&
      lw !== 'l' &&
      word(i + 1) === '.' &&
      isWordToken(word(i + 2)) &&
      word(i + 2).length > 2
    ) {
      const lj = lower(i + 2);
      const pw = lower(i - 1);
      const spaced = i === 0 || /[\s(]/.test(text.charAt(tokens[i]!.start - 1) || ' ');
      const prevOk =
        (pw === '.' ? sentenceEnd(i - 1) : true) &&
        (!isWordToken(word(i - 1)) ||
          STOP.has(pw) ||
          ROLES.has(pw) ||
          NAME_CUES_BEFORE.has(pw) ||
          pw === 'nsg');
      const level = englishLevel(lj, dict);
      if (
        spaced &&
        prevOk &&
        !/^[A-Za-z]$/.test(word(i + 3)) &&
        (level === 'N' || (level === 'R' && dict.anyName.has(lj))) &&
        unprotected(lj)
      ) {
        hits.push({ index: i, category: 'name', rule: 'context.initial', score: 0.7 });
        hits.push({ index: i + 2, category: 'name', rule: 'context.initial', score: 0.7 });
      }
    }
    // An initial without a full stop and a surname, after a cue or before "aware", "ordered" …: "per d ross",
    // "J SMITH ORDERED" (letters that are words or abbreviations in notes are left: a, i, o, x, c, s, p, w, r, l, v).
    if (
      isLetter(word(i)) &&
      !BARE_LETTERS.has(lw) &&
      isWordToken(word(i + 1)) &&
      word(i + 1).length > 2 &&
      tokens[i + 1]!.start === tokens[i]!.end + 1
    ) {
      const lj = lower(i + 1);
      const cued = NAME_CUES_BEFORE.has(lower(i - 1)) || AFTER_INITIAL_NAME.has(lower(i + 2));
      if (
        cued &&
        dict.anyName.has(lj) &&
        (englishLevel(lj, dict) !== 'C' || dict.lastNames.has(lj)) &&
        unprotected(lj)
      ) {
        hits.push({ index: i, category: 'name', rule: 'context.initial', score: 0.7 });
        hits.push({ index: i + 1, category: 'name', rule: 'context.initial', score: 0.7 });
      }
    }
    // A first name that is no common English word and a word that is no English word, in any case:
    // "KAREN ANN QUENNIVAR", "jean zorbal is a 70 yr old".
    if (
      firstName &&
      word(i).length > 2 &&
      englishLevel(lw, dict) !== 'C' &&
      !vocab.has(lw) &&
      !isAllowed(lw)
    ) {
      const run = [i];
      for (let j = i + 1; j <= i + 3; j++) {
        const lj = lower(j);
        if (
          !isWordToken(word(j)) ||
          word(j).length < 3 ||
          tokens[j]!.start > tokens[j - 1]!.end + 1 ||
          vocab.has(lj) ||
          isAllowed(lj) ||
          dict.clinical.has(lj) ||
          englishLevel(lj, dict) !== 'N'
        )
          break;
        run.push(j);
      }
      if (run.length > 1)
        for (const k of run)
          hits.push({ index: k, category: 'name', rule: 'dictionary.name-pair', score: 0.7 });
    }
    // A month and a two-digit year: "(12/93)", "dx 3/87"; the year part cannot be a day.
    if (isNumberToken(word(i))) {
      const my = /^(\d{1,2})\/(\d{2})$/.exec(word(i));
      if (
        my &&
        Number(my[1]) >= 1 &&
        Number(my[1]) <= 12 &&
        Number(my[2]) >= 32 &&
        word(i + 1) !== '%' &&
        ![1, 2, 3, 4].some((k) => VENT_BEFORE.has(lower(i - k)))
      )
        hits.push({ index: i, category: 'date', rule: 'context.month-year', score: 0.7 });
      // A month/day beside a clock time: "at 0330 3/7", "3/9 AM", "(10/17 0500)" (a ratio has no time beside it).
      const md = /^(\d{1,2})\/(\d{1,2})$/.exec(word(i));
      if (
        md &&
        Number(md[1]) >= 1 &&
        Number(md[1]) <= 12 &&
        Number(md[2]) >= 1 &&
        Number(md[2]) <= 31 &&
        (isClockTime(word(i - 1)) || isClockTime(word(i + 1)) || /^(?:am|pm)$/.test(lower(i + 1)))
      )
        hits.push({ index: i, category: 'date', rule: 'context.date-time', score: 0.7 });
      // An ordinal day: "on the 11th", "since the 3rd." (not "5th ICS", "4th floor").
      const n = Number(word(i));
      const suffix = lower(i + 1);
      if (
        /^\d{1,2}$/.test(word(i)) &&
        n >= 1 &&
        n <= 31 &&
        ORDINAL.has(suffix) &&
        tokens[i + 1]!.start === tokens[i]!.end &&
        (ORDINAL_LEAD.has(lower(i - 1)) || (lower(i - 1) === 'the' && ORDINAL_LEAD.has(lower(i - 2)))) &&
        (!isWordToken(word(i + 2)) || ORDINAL_AFTER.has(lower(i + 2)))
      ) {
        hits.push({ index: i, category: 'date', rule: 'context.ordinal-day', score: 0.7 });
        hits.push({ index: i + 1, category: 'date', rule: 'context.ordinal-day', score: 0.7 });
      }
      // A range of days after "on": "returned to OR on 7-8 for coiling" (not "on 2-4 L").
      const range = /^(\d{1,2})-(\d{1,2})$/.exec(word(i));
      if (
        range &&
        (lower(i - 1) === 'on' || lower(i - 1) === 'from') &&
        Number(range[1]) >= 1 &&
        Number(range[1]) <= 12 &&
        Number(range[2]) >= 1 &&
        Number(range[2]) <= 31 &&
        (!isWordToken(word(i + 1)) ||
          STOP.has(lower(i + 1)) ||
          // "cultures from 3-5 grew …" (not "from 2-4 L", "from 3-5 days")
          (lower(i - 1) === 'from' && !UNIT_AFTER.has(lower(i + 1)) && !SPAN_WORDS.has(lower(i + 1))))
      )
        hits.push({ index: i, category: 'date', rule: 'context.day-range', score: 0.65 });
      // A two-digit year with a trailing apostrophe after a diagnosis: "CVA 74'", "CHOLECYSTECTOMY 77'".
      if (
        /^\d{2}$/.test(word(i)) &&
        word(i + 1) === "'" &&
        tokens[i + 1]!.start === tokens[i]!.end &&
        /^[.,;)]/.test(text.slice(tokens[i + 1]!.end, tokens[i + 1]!.end + 1)) &&
        isWordToken(word(i - 1)) &&
        !STOP.has(lower(i - 1))
      )
        hits.push({ index: i, category: 'date', rule: 'context.year-apostrophe', score: 0.65 });
    }
    // The patient named before the age at the start of a note or line: "lorrie morales is a 70 yr old female"
    // (words that are no common English word, vocabulary of the notes or clinical word, one of them a listed name).
    if (
      lw === 'is' &&
      /^an?$/.test(lower(i + 1)) &&
      /^\d{1,3}$/.test(word(i + 2)) &&
      AGE_WORDS.has(lower(i + 3))
    ) {
      const run: number[] = [];
      let j = i - 1;
      for (; j >= 0 && run.length < 3; j--) {
        const lj = lower(j);
        const common = englishLevel(lj, dict) === 'C';
        if (
          !isWordToken(word(j)) ||
          word(j).length < 2 ||
          (common && !dict.anyName.has(lj)) ||
          !unprotected(lj)
        )
          break;
        run.push(j);
      }
      const atStart = j < 0 || firstOnLineAt(tokens, text, j + 1) || sentenceEnd(j);
      const named = run.some((k) => dict.anyName.has(lower(k)));
      const unknown = run.some((k) => englishLevel(lower(k), dict) === 'N');
      if (run.length > 0 && atStart && named && unknown)
        for (const k of run) hits.push({ index: k, category: 'name', rule: 'context.age-intro', score: 0.7 });
    }
    // Two-digit years after "in" or "since" in a history: "CVA in 94 and 00", "since 87," (not "sats in 94%").
    if (
      isTwoDigits(word(i)) &&
      (lower(i - 1) === 'in' || lower(i - 1) === 'since') &&
      isWordToken(word(i - 2)) &&
      !MEASURED_BEFORE.has(lower(i - 2)) &&
      (/^[,.;)]$/.test(word(i + 1)) || lower(i + 1) === 'and') &&
      tokens[i + 1]!.start <= tokens[i]!.end + 1
    ) {
      hits.push({ index: i, category: 'date', rule: 'context.short-year', score: 0.6 });
      if (lower(i + 1) === 'and' && /^\d{2}$/.test(word(i + 2)) && !isWordToken(word(i + 3) || 'x'))
        hits.push({ index: i + 2, category: 'date', rule: 'context.short-year', score: 0.6 });
    }
    // A year that cannot be a clock time ("s/p resection 1977", not "1930" or "1900 cc"): 1900–2039 with minutes
    // over 59, no unit after it.
    if (word(i).length === 4 && /^(?:19|20)\d\d$/.test(word(i))) {
      const v = Number(word(i));
      const after = lower(i + 1);
      const signed = /[-+/]/.test(text.charAt(tokens[i]!.start - 1));
      if (v < 2040 && v % 100 >= 60 && !UNIT_AFTER.has(after) && word(i + 1) !== '/' && !signed)
        hits.push({ index: i, category: 'date', rule: 'context.year', score: 0.65 });
    }
    // Where a patient goes or comes from, named in capitalised words on a mixed-case line: "prepared to go to Oak
    // Grove", "accepted at Mount Pleasant", "a bed @ St Anne" (generic places such as "Floor", "Rehab", "Home" are not).
    if (flags & F_MOVE && ['to', 'at', '@', 'from'].includes(lower(i + 1)) && !upperLine(i)) {
      const run: number[] = [];
      for (let j = i + 2; run.length < 3; j++) {
        const w = word(j);
        const lj = w.toLowerCase();
        const saintInitial = /^[A-Z]$/.test(w) && (lower(j - 1) === 'st' || lower(j - 1) === 'mt');
        if (saintInitial) {
          run.push(j);
          break;
        }
        if (!(isTitleCase(w) && w.length > 1)) break;
        if (tokens[j]!.start > tokens[j - 1]!.end + 1 && j > i + 2) break;
        if (
          isAllowed(lj) ||
          STOP.has(lj) ||
          TITLES.has(lj) ||
          GENERIC_INSTITUTION.has(lj) ||
          GENERIC_PLACE.has(lj)
        )
          break;
        // A name of two words does not run on into a sentence left without its full stop ("… Heart Vital signs").
        if (run.length >= 2 && (dict.clinical.has(lj) || vocab.has(lj))) break;
        if (run.length > 0 && text.slice(tokens[j - 1]!.end, tokens[j]!.start).includes('\n')) break;
        run.push(j);
      }
      if (run.length >= 2)
        for (const k of run)
          hits.push({ index: k, category: 'location', rule: 'context.destination', score: 0.7 });
    }
    // A first name at the start of a clause before a verb of visiting or calling: "social: pat visited", "; Dolly
    // called twice" (a listed first name that is no word of the notes' vocabulary or the allow-list).
    if (
      flagsAt(i + 1) & F_VISIT &&
      isWordToken(word(i)) &&
      word(i).length > 2 &&
      dict.firstNames.has(lw) &&
      unprotected(lw) &&
      !RELATIONS.has(lw) &&
      (i === 0 || /^[:;,(]$/.test(word(i - 1)) || sentenceEnd(i - 1) || lower(i - 1) === 'and')
    )
      hits.push({ index: i, category: 'name', rule: 'context.visitor', score: 0.65 });
    // "U Maryland", "Univ Kansas": a university named by its place.
    if (
      (word(i) === 'U' || lw === 'univ') &&
      isTitleCaseOrUpper(word(next(i))) &&
      dict.places.has(lower(next(i)))
    ) {
      hits.push({ index: i, category: 'location', rule: 'context.university', score: 0.8 });
      hits.push({ index: next(i), category: 'location', rule: 'context.university', score: 0.8 });
    }
    // An institution in any case after a preposition: "to sacred heart hospital", "TAKEN TO LAUREL REGIONAL".
    if (flags & F_INSTITUTION_ANY_CASE) {
      let j = i - 1;
      const words: number[] = [];
      while (j >= 0 && words.length < 3) {
        const w = word(j);
        const lj = w.toLowerCase();
        // A hyphenated name: "from Kessler-Adventist Hosp".
        if (w === '-' && tokens[j]!.start === tokens[j - 1]?.end && tokens[j]!.end === tokens[j + 1]?.start) {
          j--;
          continue;
        }
        if (!isWordToken(w) || STOP.has(lj) || PREP.has(lj) || GENERIC_INSTITUTION.has(lj) || isAllowed(lj))
          break;
        if (INSTITUTION_HEADS.has(lj)) break;
        words.push(j);
        j--;
      }
      // After a preposition; or, for the heads that belong to the name ("… Memorial"), after an opening bracket too.
      const opened = word(j) === '(' && NAMED_HEADS.has(lw) && words.length >= 2;
      if (words.length > 0 && ((PREP.has(lower(j)) && lower(j) !== 'in') || opened) && word(i + 1) !== '-') {
        for (const k of words)
          hits.push({ index: k, category: 'location', rule: 'context.institution', score: 0.75 });
        if (NAMED_HEADS.has(lw))
          hits.push({ index: i, category: 'location', rule: 'context.institution', score: 0.75 });
      }
    }
    // A clinician's role before a name: "NP Grace", "RN Smith", "attending Dr …" (the title rule takes "Dr").
    if (flags & F_ROLE) {
      // Not over a comma: "he is an rn, works at …".
      const j = word(i + 1) === '.' ? i + 2 : i + 1;
      const lj = lower(j);
      // On an all-capitals line only a name that is no English word: "SPOKE WITH HO SCHWARZ".
      const upperOk = !upperLine(i) || (englishLevel(lj, dict) === 'N' && !dict.clinical.has(lj));
      if (upperOk && isWordToken(word(j)) && dict.anyName.has(lj) && !vocab.has(lj) && !isAllowed(lj)) {
        hits.push({ index: j, category: 'name', rule: 'context.role', score: 0.7 });
        // A surname after the first name that is no English word: "nurse leslie kiezulas".
        const k = j + 1;
        const lk = lower(k);
        if (isWordToken(word(k)) && englishLevel(lk, dict) === 'N' && unprotected(lk))
          hits.push({ index: k, category: 'name', rule: 'context.role', score: 0.7 });
      }
    }
    // A signature: a name and a credential closing a line ("Herman W. Emperatrice, RRT"); the name may be unknown.
    if (flags & F_CREDENTIAL && lineEndsAfter(i)) {
      for (let j = i - 1, taken = 0; j >= 0 && taken < 3; j--) {
        const w = word(j);
        if ((w === ',' || w === '.') && taken <= 1) continue;
        const lj = w.toLowerCase();
        // A middle or first initial: "EARL N. RAND, RRT", "q. lander rrt".
        const initial = /^[A-Za-z]$/.test(w) && word(j + 1) === '.' && taken > 0;
        // A surname that is also a clinical or common word, after a first name: "Bernard Foley CRT" (not "foley CRT").
        const lf = lower(j - 1);
        const namedBefore =
          taken === 0 &&
          isTitleCaseOrUpper(w) &&
          isTitleCaseOrUpper(word(j - 1)) &&
          dict.firstNames.has(lf) &&
          !vocab.has(lf) &&
          !isAllowed(lf);
        if (
          !isWordToken(w) ||
          (vocab.has(lj) && !initial && !namedBefore) ||
          STOP.has(lj) ||
          !/^[A-Za-z'-]+$/.test(w)
        )
          break;
        if (isAllowed(lj) && !dict.anyName.has(lj) && !namedBefore) break;
        if (tokens[j]!.end < (tokens[j + 1]?.start ?? 0) - 3) break;
        hits.push({
          index: j,
          category: 'name',
          rule: 'context.signature',
          score: 0.75,
          ...(namedBefore ? { overridesAllowList: true } : {}),
        });
        taken++;
      }
    }
    // Unknown names right before "aware", ", RN", "RRT": "B. Tura aware", "Smith RN".
    if (flags & F_AFTER_NAME) {
      for (let j = i - 1, taken = 0; j >= 0 && taken < 2; j--, taken++) {
        const lj = lower(j);
        if (word(j) === ',' && taken === 0) {
          taken--;
          continue;
        }
        if (!isWordToken(word(j)) || vocab.has(lj) || isAllowed(lj) || !dict.anyName.has(lj)) break;
        hits.push({ index: j, category: 'name', rule: 'context.before-role', score: 0.7 });
      }
    }
    // Where someone lives or comes from: "lives in Hampton", "returned to New Haven".
    if (flags & F_RESIDENCE_LAST && RESIDENCE.has(`${lower(i - 1)} ${lw}`)) {
      for (let j = i + 1, taken = 0; taken < 3; j++, taken++) {
        const w = word(j);
        const lj = w.toLowerCase();
        // A state's code ("lives in DC") or a city of two words that starts with a common word ("to new haven").
        if (/^[A-Z]{2}$/.test(w) && STATE_CODES.has(w)) {
          hits.push({ index: j, category: 'location', rule: 'context.residence', score: 0.7 });
          break;
        }
        if (isWordToken(word(j + 1)) && dict.cities.has(`${lj} ${lower(j + 1)}`) && !isAllowed(lj)) {
          hits.push({ index: j, category: 'location', rule: 'context.residence', score: 0.7 });
          hits.push({ index: j + 1, category: 'location', rule: 'context.residence', score: 0.7 });
          break;
        }
        if (!isWordToken(w) || vocab.has(lj) || isAllowed(lj) || STOP.has(lj)) break;
        if (
          !(
            dict.places.has(lj) ||
            dict.cities.has(lj) ||
            dict.anyName.has(lj) ||
            (isTitleCase(w) && !upperLine(j)) ||
            /^[A-Z]{2}$/.test(w)
          )
        )
          break;
        hits.push({ index: j, category: 'location', rule: 'context.residence', score: 0.7 });
      }
    }
    // A town that is no English word after "from", "in", "to", "near": "FROM ROME", "in Edgemere"; and a town before
    // a state's code: "ANNAPOLIS, MD".
    if (flags & F_PLACE_PREP || (word(i) === ',' && STATE_CODES.has(word(i + 1)))) {
      const j = flags & F_PLACE_PREP ? (lower(i + 1) === 'the' ? i + 2 : i + 1) : i - 1;
      const lj = lower(j);
      if (
        isWordToken(word(j)) &&
        word(j).length > 2 &&
        dict.cities.has(lj) &&
        englishLevel(lj, dict) === 'N' &&
        unprotected(lj) &&
        !dict.firstNames.has(lj)
      )
        hits.push({ index: j, category: 'location', rule: 'context.place', score: 0.7 });
    }
    // A town before a comma and a US state written out: "Portland, Oregon", "Kansas City, Missouri" (the town in the
    // town list, one or two words, capitalised or on an upper-case line; English words allowed: the state decides).
    if (
      word(i) === ',' &&
      (STATE_NAMES.has(lower(i + 1)) || STATE_NAMES_TWO.has(`${lower(i + 1)} ${lower(i + 2)}`)) &&
      /^[A-Z]/.test(word(i + 1))
    ) {
      const town = (j: number) => isWordToken(word(j)) && /^[A-Z]/.test(word(j)) && unprotected(lower(j));
      const two = i >= 2 && town(i - 2) && town(i - 1) && dict.cities.has(`${lower(i - 2)} ${lower(i - 1)}`);
      if (two)
        for (const j of [i - 2, i - 1])
          hits.push({ index: j, category: 'location', rule: 'context.town-state', score: 0.7 });
      else if (i >= 1 && town(i - 1) && word(i - 1).length > 2 && dict.cities.has(lower(i - 1)))
        hits.push({ index: i - 1, category: 'location', rule: 'context.town-state', score: 0.7 });
    }
    // A pager's number after its label: "Pager #54321", "pager: 83554", "pgr 4-1234" (not "page 2").
    if (flags & F_PAGER) {
      let j = i + 1;
      for (let skipped = 0; skipped < 3 && /^(?:[#:.=]|no|number|num)$/.test(lower(j)); skipped++) j++;
      if (/^\d[\d-]{2,10}\d$/.test(word(j)))
        hits.push({ index: j, category: 'phone', rule: 'context.pager', score: 0.9 });
    }
    // A surname before "family": "KEEP ROMERO FAMILY AWARE" (no English word, in a name list).
    if (lw === 'family' && i > 0) {
      const lj = lower(i - 1);
      if (
        isWordToken(word(i - 1)) &&
        word(i - 1).length > 2 &&
        dict.anyName.has(lj) &&
        englishLevel(lj, dict) === 'N' &&
        unprotected(lj)
      )
        hits.push({ index: i - 1, category: 'name', rule: 'context.family', score: 0.7 });
    }
    // A two-digit year after an apostrophe: "'09 PTCA", ", '13 stent" (not a closing quote or feet: "30'").
    if (
      isTwoDigits(word(i)) &&
      word(i - 1) === "'" &&
      tokens[i - 1]!.end === tokens[i]!.start &&
      /^(?:|[\s(,;])$/.test(text.charAt(tokens[i - 1]!.start - 1))
    )
      hits.push({ index: i, category: 'date', rule: 'context.year-apostrophe', score: 0.65 });
    // St. Agnes, St Elizabeth's: a saint's name is a hospital or a town in these notes.
    if (word(i) === 'St' || word(i) === 'ST') {
      const j = word(i + 1) === '.' ? i + 2 : i + 1;
      const lj = lower(j);
      if (
        isTitleCaseOrUpper(word(j)) &&
        word(j).length > 2 &&
        (PREP.has(lower(i - 1)) || INSTITUTION_HEADS.has(lower(j + 1))) &&
        !isAllowed(lj) &&
        englishLevel(lj, dict) === 'N' &&
        !dict.clinical.has(lj)
      ) {
        hits.push({ index: i, category: 'location', rule: 'context.saint', score: 0.8 });
        hits.push({ index: j, category: 'location', rule: 'context.saint', score: 0.8 });
      }
    }
    // "Pmicu Nursing Progress Note" is a heading: "nursing" heads an institution only before "home" or "facility".
    const headingWord = lw === 'nursing' && !['home', 'homes', 'facility', 'center'].includes(lower(i + 1));
    if (flags & F_INSTITUTION_HEAD && !headingWord && !upperLine(i) && isTitleCase(word(i))) {
      for (let j = i - 1, taken = 0; j >= 0 && taken < 3; j--, taken++) {
        const w = word(j);
        const lwj = w.toLowerCase();
        if (!isTitleCase(w) || isAllowed(w) || STOP.has(lwj) || INSTITUTION_HEADS.has(lwj)) break;
        hits.push({ index: j, category: 'location', rule: 'context.institution', score: 0.85 });
      }
    }
    // First name + last name from the dictionaries, both capitalised on a mixed-case line.
    if (firstName && !vocab.has(lw) && !upperLine(i) && isTitleCase(word(i))) {
      // A middle initial may stand between: "Abby M. Laidlaw", "John A Smith".
      const initial = /^[A-Z]$/.test(word(i + 1));
      const j = initial ? (word(i + 2) === '.' ? i + 3 : i + 2) : i + 1;
      const lj = lower(j);
      if (
        isTitleCase(word(j)) &&
        word(j).length > 1 &&
        (dict.lastNames.has(lj) || dict.anyName.has(lj)) &&
        !vocab.has(lj)
      ) {
        if (initial) hits.push({ index: i + 1, category: 'name', rule: 'dictionary.full-name', score: 0.8 });
        hits.push({ index: i, category: 'name', rule: 'dictionary.full-name', score: 0.8 });
        hits.push({ index: j, category: 'name', rule: 'dictionary.full-name', score: 0.8 });
      }
    }
  }
  return hits.filter((h) => isCandidate(word(h.index)));
}
