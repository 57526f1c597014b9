import { type Dictionaries, INSTITUTION_HEADS, isAllowed, NAME_CUES, RELATIONS, TITLES } from './lexicon.js';
import type { Token } from './tokens.js';
import type { PhiCategory } from './types.js';

/** What the features of one note need besides its tokens. */
export interface FeatureInput {
  readonly text: string;
  readonly tokens: readonly Token[];
  /** Category of an identifier pattern that covers the token, if any. */
  readonly patternCategory: readonly (PhiCategory | undefined)[];
  readonly patternRule: readonly (string | undefined)[];
  /** Common words (seen often as non-identifiers in training); only these get identity features. */
  readonly vocab: ReadonlySet<string>;
  readonly dict: Dictionaries;
}

export function isWordToken(t: string): boolean {
  const c = t.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;
}

export function isNumberToken(t: string): boolean {
  const c = t.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** Tokens that are classified at all (words and numbers); punctuation never is an identifier on its own. */
export function isCandidate(t: string): boolean {
  return isWordToken(t) || isNumberToken(t);
}

function shape(t: string): string {
  let out = '';
  let last = '';
  for (const ch of t) {
    const s = ch >= 'A' && ch <= 'Z' ? 'X' : ch >= 'a' && ch <= 'z' ? 'x' : ch >= '0' && ch <= '9' ? 'd' : ch;
    if (s !== last) out += s;
    last = s;
  }
  return out;
}

function caseClass(t: string): string {
  if (!isWordToken(t)) return isNumberToken(t) ? 'num' : 'pun';
  if (t === t.toUpperCase()) return t.length === 1 ? 'initial' : 'upper';
  if (t === t.toLowerCase()) return 'lower';
  const rest = t.slice(1);
  return t[0] === t[0]!.toUpperCase() && rest === rest.toLowerCase() ? 'title' : 'mixed';
}

/** Whether the line around `offset` is mostly upper case (then capitals say nothing about names). */
export function lineUpperFlags(text: string, tokens: readonly Token[]): boolean[] {
  const flags: boolean[] = new Array(tokens.length);
  let i = 0;
  let lineStart = 0;
  while (i < tokens.length) {
    let lineEnd = text.indexOf('\n', tokens[i]!.start);
    if (lineEnd === -1) lineEnd = text.length;
    lineStart = i;
    let upper = 0;
    let lower = 0;
    while (i < tokens.length && tokens[i]!.start < lineEnd) {
      const t = tokens[i]!.text;
      if (isWordToken(t) && t.length > 1) {
        if (t === t.toUpperCase()) upper++;
        else lower++;
      }
      i++;
    }
    const isUpper = upper > lower;
    for (let k = lineStart; k < i; k++) flags[k] = isUpper;
  }
  return flags;
}

/** English-word level of a lower-cased word: `C` common, `R` rare, `N` none (no English word: more likely a name). */
export function englishLevel(lw: string, dict: Dictionaries): 'C' | 'R' | 'N' {
  if (dict.englishCommon.has(lw)) return 'C';
  if (dict.englishRare.has(lw)) return 'R';
  // Plural or possessive of an English word.
  const stem = lw.endsWith("'s") ? lw.slice(0, -2) : lw.endsWith('s') ? lw.slice(0, -1) : '';
  if (stem && dict.englishCommon.has(stem)) return 'C';
  return 'N';
}

/** How a neighbour is seen: a common word by identity, other words by case and English-word level, once per token. */
function representations(tokens: readonly Token[], vocab: ReadonlySet<string>, dict: Dictionaries): string[] {
  return tokens.map((t) => {
    const lw = t.text.toLowerCase();
    if (vocab.has(lw) || !isCandidate(t.text)) return lw;
    const cc = caseClass(t.text);
    return isWordToken(t.text) ? `<${cc}${englishLevel(lw, dict)}>` : `<${cc}>`;
  });
}

const MONTH_WORDS = new Set(
  'jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december'.split(
    ' ',
  ),
);

/** A clock time next to a date: "0330", "1900", "am", "pm", "noc". */
function isTimeLike(t: string | undefined): boolean {
  if (!t) return false;
  if (/^\d{4}$/.test(t)) {
    const v = Number(t);
    return v % 100 < 60 && v < 2400;
  }
  if (/^\d{1,2}:\d{2}$/.test(t)) return true;
  const l = t.toLowerCase();
  return l === 'am' || l === 'pm' || l === 'noc' || l === 'nites' || l === 'days';
}

/**
 * The section of every token: the last common word written before a ':' at the start of a line or after a full
 * stop ("Social:", "NEURO:", "resp:"), or `-` before the first.
 */
function sections(text: string, tokens: readonly Token[], vocab: ReadonlySet<string>): string[] {
  const out: string[] = new Array(tokens.length);
  let current = '-';
  for (let i = 0; i < tokens.length; i++) {
    out[i] = current;
    const t = tokens[i]!.text;
    if (tokens[i + 1]?.text === ':' && isWordToken(t)) {
      const lw = t.toLowerCase();
      const before = text.slice(Math.max(0, tokens[i]!.start - 3), tokens[i]!.start);
      if (vocab.has(lw) && (i === 0 || /(?:^|\n|[.;:]\s*|\s{2})$/.test(before) || /\n\s*$/.test(before)))
        current = lw;
    }
  }
  return out;
}

/** Whether a line break stands between the token and the one before it (or it is the first). */
function firstOnLine(text: string, tokens: readonly Token[], i: number): boolean {
  if (i === 0) return true;
  for (let k = tokens[i - 1]!.end; k < tokens[i]!.start; k++) if (text.charCodeAt(k) === 10) return true;
  return false;
}

/** The first words of the towns named by two words or more ("new" of "new haven"), per dictionary. */
const cityHeads = new WeakMap<Dictionaries, Set<string>>();
function multiWordCityHeads(dict: Dictionaries): Set<string> {
  let heads = cityHeads.get(dict);
  if (!heads) {
    heads = new Set<string>();
    for (const c of dict.cities) {
      const space = c.indexOf(' ');
      if (space > 0) heads.add(c.slice(0, space));
    }
    cityHeads.set(dict, heads);
  }
  return heads;
}

/** Whether the token and a neighbour name a town together ("New Haven"). */
function isTwoWordCity(
  tokens: readonly Token[],
  lower: readonly string[],
  i: number,
  dict: Dictionaries,
  heads: ReadonlySet<string>,
): boolean {
  const lw = lower[i]!;
  const prev = lower[i - 1];
  if (
    prev !== undefined &&
    heads.has(prev) &&
    adjacentWords(tokens, i - 1) &&
    dict.cities.has(`${prev} ${lw}`)
  )
    return true;
  return heads.has(lw) && adjacentWords(tokens, i) && dict.cities.has(`${lw} ${lower[i + 1]}`);
}

/** Tokens `a` and `a + 1` are words one space apart. */
function adjacentWords(tokens: readonly Token[], a: number): boolean {
  const x = tokens[a];
  const y = tokens[a + 1];
  return (
    x !== undefined && y !== undefined && y.start - x.end === 1 && isWordToken(x.text) && isWordToken(y.text)
  );
}

/** What a token's features owe to its text and its line's case alone (cached: words recur). */
interface StaticFeatures {
  readonly features: readonly string[];
  readonly cc: string;
  readonly known: boolean;
  /** English-word level, for words only. */
  readonly en?: 'C' | 'R' | 'N';
  /** `dC` or `dCB` when the word alone is a town. */
  readonly city?: string;
  /** `md` or `not-md` for an a/b number. */
  readonly md?: string;
}

const staticCache = new WeakMap<Dictionaries, WeakMap<ReadonlySet<string>, Map<string, StaticFeatures>>>();
const STATIC_CACHE_MAX = 100_000;

function staticFeatures(
  t: string,
  lineU: string,
  vocab: ReadonlySet<string>,
  dict: Dictionaries,
): StaticFeatures {
  let byVocab = staticCache.get(dict);
  if (!byVocab) {
    byVocab = new WeakMap();
    staticCache.set(dict, byVocab);
  }
  let cache = byVocab.get(vocab);
  if (!cache) {
    cache = new Map();
    byVocab.set(vocab, cache);
  }
  const key = lineU + t;
  const hit = cache.get(key);
  if (hit) return hit;
  if (cache.size >= STATIC_CACHE_MAX) cache.clear();
  const lw = t.toLowerCase();
  const f: string[] = ['b'];
  const known = vocab.has(lw);
  const cc = caseClass(t);
  f.push(known ? `w=${lw}` : 'w=<unk>', `sh=${shape(t)}`, `cc=${cc}`, `lc=${lineU}${cc}`);
  f.push(`len=${Math.min(t.length, 12)}`);
  let result: StaticFeatures;
  if (isWordToken(t)) {
    if (!known) f.push(`suf=${lw.slice(-3)}`, `pre=${lw.slice(0, 3)}`, `suf2=${lw.slice(-2)}`);
    const any = dict.anyName.has(lw);
    if (dict.firstNames.has(lw)) f.push('dF', `dF&${lineU}${cc}`);
    if (dict.lastNames.has(lw)) f.push('dL', `dL&${lineU}${cc}`);
    if (any) f.push('dA', `dA&${lineU}${cc}`, `dA&k=${known}`);
    if (dict.places.has(lw)) f.push('dP', `dP&${lineU}${cc}`);
    if (isAllowed(lw)) f.push('al');
    if (!known) f.push(`unk&${lineU}${cc}`, `unk&dA=${any}`);
    const en = englishLevel(lw, dict);
    f.push(`en&${lineU}${cc}=${en}`);
    if (en === 'N' && any) f.push('enN&dA');
    if (dict.clinical.has(lw)) f.push('clin');
    const city = dict.cities.has(lw) ? (dict.bigCities.has(lw) ? 'dCB' : 'dC') : undefined;
    if (city) {
      f.push(city, `${city}&${lineU}${cc}`, `${city}&en=${en}`);
      if (known) f.push(`${city}&known`);
    }
    result = { features: f, cc, known, en, ...(city ? { city } : {}) };
  } else {
    const parts = t.split(/[/\-.:]/).map(Number);
    const sep = t.replace(/\d+/g, 'd');
    f.push(`nsep=${sep}`);
    let md: string | undefined;
    if (parts.length === 1) {
      const v = parts[0]!;
      f.push(`nd=${t.length}`);
      if (v >= 1900 && v <= 2099) f.push('year');
      if (v >= 1 && v <= 31) f.push('day');
      if (v >= 90 && v <= 125) f.push('age90');
    } else if (parts.length === 2 && sep === 'd/d') {
      const [a, c] = parts as [number, number];
      md = a >= 1 && a <= 12 && c >= 1 && c <= 31 ? 'md' : 'not-md';
      f.push(md, `${md}&${lineU}`);
    }
    result = { features: f, cc, known, ...(md ? { md } : {}) };
  }
  cache.set(key, result);
  return result;
}

/** Features of every token of a note (empty arrays for punctuation). */
export function noteFeatures(input: FeatureInput): string[][] {
  const { tokens, vocab, dict, patternCategory, text } = input;
  const upperLine = lineUpperFlags(text, tokens);
  const out: string[][] = new Array(tokens.length);
  const reps = representations(tokens, vocab, dict);
  const section = sections(text, tokens, vocab);
  const lower = tokens.map((t) => t.text.toLowerCase());
  const heads = multiWordCityHeads(dict);
  const repr = (k: number) => reps[k] ?? '<none>';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.text;
    if (!isCandidate(t)) {
      out[i] = [];
      continue;
    }
    const lineU = upperLine[i] ? 'U' : 'M';
    const st = staticFeatures(t, lineU, vocab, dict);
    const { cc, known, en } = st;
    const f: string[] = [...st.features];
    // First on its line (a list item, a signature, the start of a note).
    if (firstOnLine(text, tokens, i)) f.push(`first&${cc}`);
    if (en !== undefined) {
      // Towns: alone (cached), or with a neighbour ("new haven"); with the word before.
      const cities = st.city ? [st.city] : [];
      if (isTwoWordCity(tokens, lower, i, dict, heads)) {
        cities.push('dC2');
        f.push('dC2', `dC2&${lineU}${cc}`, `dC2&en=${en}`);
        if (known) f.push('dC2&known');
      }
      for (const c of cities) f.push(`${c}&p1=${repr(i - 1)}`);
      f.push(`sec=${section[i]}&${cc}`);
    } else {
      if (st.md !== undefined && (isTimeLike(tokens[i - 1]?.text) || isTimeLike(tokens[i + 1]?.text)))
        // A clock time or "am" beside it ("0330 3/7", "3/9 AM"): a date, not a ratio.
        f.push(`${st.md}&time`);
      if (text.charAt(tokens[i]!.start - 1) === "'") f.push('apos');
      if (
        MONTH_WORDS.has(lower[i - 2] ?? '') ||
        MONTH_WORDS.has(lower[i - 1] ?? '') ||
        MONTH_WORDS.has(lower[i + 1] ?? '') ||
        MONTH_WORDS.has(lower[i + 2] ?? '')
      )
        f.push(`month-near&nd=${Math.min(t.length, 5)}`);
      f.push(`sec=${section[i]}&num`);
    }
    const pc = patternCategory[i];
    if (pc) f.push(`pat=${pc}`, `prule=${input.patternRule[i]}`);
    const p1 = tokens[i - 1];
    const p2 = tokens[i - 2];
    const n1 = tokens[i + 1];
    const n2 = tokens[i + 2];
    const rp1 = repr(i - 1);
    const rn1 = repr(i + 1);
    const rp2 = repr(i - 2);
    f.push(`p1=${rp1}`, `n1=${rn1}`, `p2=${rp2}`, `n2=${repr(i + 2)}`, `p1n1=${rp1}|${rn1}`);
    f.push(`p1&cc=${rp1}|${cc}`);
    const lp1 = p1?.text.toLowerCase() ?? '';
    const lp2 = p2?.text.toLowerCase() ?? '';
    const lp3 = tokens[i - 3]?.text.toLowerCase() ?? '';
    if (TITLES.has(lp1) || (lp1 === '.' && TITLES.has(lp2))) f.push('title');
    if (TITLES.has(lp2) || (lp2 === '.' && TITLES.has(lp3))) f.push('title2');
    if (RELATIONS.has(lp1) || RELATIONS.has(lp2)) f.push('rel');
    if (NAME_CUES.has(lp1) || NAME_CUES.has(lp2)) f.push('cue');
    // A cue, title or relation a little further left ("per dr williams-nuzzo", "d. renna and j. o'brien").
    for (let k = 3; k <= 4; k++) {
      const w = tokens[i - k]?.text.toLowerCase() ?? '';
      if (TITLES.has(w) || RELATIONS.has(w) || NAME_CUES.has(w)) f.push(`cueFar&${cc}`);
    }
    const ln1 = n1?.text.toLowerCase() ?? '';
    const ln2 = n2?.text.toLowerCase() ?? '';
    if (INSTITUTION_HEADS.has(ln1) || INSTITUTION_HEADS.has(ln2)) f.push('inst');
    if (pc === undefined && p1 && patternCategory[i - 1]) f.push(`ppat=${patternCategory[i - 1]}`);
    out[i] = f;
  }
  return out;
}
