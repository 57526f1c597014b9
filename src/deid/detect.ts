import { join } from 'node:path';
import { HealthGptError } from '../engine/errors.js';
import { committedModelsDir, readModelJson } from '../ml/model-file.js';
import { contextHits, ROLES, type TokenHit, VENT_BEFORE } from './context-rules.js';
import {
  contextFeatures,
  englishLevel,
  FeatureScorer,
  isCandidate,
  isWordToken,
  type NoteFeatureContext,
  noteFeatureContext,
} from './features.js';
import {
  COUNTRY_NAMES,
  COUNTRY_NAMES_TWO,
  type Dictionaries,
  INSTITUTION_HEADS,
  isAllowed,
  loadDictionaries,
  RELATIONS,
  STATE_CODES,
  STATE_NAMES,
  STATE_NAMES_TWO,
  TITLES,
} from './lexicon.js';
import { findPatterns, type PatternHit } from './patterns.js';
import { Perceptron, type PerceptronFile } from './perceptron.js';
import { type Token, tokenize } from './tokens.js';
import type { PhiCategory, PhiSpan } from './types.js';

/** Model classes (index 0: not an identifier). */
export const MODEL_CLASSES = ['O', 'name', 'location', 'date', 'age', 'phone', 'id'] as const;

/** The largest text one call de-identifies (characters). */
export const MAX_TEXT_CHARS = 2_000_000;

export interface DeidModel {
  readonly perceptron: Perceptron;
  readonly vocab: ReadonlySet<string>;
  readonly threshold: number;
  /** Thresholds of single classes (by index of `MODEL_CLASSES`), where the training chose one; else `threshold`. */
  readonly classThresholds?: readonly (number | undefined)[];
  readonly scale: number;
  readonly version: string;
  readonly file: PerceptronFile;
}

let model: DeidModel | undefined;

export function modelFromFile(file: PerceptronFile): DeidModel {
  return {
    perceptron: Perceptron.from(file.weights, file.classes),
    vocab: new Set(file.vocab),
    threshold: file.threshold,
    ...(file.classThresholds ? { classThresholds: file.classes.map((c) => file.classThresholds?.[c]) } : {}),
    scale: file.scale,
    version: file.version,
    file,
  };
}

/** The committed token classifier (`models/deid/perceptron.json`, trained by `npm run train:deid`). */
export function loadDeidModel(): DeidModel {
  if (model) return model;
  try {
    model = modelFromFile(
      readModelJson<PerceptronFile>(
        join(committedModelsDir('deid'), 'perceptron.json'),
        'healthgpt.deid.perceptron/1',
      ),
    );
  } catch (error) {
    throw new HealthGptError(
      'unavailable',
      `de-identification model not available: ${(error as Error).message}`,
    );
  }
  return model;
}

export interface DetectOptions {
  /** The token classifier; `null` runs patterns, context rules and dictionaries only. */
  readonly model?: DeidModel | null;
  /** Overrides the model's tuned threshold, for every class (lower: more recall). */
  readonly threshold?: number;
  /** Overrides the model's thresholds of single classes (by index of `MODEL_CLASSES`); `threshold` wins over both. */
  readonly classThresholds?: readonly (number | undefined)[];
  readonly dict?: Dictionaries;
  /** `false`: the model's common-word list is used, its classifier is not (the rules-only baseline). */
  readonly classifier?: boolean;
}

/** Per-token evidence, for training and for explanations. */
export interface NoteAnalysis {
  readonly tokens: readonly Token[];
  readonly patternHits: readonly PatternHit[];
  readonly patternCategory: readonly (PhiCategory | undefined)[];
  /** Whether a strong pattern (format or checksum) covers the token: it is decided without the model. */
  readonly strong: readonly boolean[];
  readonly features: readonly string[][];
  readonly context: readonly TokenHit[];
}

/** Everything `analyseNote` finds but the features as strings: what detection needs to score tokens one by one. */
interface TokenAnalysis extends Omit<NoteAnalysis, 'features'> {
  /** Every token's text in lower case. */
  readonly lower: readonly string[];
  readonly featureContext: NoteFeatureContext;
}

