import { type Dictionaries, INSTITUTION_HEADS, isAllowed, NAME_CUES, RELATIONS, TITLES } from './lexicon.js';
import type { Perceptron } from './perceptron.js';
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
function sections(
  text: string,
  tokens: readonly Token[],
  lower: readonly string[],
  vocab: ReadonlySet<string>,
): string[] {
  const out: string[] = new Array(tokens.length);
  let current = '-';
  for (let i = 0; i < tokens.length; i++) {
    out[i] = current;
    const t = tokens[i]!.text;
    if (tokens[i + 1]?.text === ':' && isWordToken(t)) {
      const lw = lower[i]!;
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

/**
 * The towns named by two words or more, by their first word: "new" → {"haven", "york", …} (the rest after the first
 * space), per dictionary. A two-word town "a b" is in `dict.cities` exactly when `b` is in the set of `a`.
 */
const cityHeads = new WeakMap<Dictionaries, Map<string, Set<string>>>();
function multiWordCityHeads(dict: Dictionaries): Map<string, Set<string>> {
  let heads = cityHeads.get(dict);
  if (!heads) {
    heads = new Map<string, Set<string>>();
    for (const c of dict.cities) {
      const space = c.indexOf(' ');
      if (space <= 0) continue;
      const head = c.slice(0, space);
      let rest = heads.get(head);
      if (!rest) {
        rest = new Set<string>();
        heads.set(head, rest);
      }
      rest.add(c.slice(space + 1));
    }
    cityHeads.set(dict, heads);
  }
  return heads;
}

/**
 * Whether word `i` and a neighbour name a town together ("New Haven"), from the towns each word starts (only words
 * start one, and only words one space apart count).
 */
function isTwoWordCity(
  tokens: readonly Token[],
  lower: readonly string[],
  statics: readonly (StaticFeatures | undefined)[],
  i: number,
): boolean {
  if (statics[i - 1]?.cityRests?.has(lower[i]!) && adjacentWords(tokens, i - 1)) return true;
  const next = lower[i + 1];
  return next !== undefined && (statics[i]!.cityRests?.has(next) ?? false) && adjacentWords(tokens, i);
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
export interface StaticFeatures {
  readonly features: readonly string[];
  /** How the token is seen by its neighbours: a common word by identity, other words by case and English level. */
  readonly rep: string;
  readonly cc: string;
  readonly known: boolean;
  /** English-word level, for words only. */
  readonly en: 'C' | 'R' | 'N' | undefined;
  /** `dC` or `dCB` when the word alone is a town. */
  readonly city: string | undefined;
  /** `md` or `not-md` for an a/b number. */
  readonly md: string | undefined;
  /** The second words of the towns whose first word this word is ("haven" for "new"), for words only. */
  readonly cityRests: ReadonlySet<string> | undefined;
  /** What the scorer that saw this object last remembers of it. */
  scored: ScorerMemo | undefined;
}

/** A scorer's memo on the static features of a word: the id of its representation and the sum of their weights. */
interface ScorerMemo {
  readonly owner: FeatureScorer;
  readonly generation: number;
  readonly repId: number;
  sum: Float64Array | undefined;
}

/** Every static-features object with the same fields in the same order (one shape: fast field reads). */
function staticRecord(
  features: readonly string[],
  rep: string,
  cc: string,
  known: boolean,
  en: 'C' | 'R' | 'N' | undefined,
  city: string | undefined,
  md: string | undefined,
  cityRests: ReadonlySet<string> | undefined,
): StaticFeatures {
  return { features, rep, cc, known, en, city, md, cityRests, scored: undefined };
}

/** The static features of words seen, by line case (`U`, `M`) then token text; per dictionary and vocabulary. */
type StaticCache = { readonly U: Map<string, StaticFeatures>; readonly M: Map<string, StaticFeatures> };
const staticCaches = new WeakMap<Dictionaries, WeakMap<ReadonlySet<string>, StaticCache>>();
const STATIC_CACHE_MAX = 100_000;

function staticCacheFor(vocab: ReadonlySet<string>, dict: Dictionaries): StaticCache {
  let byVocab = staticCaches.get(dict);
  if (!byVocab) {
    byVocab = new WeakMap();
    staticCaches.set(dict, byVocab);
  }
  let cache = byVocab.get(vocab);
  if (!cache) {
    cache = { U: new Map(), M: new Map() };
    byVocab.set(vocab, cache);
  }
  return cache;
}

function staticFeatures(
  t: string,
  lineU: 'U' | 'M',
  vocab: ReadonlySet<string>,
  dict: Dictionaries,
  caches: StaticCache,
): StaticFeatures {
  const cache = caches[lineU];
  const hit = cache.get(t);
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
    const cityRests = multiWordCityHeads(dict).get(lw);
    result = staticRecord(f, known ? lw : `<${cc}${en}>`, cc, known, en, city, undefined, cityRests);
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
    result = staticRecord(f, known ? lw : `<${cc}>`, cc, known, undefined, undefined, md, undefined);
  }
  cache.set(t, result);
  return result;
}

/**
 * Where the features of a token go, in order: a list of strings (training, `noteFeatures`) or a model's class scores
 * (detection, `FeatureScorer`, without building the strings). The static features come first.
 */
export interface FeatureSink {
  /** The features that depend on the token's text and its line's case alone (cached: the same object each time). */
  fixed(st: StaticFeatures): void;
  /** One feature: the concatenation of its parts. */
  add(a: string, b?: string, c?: string, d?: string): void;
  /** `prefix` and how token `k` is seen by its neighbours (`<none>` outside the note): "p1=<titleN>". */
  neighbour(prefix: string, k: number): void;
  /** `prefix`, how token `k` is seen, `|`, then how token `second` is seen (a number) or `second` itself (a string). */
  neighbourPair(prefix: string, k: number, second: number | string): void;
}

const TITLE = 1;
const RELATION = 2;
const CUE = 4;
const INSTITUTION = 8;

/** The title, relation, name-cue and institution-head lists, as flags of each word they hold. */
const CUE_WORDS = new Map<string, number>();
for (const [list, flag] of [
  [TITLES, TITLE],
  [RELATIONS, RELATION],
  [NAME_CUES, CUE],
  [INSTITUTION_HEADS, INSTITUTION],
] as const)
  for (const w of list) CUE_WORDS.set(w, (CUE_WORDS.get(w) ?? 0) | flag);

/** Which of the title, relation, name-cue and institution-head lists hold each token (lower case), as flags. */
function cueFlags(lower: readonly string[]): Uint8Array {
  const out = new Uint8Array(lower.length);
  for (let i = 0; i < lower.length; i++) out[i] = CUE_WORDS.get(lower[i]!) ?? 0;
  return out;
}

/** What the features of every token of one note share: computed once per note. */
export interface NoteFeatureContext {
  readonly input: FeatureInput;
  readonly upperLine: readonly boolean[];
  /** The static features of every word or number (undefined for punctuation). */
  readonly statics: readonly (StaticFeatures | undefined)[];
  /** How every token is seen by its neighbours. */
  readonly reps: readonly string[];
  readonly section: readonly string[];
  /** Every token's text in lower case. */
  readonly lower: readonly string[];
  /** `cueFlags` of every token. */
  readonly cues: Uint8Array;
}

export function noteFeatureContext(input: FeatureInput, lower?: readonly string[]): NoteFeatureContext {
  const { tokens, vocab, dict, text } = input;
  const lowered = lower ?? tokens.map((t) => t.text.toLowerCase());
  const upperLine = lineUpperFlags(text, tokens);
  const caches = staticCacheFor(vocab, dict);
  const statics: (StaticFeatures | undefined)[] = new Array(tokens.length);
  const reps: string[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.text;
    // How a neighbour is seen: a common word by identity, other words by case and English-word level.
    if (isCandidate(t)) {
      const st = staticFeatures(t, upperLine[i] ? 'U' : 'M', vocab, dict, caches);
      statics[i] = st;
      reps[i] = st.rep;
    } else reps[i] = lowered[i]!;
  }
  return {
    input,
    upperLine,
    statics,
    reps,
    section: sections(text, tokens, lowered, vocab),
    lower: lowered,
    cues: cueFlags(lowered),
  };
}

const ND = ['0', '1', '2', '3', '4', '5'];

/** Sends the features of token `i` to `sink`; false (and nothing sent) for punctuation, which has none. */
export function tokenFeatures(ctx: NoteFeatureContext, i: number, sink: FeatureSink): boolean {
  const st = ctx.statics[i];
  if (!st) return false;
  const { tokens, patternCategory, text } = ctx.input;
  const { section, lower } = ctx;
  const t = tokens[i]!.text;
  const lineU = ctx.upperLine[i] ? 'U' : 'M';
  const { cc, known, en } = st;
  sink.fixed(st);
  // First on its line (a list item, a signature, the start of a note).
  if (firstOnLine(text, tokens, i)) sink.add('first&', cc);
  if (en !== undefined) {
    // Towns: alone (cached), or with a neighbour ("new haven"); with the word before.
    const twoWords = isTwoWordCity(tokens, lower, ctx.statics, i);
    if (twoWords) {
      sink.add('dC2');
      sink.add('dC2&', lineU, cc);
      sink.add('dC2&en=', en);
      if (known) sink.add('dC2&known');
    }
    if (st.city) sink.neighbour(st.city === 'dC' ? 'dC&p1=' : 'dCB&p1=', i - 1);
    if (twoWords) sink.neighbour('dC2&p1=', i - 1);
    sink.add('sec=', section[i]!, '&', cc);
  } else {
    if (st.md !== undefined && (isTimeLike(tokens[i - 1]?.text) || isTimeLike(tokens[i + 1]?.text)))
      // A clock time or "am" beside it ("0330 3/7", "3/9 AM"): a date, not a ratio.
      sink.add(st.md, '&time');
    if (text.charAt(tokens[i]!.start - 1) === "'") sink.add('apos');
    if (
      MONTH_WORDS.has(lower[i - 2] ?? '') ||
      MONTH_WORDS.has(lower[i - 1] ?? '') ||
      MONTH_WORDS.has(lower[i + 1] ?? '') ||
      MONTH_WORDS.has(lower[i + 2] ?? '')
    )
      sink.add('month-near&nd=', ND[Math.min(t.length, 5)]!);
    sink.add('sec=', section[i]!, '&num');
  }
  const pc = patternCategory[i];
  if (pc) {
    sink.add('pat=', pc);
    sink.add('prule=', `${ctx.input.patternRule[i]}`);
  }
  sink.neighbour('p1=', i - 1);
  sink.neighbour('n1=', i + 1);
  sink.neighbour('p2=', i - 2);
  sink.neighbour('n2=', i + 2);
  sink.neighbourPair('p1n1=', i - 1, i + 1);
  sink.neighbourPair('p1&cc=', i - 1, cc);
  // The words around: a title, relation, cue or institution head (flags of `cueFlags`; 0 outside the note).
  const cues = ctx.cues;
  const c1 = i >= 1 ? cues[i - 1]! : 0;
  const c2 = i >= 2 ? cues[i - 2]! : 0;
  const c3 = i >= 3 ? cues[i - 3]! : 0;
  if (c1 & TITLE || (lower[i - 1] === '.' && c2 & TITLE)) sink.add('title');
  if (c2 & TITLE || (lower[i - 2] === '.' && c3 & TITLE)) sink.add('title2');
  if ((c1 | c2) & RELATION) sink.add('rel');
  if ((c1 | c2) & CUE) sink.add('cue');
  // A cue, title or relation a little further left ("per dr williams-nuzzo", "d. renna and j. o'brien").
  if (c3 & (TITLE | RELATION | CUE)) sink.add('cueFar&', cc);
  if (i >= 4 && cues[i - 4]! & (TITLE | RELATION | CUE)) sink.add('cueFar&', cc);
  if (((cues[i + 1] ?? 0) | (cues[i + 2] ?? 0)) & INSTITUTION) sink.add('inst');
  if (pc === undefined && i > 0 && patternCategory[i - 1]) sink.add('ppat=', patternCategory[i - 1]!);
  return true;
}

/** Collects a token's features as strings. */
class StringSink implements FeatureSink {
  readonly out: string[] = [];
  constructor(private readonly reps: readonly string[]) {}
  fixed(st: StaticFeatures): void {
    for (const f of st.features) this.out.push(f);
  }
  add(a: string, b = '', c = '', d = ''): void {
    this.out.push(a + b + c + d);
  }
  neighbour(prefix: string, k: number): void {
    this.out.push(prefix + (this.reps[k] ?? '<none>'));
  }
  neighbourPair(prefix: string, k: number, second: number | string): void {
    const b = typeof second === 'number' ? (this.reps[second] ?? '<none>') : second;
    this.out.push(`${prefix}${this.reps[k] ?? '<none>'}|${b}`);
  }
}

/** Features of every token of a note (empty arrays for punctuation). */
export function noteFeatures(input: FeatureInput): string[][] {
  return contextFeatures(noteFeatureContext(input));
}

/** Features of every token of a note, as strings (empty arrays for punctuation). */
export function contextFeatures(ctx: NoteFeatureContext): string[][] {
  const out: string[][] = new Array(ctx.input.tokens.length);
  for (let i = 0; i < ctx.input.tokens.length; i++) {
    const sink = new StringSink(ctx.reps);
    tokenFeatures(ctx, i, sink);
    out[i] = sink.out;
  }
  return out;
}

/** Weights of a feature (`null`: the model has none), remembered by the scorer. */
type Weights = Float64Array | null;

/** A node of the scorer's memo of `add` features: the weights of the path of parts leading to it, and its children. */
interface MemoNode {
  w: Weights | undefined;
  next: Map<string, MemoNode> | undefined;
}

/** Makes `index` a slot of `table`, filling up to it with `undefined` (a dense array, never a sparse one). */
function grow(table: unknown[], index: number): number {
  const before = table.length;
  while (table.length <= index) table.push(undefined);
  return table.length - before;
}

/** Entries a scorer remembers before it starts afresh (a bound on memory for texts of many new words). */
const MEMO_MAX = 500_000;

/**
 * Scores tokens one at a time as `Perceptron.scores` would from their feature strings, without building them: the
 * weights of each feature are looked up once and remembered (by its parts, by the neighbour's representation, and the
 * sum of each token's static features by that cached object), and added in the order the features come, so the scores
 * are the same numbers, bit for bit. The perceptron's weights must not change while its scorer is in use.
 */
export class FeatureScorer implements FeatureSink {
  private readonly weights: ReadonlyMap<string, Float64Array>;
  private readonly n: number;
  /**
   * The model's features split at each '|' they hold: the part up to and with the '|', then the rest → weights. A
   * pair feature `head + rest` has weights exactly when `rest` is in the row of `head`.
   */
  private readonly pairRows = new Map<string, Map<string, Float64Array>>();
  private root: MemoNode = { w: undefined, next: undefined };
  private repIds = new Map<string, number>();
  private reps: string[] = [];
  private byNeighbour = new Map<string, (Weights | undefined)[]>();
  private byPair = new Map<string, (ReadonlyMap<string, Float64Array> | null | undefined)[]>();
  private entries = 0;
  /** Bumped when the memo starts afresh: the ids remembered on static features before are stale. */
  private generation = 0;
  private ctx: NoteFeatureContext | undefined;
  private ids: Int32Array = new Int32Array(0);
  private readonly s: Float64Array;
  private fresh = true;

  /** `memoMax`: entries remembered before the memo starts afresh (between notes). */
  constructor(
    perceptron: Perceptron,
    private readonly memoMax = MEMO_MAX,
  ) {
    this.weights = perceptron.weights;
    this.n = perceptron.classes.length;
    this.s = new Float64Array(this.n);
    for (const [f, w] of perceptron.weights)
      for (let k = f.indexOf('|'); k >= 0; k = f.indexOf('|', k + 1)) {
        const head = f.slice(0, k + 1);
        let row = this.pairRows.get(head);
        if (!row) {
          row = new Map();
          this.pairRows.set(head, row);
        }
        row.set(f.slice(k + 1), w);
      }
  }

  /** Scores token `i` of a note (undefined for punctuation); the array is overwritten by the next call. */
  score(ctx: NoteFeatureContext, i: number): Float64Array | undefined {
    if (ctx !== this.ctx) this.startNote(ctx);
    const s = this.s;
    for (let k = 0; k < s.length; k++) s[k] = 0;
    this.fresh = true;
    return tokenFeatures(ctx, i, this) ? this.s : undefined;
  }

  private startNote(ctx: NoteFeatureContext): void {
    if (this.entries > this.memoMax) {
      this.root = { w: undefined, next: undefined };
      this.repIds = new Map();
      this.reps = [];
      this.byNeighbour = new Map();
      this.byPair = new Map();
      this.entries = 0;
      this.generation++;
    }
    this.ctx = ctx;
    const ids = new Int32Array(ctx.reps.length);
    for (let i = 0; i < ids.length; i++) {
      const st = ctx.statics[i];
      ids[i] = st ? this.memoOf(st).repId : this.repId(ctx.reps[i]!);
    }
    this.ids = ids;
  }

  /** This scorer's memo on a static-features object (made afresh where another scorer's or a stale one is). */
  private memoOf(st: StaticFeatures): ScorerMemo {
    let memo = st.scored;
    if (memo?.owner !== this || memo.generation !== this.generation) {
      memo = { owner: this, generation: this.generation, repId: this.repId(st.rep), sum: undefined };
      st.scored = memo;
    }
    return memo;
  }

  private repId(rep: string): number {
    let id = this.repIds.get(rep);
    if (id === undefined) {
      id = this.reps.length;
      this.reps.push(rep);
      this.repIds.set(rep, id);
      this.entries++;
    }
    return id;
  }

  /** The id of how token `k` is seen (`<none>` outside the note). */
  private idAt(k: number): number {
    return k >= 0 && k < this.ids.length ? this.ids[k]! : this.repId('<none>');
  }

  private addWeights(w: Weights): void {
    this.fresh = false;
    if (w === null) return;
    const s = this.s;
    for (let k = 0; k < s.length; k++) s[k]! += w[k]!;
  }

  fixed(st: StaticFeatures): void {
    // The sum of the static features from zero stands for the scores only when they come first.
    if (!this.fresh) {
      for (const f of st.features) this.add(f);
      return;
    }
    const memo = this.memoOf(st);
    let sum = memo.sum;
    if (!sum) {
      sum = new Float64Array(this.n);
      for (const f of st.features) {
        const w = this.weights.get(f);
        if (!w) continue;
        for (let k = 0; k < sum.length; k++) sum[k]! += w[k]!;
      }
      memo.sum = sum;
    }
    const s = this.s;
    for (let k = 0; k < s.length; k++) s[k] = sum[k]!;
    this.fresh = false;
  }

  add(a: string, b?: string, c?: string, d?: string): void {
    let node = this.child(this.root, a);
    if (b !== undefined) node = this.child(node, b);
    if (c !== undefined) node = this.child(node, c);
    if (d !== undefined) node = this.child(node, d);
    if (node.w === undefined) node.w = this.weights.get(a + (b ?? '') + (c ?? '') + (d ?? '')) ?? null;
    this.addWeights(node.w);
  }

  neighbour(prefix: string, k: number): void {
    let table = this.byNeighbour.get(prefix);
    if (!table) {
      table = [];
      this.byNeighbour.set(prefix, table);
    }
    const id = this.idAt(k);
    this.entries += grow(table, id);
    let w = table[id];
    if (w === undefined) {
      w = this.weights.get(prefix + this.reps[id]!) ?? null;
      table[id] = w;
      this.entries++;
    }
    this.addWeights(w);
  }

  neighbourPair(prefix: string, k: number, second: number | string): void {
    let table = this.byPair.get(prefix);
    if (!table) {
      table = [];
      this.byPair.set(prefix, table);
    }
    const id = this.idAt(k);
    this.entries += grow(table, id);
    let row = table[id];
    if (row === undefined) {
      row = this.pairRows.get(`${prefix}${this.reps[id]!}|`) ?? null;
      table[id] = row;
    }
    if (row === null) {
      this.fresh = false;
      return;
    }
    this.addWeights(row.get(typeof second === 'number' ? this.reps[this.idAt(second)]! : second) ?? null);
  }

  private child(node: MemoNode, part: string): MemoNode {
    let next = node.next;
    if (!next) {
      next = new Map();
      node.next = next;
    }
    let c = next.get(part);
    if (!c) {
      c = { w: undefined, next: undefined };
      next.set(part, c);
      this.entries++;
    }
    return c;
  }
}
