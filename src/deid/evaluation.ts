import { bootstrap, type Estimate } from '../ml/metrics.js';
import { groupSplit } from '../ml/split.js';
import type { GoldSpan, PhysionetNote } from './physionet.js';
import { evaluationTokens } from './tokens.js';

/** Token-level binary metrics: a letter/digit run is an identifier token when any span overlaps it. */
export interface TokenMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface SpanLike {
  readonly start: number;
  readonly end: number;
}

/** Marks each evaluation token of `text` covered by any span. */
function coverage(tokens: readonly { start: number; end: number }[], spans: readonly SpanLike[]): boolean[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: boolean[] = new Array(tokens.length).fill(false);
  let h = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    while (h < sorted.length && sorted[h]!.end <= t.start) h++;
    for (let k = h; k < sorted.length && sorted[k]!.start < t.end; k++) {
      if (sorted[k]!.end > t.start) {
        out[i] = true;
        break;
      }
    }
  }
  return out;
}

/** An identifier token or a removed one, with its cluster (a patient): the unit a patient bootstrap resamples. */
export interface TokenOutcome {
  readonly cluster: string;
  readonly gold: boolean;
  readonly removed: boolean;
}

export class TokenCounter {
  tp = 0;
  fp = 0;
  fn = 0;
  /** Gold identifier tokens and how many were found, by gold category. */
  readonly byCategory = new Map<string, { gold: number; found: number }>();
  /** Every identifier or removed token of the notes added with a cluster (for `clusterIntervals`). */
  readonly outcomes: TokenOutcome[] = [];

  add(
    text: string,
    gold: readonly (SpanLike & { category?: string })[],
    predicted: readonly SpanLike[],
    cluster?: string,
  ): void {
    const tokens = evaluationTokens(text);
    const g = coverage(tokens, gold);
    const p = coverage(tokens, predicted);
    for (let i = 0; i < tokens.length; i++) {
      if (g[i] && p[i]) this.tp++;
      else if (p[i]) this.fp++;
      else if (g[i]) this.fn++;
      if (cluster !== undefined && (g[i] || p[i]))
        this.outcomes.push({ cluster, gold: g[i]!, removed: p[i]! });
    }
    for (const span of gold) {
      const cat = span.category ?? 'PHI';
      const entry = this.byCategory.get(cat) ?? { gold: 0, found: 0 };
      const inside = tokens
        .map((t, i) => ({ t, i }))
        .filter(({ t }) => t.end > span.start && t.start < span.end);
      entry.gold += inside.length;
      entry.found += inside.filter(({ i }) => p[i]).length;
      this.byCategory.set(cat, entry);
    }
  }

  metrics(): TokenMetrics {
    const precision = this.tp + this.fp === 0 ? 1 : this.tp / (this.tp + this.fp);
    const recall = this.tp + this.fn === 0 ? 1 : this.tp / (this.tp + this.fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    const r = (x: number) => Math.round(x * 10000) / 10000;
    return { precision: r(precision), recall: r(recall), f1: r(f1), tp: this.tp, fp: this.fp, fn: this.fn };
  }
}

/** Token recall of 0/1 decisions (`removed`) against 0/1 gold, over tokens that are identifiers or removed. */
export function recallOf(removed: readonly number[], gold: readonly number[]): number {
  let tp = 0;
  let n = 0;
  for (let i = 0; i < gold.length; i++)
    if (gold[i]) {
      n++;
      if (removed[i]) tp++;
    }
  return tp / n;
}

/** Token precision of 0/1 decisions against 0/1 gold. */
export function precisionOf(removed: readonly number[], gold: readonly number[]): number {
  let tp = 0;
  let n = 0;
  for (let i = 0; i < gold.length; i++)
    if (removed[i]) {
      n++;
      if (gold[i]) tp++;
    }
  return tp / n;
}

/** Token recall and precision with 95 % intervals by a bootstrap that resamples clusters (patients), seeded. */
export function clusterIntervals(
  outcomes: readonly TokenOutcome[],
  resamples = 2000,
  seed = 15,
): { recall: Estimate; precision: Estimate; clusters: number } {
  const removed = outcomes.map((o) => Number(o.removed));
  const gold = outcomes.map((o) => Number(o.gold));
  const options = { resamples, seed, clusters: outcomes.map((o) => o.cluster) };
  return {
    recall: bootstrap(recallOf, removed, gold, options),
    precision: bootstrap(precisionOf, removed, gold, options),
    clusters: new Set(options.clusters).size,
  };
}

/** Gold spans grouped by `pid note`. */
export function goldByNote(gold: readonly GoldSpan[]): Map<string, GoldSpan[]> {
  const out = new Map<string, GoldSpan[]>();
  for (const g of gold) {
    const key = `${g.pid} ${g.note}`;
    out.set(key, [...(out.get(key) ?? []), g]);
  }
  return out;
}

/** The seed and cuts of the by-patient split of the PhysioNet corpus; never change (the committed model used them). */
export const SPLIT = { seed: 15, cuts: [0.5, 0.7] as const, parts: ['train', 'tune', 'heldout'] as const };
export type SplitPart = (typeof SPLIT.parts)[number];

/** The part of every patient: train 50 %, tune 20 % (together the development split), held out 30 %. */
export function splitByPatient(notes: readonly PhysionetNote[]): Map<string, SplitPart> {
  const pids = [...new Set(notes.map((n) => n.pid))];
  const parts = groupSplit([pids], SPLIT.cuts, SPLIT.seed);
  return new Map(pids.map((p) => [p, SPLIT.parts[parts.get(p)!]!]));
}