function analyseTokens(text: string, vocab: ReadonlySet<string>, dict: Dictionaries): TokenAnalysis {
  const tokens = tokenize(text);
  const lower = tokens.map((t) => t.text.toLowerCase());
  const patternHits = findPatterns(text);
  const patternCategory: (PhiCategory | undefined)[] = new Array(tokens.length).fill(undefined);
  const strong: boolean[] = new Array(tokens.length).fill(false);
  const patternRule: (string | undefined)[] = new Array(tokens.length).fill(undefined);
  if (patternHits.length > 0) {
    const sorted = [...patternHits].sort((a, b) => a.start - b.start);
    let h = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      while (h < sorted.length && sorted[h]!.end <= t.start) h++;
      let best: PatternHit | undefined;
      for (let k = h; k < sorted.length && sorted[k]!.start < t.end; k++) {
        const hit = sorted[k]!;
        if (hit.end > t.start && (!best || hit.score > best.score)) best = hit;
        if (hit.end > t.start && !hit.weak) strong[i] = true;
      }
      patternCategory[i] = best?.category;
      patternRule[i] = best?.rule;
    }
  }
  const featureContext = noteFeatureContext(
    { text, tokens, patternCategory, patternRule, vocab, dict },
    lower,
  );
  const upper = featureContext.upperLine;
  const context = contextHits(tokens, vocab, dict, (i) => upper[i] ?? false, text, lower);
  return { tokens, lower, patternHits, patternCategory, strong, context, featureContext };
}

export function analyseNote(text: string, vocab: ReadonlySet<string>, dict: Dictionaries): NoteAnalysis {
  const { tokens, patternHits, patternCategory, strong, context, featureContext } = analyseTokens(
    text,
    vocab,
    dict,
  );
  return { tokens, patternHits, patternCategory, strong, features: contextFeatures(featureContext), context };
}

/** One scorer per perceptron (its memo of feature weights lives as long as the perceptron). */
const scorers = new WeakMap<Perceptron, FeatureScorer>();
function scorerOf(p: Perceptron): FeatureScorer {
  let s = scorers.get(p);
  if (!s) {
    s = new FeatureScorer(p);
    scorers.set(p, s);
  }
  return s;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Checks a text can be processed: a string, not empty, not too long, no NUL or other binary control characters. */
export function checkText(text: unknown, what = 'text'): string {
  if (typeof text !== 'string') throw HealthGptError.invalid(`${what} must be a string`);
  if (text.trim() === '') throw HealthGptError.invalid(`${what} is empty`);
  if (text.length > MAX_TEXT_CHARS)
    throw new HealthGptError(
      'too-large',
      `${what} has ${text.length} characters; the limit is ${MAX_TEXT_CHARS}`,
    );
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0)
      throw new HealthGptError('unsupported-media-type', `${what} contains NUL characters (binary data)`);
    if ((c < 9 || (c > 13 && c < 32)) && ++control > text.length / 100)
      throw new HealthGptError('unsupported-media-type', `${what} looks binary (control characters)`);
    if (c === 0xfffd && ++control > text.length / 100)
      throw new HealthGptError(
        'unsupported-media-type',
        `${what} is not valid UTF-8 (replacement characters)`,
      );
  }
  return text;
}

const GAP = /^[\s.'-]{0,2}$/;

/** Words around an a/b number that make it a setting, a score or a count rather than a date. */
const FRACTION_BEFORE = new Set(
  'bipap cpap ps imv simv peep vent ventilator ac rate rr rating rated rates pain cp discomfort scale breathing given strength ratio of ie i:e'.split(
    ' ',
  ),
);
const FRACTION_AFTER = new Set('ps peep bpm lasix st str strength hr hrs pain scale ns up'.split(' '));
const AGE_AFTER = new Set(['yo', 'y', 'yr', 'yrs', 'year', 'years']);

/** `3/10` after "pain", `10/5` after "BiPAP", `1/4 blood cultures`: not dates. */
export function isClinicalFraction(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!.text;
  const c0 = t.charCodeAt(0);
  if (c0 < 48 || c0 > 57) return false;
  const next = tokens[i + 1]?.text.toLowerCase() ?? '';
  // An age under 90 ("79 YO", "46 year old"), a range with no month ("RR 22-25"), a setting ending in '%'.
  if (/^\d{1,2}$/.test(t) && AGE_AFTER.has(next)) return true;
  const range = /^(\d{1,3})-(\d{1,3})$/.exec(t);
  if (range && Number(range[1]) > 12) return true;
  if (/^\d+(?:\/\d+)+$/.test(t) && next === '%') return true;
  // Blood gases and other decimal series ("7.45/40/101", "4.7/2.6"), and series of four or more ("24/06/12/18").
  if (/^\d+\.\d+\//.test(t) || /^\d+(?:\/\d+){3,}$/.test(t)) return true;
  // Clock times and ranges of them ("13:00", "0330-0700", "7-10 am") and ranges of decimals ("101.5-101.8").
  if (/^\d{1,2}:\d{2}$/.test(t) || /^\d+\.\d+-\d+(?:\.\d+)?$/.test(t)) return true;
  const clocks = /^(\d{4})-(\d{4})$/.exec(t);
  if (clocks && [clocks[1]!, clocks[2]!].every((c) => Number(c) < 2400 && Number(c) % 100 < 60)) return true;
  if (/^\d{1,2}-\d{1,2}$/.test(t) && /^(?:am|pm)$/i.test(nextGlued(tokens, i))) return true;
  const m = /^(\d{1,2})\/(\d{1,2})(\/\d{1,2})?$/.exec(t);
  if (!m) return false;
  // A mixed number or a portion: "1 1/2 h", "3/4 str", "1/3 up".
  if (
    /^\d+$/.test(tokens[i - 1]?.text ?? '') &&
    tokens[i - 1]!.end === tokens[i]!.start - 1 &&
    Number(m[1]) < Number(m[2])
  )
    return true;
  const before = [1, 2, 3].map((k) => tokens[i - k]?.text.toLowerCase() ?? '');
  const after = tokens[i + 1]?.text.toLowerCase() ?? '';
  // No month is over 12: "PT/PTT 14/32", "peak/plat 30/25", "(21/20)" are values (m/yy dates are a context rule).
  if (m[3] === undefined && Number(m[1]) > 12) return true;
  if (
    m[2] === '10' &&
    Number(m[1]) <= 10 &&
    (before.some((w) => FRACTION_BEFORE.has(w) || w === 'pain' || w === 'pressure') || PAIN_AFTER.has(after))
  )
    return true;
  // Ventilator settings and measured pairs a few words after their name ("PSV 12/5", "flowby 6/2", "CO/CI 5/3").
  if ([1, 2, 3, 4].some((k) => VENT_BEFORE.has(tokens[i - k]?.text.toLowerCase() ?? ''))) return true;
  // Culture counts ("1/4 bottles", "bcx 2/2", "2/4 blood cultures"): a small a/b with a ≤ b; "last cx 3/23" stays a
  // date.
  const [a, b] = [Number(m[1]), Number(m[2])];
  const after2 = tokens[i + 2]?.text.toLowerCase() ?? '';
  if (CULTURE.has(before[0]!) || CULTURE.has(after) || (CULTURE.has(after2) && after !== 'on'))
    return a <= b && b <= 6;
  return FRACTION_BEFORE.has(before[0]!) || FRACTION_AFTER.has(after);
}

/** Clinical phrases whose first word is also a name: "TED stockings", "funeral home", "ginger ale" (model vetoed). */
const PHRASES = new Map(
  Object.entries({
    ted: 'stockings stocking hose hoses',
    teds: 'stockings on',
    funeral: 'home homes director arrangements',
    ginger: 'ale',
    // "heath care proxy" (a slip for health care) and the balloon pump's augmented diastole ("Aug dia").
    heath: 'care',
    aug: 'dia diastolic',
  }).map(([w, after]) => [w, new Set(after.split(' '))]),
);

/** Whether token `i` starts one of the clinical phrases whose first word is also a name ("TED stockings"). */
export function inClinicalPhrase(tokens: readonly Token[], i: number): boolean {
  return PHRASES.get(tokens[i]!.text.toLowerCase())?.has(tokens[i + 1]?.text.toLowerCase() ?? '') ?? false;
}

/** The word right after token `i` with no space between ("10am" → "am"), or "" . */
function nextGlued(tokens: readonly Token[], i: number): string {
  const n = tokens[i + 1];
  return n && n.start === tokens[i]!.end ? n.text : '';
}

const PAIN_AFTER = new Set(['cp', 'pain', 'chest', 'discomfort', 'ha', 'headache']);

const CULTURE = new Set(['cx', 'bcx', 'cultures', 'culture', 'bottles', 'bottle', 'sets']);

/**
 * Finds the identifiers of a text: patterns and checksums, context rules, dictionaries and the token classifier,
 * the clinical allow-list vetoing the weaker layers. Each span says which layer and rule removed it, with a score.
 */
export function detectPhi(text: string, options: DetectOptions = {}): PhiSpan[] {
  const dict = options.dict ?? loadDictionaries();
  const m = options.model === undefined ? loadDeidModel() : options.model;
  const analysis = analyseTokens(text, m?.vocab ?? new Set(), dict);
  const { tokens, lower } = analysis;
  const threshold = options.threshold ?? m?.threshold ?? 0;
  const classThresholds = options.classThresholds ?? m?.classThresholds;

  type TokenDecision = { category: PhiCategory; source: PhiSpan['source']; rule: string; score: number };
  const decided: (TokenDecision | undefined)[] = new Array(tokens.length).fill(undefined);
  for (const hit of analysis.context) {
    if (!hit.overridesAllowList && isAllowed(lower[hit.index]!)) continue;
    const prev = decided[hit.index];
    if (!prev || prev.score < hit.score)
      decided[hit.index] = {
        category: hit.category,
        source: hit.rule.startsWith('dictionary') ? 'dictionary' : 'context',
        rule: hit.rule,
        score: hit.score,
      };
  }
  if (m && options.classifier !== false) {
    const scorer = scorerOf(m.perceptron);
    for (let i = 0; i < tokens.length; i++) {
      if (decided[i] || analysis.strong[i] || !isCandidate(tokens[i]!.text)) continue;
      if (isClinicalFraction(tokens, i)) continue;
      // Words the model never removes, whatever their scores: not scored at all.
      if (isAllowed(lower[i]!) || TITLES.has(lower[i]!)) continue;
      if (inClinicalPhrase(tokens, i)) continue;
      const s = scorer.score(analysis.featureContext, i)!;
      let best = 1;
      for (let k = 2; k < s.length; k++) if (s[k]! > s[best]!) best = k;
      const margin = s[best]! - s[0]!;
      const th = options.threshold ?? classThresholds?.[best] ?? threshold;
      if (margin <= th) continue;
      decided[i] = {
        category: MODEL_CLASSES[best] as PhiCategory,
        source: 'model',
        rule: 'model.perceptron',
        score: Math.round(logistic((margin - th) / m.scale) * 1000) / 1000,
      };
    }
  }

  // A double surname glued by a hyphen: "dr williams-nuzzo" (the second part is no English word).
  for (let i = 0; i + 2 < tokens.length; i++) {
    const d = decided[i];
    if (d?.category !== 'name' || decided[i + 2] || tokens[i + 1]!.text !== '-') continue;
    const t2 = tokens[i + 2]!;
    if (tokens[i + 1]!.start !== tokens[i]!.end || t2.start !== tokens[i + 1]!.end) continue;
    const l2 = lower[i + 2]!;
    if (!isWordToken(t2.text) || englishLevel(l2, dict) !== 'N' || isAllowed(l2) || dict.clinical.has(l2))
      continue;
    decided[i + 2] = { ...d, rule: `${d.rule}+hyphen` };
  }

  broaderThanSafeHarbor(tokens, decided, analysis.patternCategory);
  extendNames(text, tokens, decided, m?.vocab ?? new Set(), dict);
  dropLoneLetters(tokens, decided);

  // Within a note, a name or place found once is found everywhere it recurs ("Dr. Okafor … Okafor aware").
  const known = new Map<string, TokenDecision>();
  for (let i = 0; i < tokens.length; i++) {
    const d = decided[i];
    const lw = lower[i]!;
    if (!d || (d.category !== 'name' && d.category !== 'location') || lw.length < 3) continue;
    if (m?.vocab.has(lw) || isAllowed(lw) || d.score < 0.6) continue;
    if (!known.has(lw)) known.set(lw, d);
  }
  if (known.size > 0)
    for (let i = 0; i < tokens.length; i++) {
      if (decided[i] || analysis.strong[i]) continue;
      const d = known.get(lower[i]!);
      if (d) decided[i] = { ...d, rule: `${d.rule}+recurrence`, score: Math.min(d.score, 0.9) };
    }

  const spans: PhiSpan[] = [];
  // Pattern hits: merged where they overlap, the highest score's category kept.
  const sortedHits = analysis.patternHits
    .filter((h) => !h.weak)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let open: PatternHit | undefined;
  const flush = () => {
    if (open)
      spans.push({
        start: open.start,
        end: open.end,
        category: open.category,
        text: text.slice(open.start, open.end),
        source: 'pattern',
        rule: open.rule,
        score: open.score,
      });
  };
  for (const hit of sortedHits) {
    if (open && hit.start < open.end) {
      const better = hit.score > open.score ? hit : open;
      open = { ...better, start: open.start, end: Math.max(open.end, hit.end) };
    } else {
      flush();
      open = hit;
    }
  }
  flush();
  const covered = (start: number, end: number) => spans.some((s) => s.start < end && start < s.end);
  // Token decisions: adjacent tokens of one category joined into one span ("Jane Smith", "Sacred Heart").
  let run: { start: number; end: number; d: TokenDecision } | undefined;
  const flushRun = () => {
    if (run && !covered(run.start, run.end))
      spans.push({
        start: run.start,
        end: run.end,
        category: run.d.category,
        text: text.slice(run.start, run.end),
        source: run.d.source,
        rule: run.d.rule,
        score: run.d.score,
      });
    run = undefined;
  };
  for (let i = 0; i < tokens.length; i++) {
    const d = decided[i];
    if (!d) continue;
    const t = tokens[i]!;
    if (run && run.d.category === d.category && GAP.test(text.slice(run.end, t.start))) {
      run.end = t.end;
      if (d.score < run.d.score) run.d = { ...run.d, score: d.score };
    } else {
      flushRun();
      run = { start: t.start, end: t.end, d };
    }
  }
  flushRun();
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Span merging: a name found in part is taken whole. A neighbour of a name token (on the same line, a space or an
 * initial's full stop between) joins it when it could be part of the name — an initial, or a name from the dictionaries
 * that is no common English word — and is no common word of the notes, no
 * clinical word and not on the allow-list ("dr. john [bowman]", "[E]. WELSH", "EARL [N]. RAND").
 */
function extendNames(
  text: string,
  tokens: readonly Token[],
  decided: ({ category: PhiCategory; source: PhiSpan['source']; rule: string; score: number } | undefined)[],
  vocab: ReadonlySet<string>,
  dict: Dictionaries,
): void {
  const joinable = (j: number, from: number) => {
    const t = tokens[j];
    if (!t || decided[j] || !isWordToken(t.text)) return false;
    const [a, b] = j < from ? [t, tokens[from]!] : [tokens[from]!, t];
    const gap = text.slice(a.end, b.start);
    const initial = /^[A-Za-z]$/.test(t.text);
    if (!(gap === ' ' || (gap === '. ' && /^[A-Za-z]$/.test(a.text)))) return false;
    if (initial) return /^[A-Z]$/.test(t.text) && gap === '. ';
    const lw = t.text.toLowerCase();
    if (vocab.has(lw) || isAllowed(lw) || dict.clinical.has(lw) || TITLES.has(lw) || t.text.length < 3)
      return false;
    const level = englishLevel(lw, dict);
    return (level === 'N' || level === 'R') && dict.anyName.has(lw);
  };
  for (let i = 0; i < tokens.length; i++) {
    const d = decided[i];
    // Only from a rule or a confident model decision (a model score near 0.5 is a guess).
    if (d?.category !== 'name' || d.rule.endsWith('+extended') || d.score < 0.6) continue;
    for (const step of [-1, 1]) {
      let from = i;
      for (let k = 0; k < 2; k++) {
        const j = from + step;
        if (!joinable(j, from)) break;
        decided[j] = { ...d, rule: `${d.rule}+extended`, score: Math.min(d.score, 0.7) };
        from = j;
      }
    }
  }
}

/**
 * A single letter that the model alone takes for a name is kept only beside another name token (an initial: "J
 * SMITH", "E. WELSH"); alone it is a wave, a vitamin or an article ("P WAVES", "AMPHO B", "FROM A COMBINATION").
 */
function dropLoneLetters(
  tokens: readonly Token[],
  decided: ({ category: PhiCategory; source: PhiSpan['source']; rule: string; score: number } | undefined)[],
): void {
  const isName = (j: number) => decided[j]?.category === 'name' && !/^[A-Za-z]$/.test(tokens[j]?.text ?? '');
  for (let i = 0; i < tokens.length; i++) {
    const d = decided[i];
    if (d?.source !== 'model' || !/^[A-Za-z]$/.test(tokens[i]!.text)) continue;
    const after = tokens[i + 1]?.text === '.' ? i + 2 : i + 1;
    if (!(isName(i - 1) || isName(after) || (tokens[i - 1]?.text === '.' && isName(i - 2))))
      decided[i] = undefined;
  }
}

const MONTH_NAMES = new Set(
  'january february march april june july august september october november december jan feb apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);

/** Words before a state's name that make it part of an institution's ("U Maryland", "University of Maryland"). */
const INSTITUTION_BEFORE = new Set(['u', 'univ', 'university', 'uof', 'of', 'st', 'saint']);

export type Decision = { category: PhiCategory; source: PhiSpan['source']; rule: string; score: number };

/**
 * Decisions broader than Safe Harbor taken back: a US state or a country standing alone ("from Florida", "children in
 * new hampshire and maine", "from ENGLAND": 45 CFR 164.514(b)(2)(i)(B) names only geographic subdivisions smaller
 * than a state), and a month name with no day or year near it ("it was July", "the month of April": (b)(2)(i)(C) names
 * dates, and a month alone is none), whatever class the model gave them. A state or country stays removed beside
 * another identifier token ("Annapolis, MD", "Kessler, Maryland"), inside an institution's name ("Maryland Rehab",
 * "U Maryland", "Washington Adventist Hosp"); a month stays removed with a number within three tokens ("nov. 2016",
 * "July 2nd"); either stays removed as a first name after a relation, title or role or before a name ("daughter April",
 * "nurse Virginia Sallese"). Washington DC is a city, not a state.
 */
export function broaderThanSafeHarbor(
  tokens: readonly Token[],
  decided: (Decision | undefined)[],
  patternCategory: readonly (PhiCategory | undefined)[],
): void {
  const lower = (j: number) => tokens[j]?.text.toLowerCase() ?? '';
  const identifier = (j: number) => decided[j] !== undefined || patternCategory[j] !== undefined;
  for (let i = 0; i < tokens.length; i++) {
    const d = decided[i];
    if (!d || d.source === 'pattern') continue;
    const t = tokens[i]!.text;
    const lw = t.toLowerCase();
    // A first name ("daughter April", "nurse Virginia", "April Smith") keeps its decision.
    const named =
      RELATIONS.has(lower(i - 1)) ||
      RELATIONS.has(lower(i - 2)) ||
      TITLES.has(lower(i - 1)) ||
      TITLES.has(lower(i - 2)) ||
      ROLES.has(lower(i - 1)) ||
      decided[i + 1]?.category === 'name';
    if (MONTH_NAMES.has(lw)) {
      let number = false;
      for (let k = i - 3; k <= i + 3 && !number; k++) number = k !== i && /^\d/.test(tokens[k]?.text ?? '');
      if (!number && !named) decided[i] = undefined;
      continue;
    }
    if (named && d.category === 'name') continue;
    // One word, or the first or second of two: the span [a, b] the state or country takes.
    let a = i;
    let b = i;
    if (STATE_NAMES_TWO.has(`${lw} ${lower(i + 1)}`) || COUNTRY_NAMES_TWO.has(`${lw} ${lower(i + 1)}`))
      b = i + 1;
    else if (STATE_NAMES_TWO.has(`${lower(i - 1)} ${lw}`) || COUNTRY_NAMES_TWO.has(`${lower(i - 1)} ${lw}`))
      a = i - 1;
    else if (!(STATE_NAMES.has(lw) || COUNTRY_NAMES.has(lw) || (STATE_CODES.has(t) && t !== 'DC'))) continue;
    // Another identifier beside it (a comma between allowed: "Annapolis, MD") or an institution around it.
    const before = tokens[a - 1]?.text === ',' ? a - 2 : a - 1;
    const after = tokens[b + 1]?.text === ',' ? b + 2 : b + 1;
    const beside = (j: number) => j >= 0 && j < tokens.length && j !== a && j !== b && identifier(j);
    if (beside(before) || beside(after)) continue;
    if (INSTITUTION_HEADS.has(lower(b + 1)) || INSTITUTION_HEADS.has(lower(b + 2))) continue;
    if (INSTITUTION_BEFORE.has(lower(a - 1))) continue;
    decided[i] = undefined;
  }
}
