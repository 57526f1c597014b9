import { HealthGptError } from '../engine/errors.js';
import { seededRandom } from '../ml/random.js';
import {
  DEFAULT_FEATURES,
  dot,
  type FeatureOptions,
  type FeatureText,
  type SparseVector,
  tfidfVectors,
  withDense,
} from './features.js';
import { recallAtFraction, wssAt, wssCohen } from './metrics.js';

/**
 * Active learning for title/abstract screening: a class-balanced L2 logistic regression on TF-IDF features
 * (`features.ts`), retrained as decisions arrive (every decision at first, then in batches of a fixed share of the
 * records), ranking the unscreened records by probability of inclusion (certainty-based sampling: the most likely
 * relevant record is shown next). The remaining-relevant estimate sums the calibrated-enough probabilities of the
 * unscreened records and says that it is an estimate.
 */

export interface LearnerOptions {
  /** L2 penalty per labelled record. */
  readonly lambda: number;
  /** Weight of the included class relative to balance (1 = both classes weigh the same in total). */
  readonly positiveBoost: number;
  readonly epochs: number;
  /** Retrain after this share of all records has been screened since the last training (0 = after each one). */
  readonly batchShare: number;
  readonly features: FeatureOptions;
  /**
   * The classifier: class-balanced logistic regression, multinomial naive Bayes (ASReview's default), or both with
   * their standardised log-odds averaged (`nbWeight` for naive Bayes).
   */
  readonly classifier?: 'logistic' | 'naive-bayes' | 'ensemble';
  readonly nbWeight?: number;
  /**
   * Weight of the records' sentence vectors (USE-lite over title and abstract) appended to the TF-IDF features
   * (0 or absent = words only). The caller passes the vectors.
   */
  readonly dense?: number;
  /** Unscreened records drawn at random each training and added as excluded (0 = none). */
  readonly pseudoNegatives?: number;
  /** Naive Bayes smoothing. */
  readonly alpha?: number;
  /** How the two classes are weighted in training: equally in total, or ASReview's dynamic resampling ("double"). */
  readonly balance?: Balance;
}

export type Balance = 'equal' | 'double';

/** Chosen on the tuning topics (ADHD, AtypicalAntipsychotics, Estrogens); see docs/literature.md. */
export const DEFAULT_LEARNER: LearnerOptions = {
  lambda: 0.003,
  positiveBoost: 1,
  epochs: 8,
  batchShare: 0.005,
  features: DEFAULT_FEATURES,
};

export class LogisticModel {
  readonly w: Float64Array;
  bias = 0;

  constructor(dim: number) {
    this.w = new Float64Array(dim);
  }

  /** Trains (warm-started) with class-balanced sample weights, by plain SGD with a decaying step. */
  fit(xs: readonly SparseVector[], ys: readonly number[], o: LearnerOptions, random: () => number): void {
    const pos = ys.filter((y) => y === 1).length;
    const neg = ys.length - pos;
    if (pos === 0 || neg === 0) return;
    const w = o.balance === 'double' ? doubleBalanceWeights(pos, neg) : undefined;
    const wPos = (w ? w.one : ys.length / (2 * pos)) * o.positiveBoost;
    const wNeg = w ? w.zero : ys.length / (2 * neg);
    const order = ys.map((_, i) => i);
    let step = 0;
    for (let e = 0; e < o.epochs; e++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const i of order) {
        const x = xs[i]!;
        const y = ys[i]!;
        const lr = 0.5 / (1 + 0.01 * step++);
        const p = 1 / (1 + Math.exp(-(dot(this.w, x) + this.bias)));
        const g = (p - y) * (y === 1 ? wPos : wNeg);
        for (let k = 0; k < x.idx.length; k++) {
          const f = x.idx[k]!;
          this.w[f] = this.w[f]! - lr * (g * x.val[k]! + o.lambda * this.w[f]!);
        }
        this.bias -= lr * g * 0.1;
      }
    }
  }

  logOdds(x: SparseVector): number {
    return dot(this.w, x) + this.bias;
  }

  probability(x: SparseVector): number {
    return 1 / (1 + Math.exp(-this.logOdds(x)));
  }
}

/** ASReview's dynamic resampling ("double" balance) constants: a, alpha (included), b, beta (excluded). */
export const DOUBLE_BALANCE = { a: 2.155, alpha: 0.94, b: 0.789, beta: 1 } as const;

/**
 * Per-record weights of the two classes under ASReview's "double" balance: the training set keeps its size n but holds
 * n₁' = w₁n₁ · n / (w₁n₁ + w₀n₀) included copies (w₁ = a (n₁/n₀)^−alpha, w₀ = 1 − (1 − b)(1 + ln n)^−beta, n₁' kept in
 * [1, n − 2]) and n − n₁' excluded ones. ASReview draws those copies at random; here each record weighs its expected
 * number of copies (n₁'/n₁ or (n − n₁')/n₀), so the simulation stays deterministic.
 */
export function doubleBalanceWeights(nOne: number, nZero: number): { one: number; zero: number } {
  const { a, alpha, b, beta } = DOUBLE_BALANCE;
  const n = nOne + nZero;
  const oneWeight = a * (nOne / nZero) ** -alpha;
  const zeroWeight = 1 - (1 - b) * (1 + Math.log(n)) ** -beta;
  const ones = Math.max(1, Math.min(n - 2, (oneWeight * nOne * n) / (oneWeight * nOne + zeroWeight * nZero)));
  return { one: ones / nOne, zero: (n - ones) / nZero };
}

/**
 * Multinomial naive Bayes on TF-IDF weights (ASReview's default `nb`, smoothing alpha), scored by the log-odds of
 * inclusion. Class sums are kept so a decision can be added without refitting from scratch.
 */
export class NaiveBayesModel {
  private readonly sumPos: Float64Array;
  private readonly sumNeg: Float64Array;
  private readonly logRatio: Float64Array;
  private totalPos = 0;
  private totalNeg = 0;
  private nPos = 0;
  private nNeg = 0;
  private prior = 0;

  constructor(private readonly dim: number) {
    this.sumPos = new Float64Array(dim);
    this.sumNeg = new Float64Array(dim);
    this.logRatio = new Float64Array(dim);
  }

  /** Adds one labelled record to the class sums (call `refresh` before scoring). */
  add(x: SparseVector, y: number): void {
    const target = y === 1 ? this.sumPos : this.sumNeg;
    let t = 0;
    for (let k = 0; k < x.idx.length; k++) {
      target[x.idx[k]!] = target[x.idx[k]!]! + x.val[k]!;
      t += x.val[k]!;
    }
    if (y === 1) {
      this.totalPos += t;
      this.nPos++;
    } else {
      this.totalNeg += t;
      this.nNeg++;
    }
  }

  /** Recomputes the per-feature log-ratios with each class's records weighted (`balance`: 'double' or none). */
  refresh(alpha: number, balance: Balance = 'equal'): void {
    const w =
      balance === 'double' && this.nPos > 0 && this.nNeg > 0
        ? doubleBalanceWeights(this.nPos, this.nNeg)
        : { one: 1, zero: 1 };
    const dp = Math.log(w.one * this.totalPos + alpha * this.dim);
    const dn = Math.log(w.zero * this.totalNeg + alpha * this.dim);
    for (let f = 0; f < this.dim; f++)
      this.logRatio[f] =
        Math.log(w.one * this.sumPos[f]! + alpha) - dp - (Math.log(w.zero * this.sumNeg[f]! + alpha) - dn);
    const pos = w.one * this.nPos;
    const neg = w.zero * this.nNeg;
    this.prior = pos > 0 && neg > 0 ? Math.log(pos / neg) : 0;
  }

  fit(xs: readonly SparseVector[], ys: readonly number[], alpha: number, balance: Balance = 'equal'): void {
    xs.forEach((x, i) => {
      this.add(x, ys[i]!);
    });
    this.refresh(alpha, balance);
  }

  logOdds(x: SparseVector): number {
    return this.prior + dot(this.logRatio, x);
  }

  /** A monotone score of inclusion (log-odds squashed to 0–1; naive Bayes is not calibrated). */
  probability(x: SparseVector): number {
    return 1 / (1 + Math.exp(-this.logOdds(x)));
  }
}

/** Up to `k` distinct items drawn at random (partial Fisher–Yates on a copy). */
function sample(items: readonly number[], k: number, random: () => number): number[] {
  const a = [...items];
  const m = Math.min(k, a.length);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(random() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, m);
}

/**
 * Two models' scores over the same records combined: each standardised (mean 0, SD 1 over the records), then
 * weighted `first` : 1 − `first`.
 */
export function combineStandardised(columns: readonly Float64Array[], first: number): Float64Array {
  const out = new Float64Array(columns[0]!.length);
  columns.forEach((c, j) => {
    const weight = j === 0 ? first : (1 - first) / (columns.length - 1);
    let mean = 0;
    for (const v of c) mean += v;
    mean /= c.length || 1;
    let sd = 0;
    for (const v of c) sd += (v - mean) ** 2;
    sd = Math.sqrt(sd / (c.length || 1)) || 1;
    for (let k = 0; k < c.length; k++) out[k] = out[k]! + (weight * (c[k]! - mean)) / sd;
  });
  return out;
}

export interface ScreeningRecordInput extends FeatureText {
  readonly id: string;
}

/**
 * The screening order a reviewer would see: `decide(i)` gives the reviewer's decision on record `i`; starts from the
 * prior records. Returns the indices in the order shown.
 */
export function simulateOrder(
  vectors: readonly SparseVector[],
  dim: number,
  labels: readonly number[],
  priors: readonly number[],
  seed: number,
  o: LearnerOptions = DEFAULT_LEARNER,
): number[] {
  const n = vectors.length;
  const random = seededRandom(seed);
  const screened = new Uint8Array(n);
  const order: number[] = [];
  for (const p of priors) {
    screened[p] = 1;
    order.push(p);
  }
  // Naive Bayes learns by adding each decision to its class sums, so it is cheap to retrain after every decision.
  const useNb = o.classifier === 'naive-bayes' || o.classifier === 'ensemble';
  const useLr = o.classifier !== 'naive-bayes';
  const nb = useNb ? new NaiveBayesModel(dim) : undefined;
  let added = 0;
  let lastTrainedAt = -1;
  const batch = Math.max(1, Math.floor(o.batchShare * n));
  let ranking: number[] = [];
  let cursor = 0;
  while (order.length < n) {
    if (lastTrainedAt < 0 || order.length - lastTrainedAt >= batch) {
      const xs = order.map((i) => vectors[i]!);
      const ys = order.map((i) => labels[i]!);
      const open: number[] = [];
      for (let i = 0; i < n; i++) if (!screened[i]) open.push(i);
      const columns: Float64Array[] = [];
      if (nb) {
        for (; added < order.length; added++) nb.add(xs[added]!, ys[added]!);
        nb.refresh(o.alpha ?? 3.822, o.balance);
        columns.push(Float64Array.from(open, (i) => nb.logOdds(vectors[i]!)));
      }
      if (useLr) {
        const lr = new LogisticModel(dim);
        // Cormack & Grossman's continuous active learning: a random draw of unscreened records joins as "excluded".
        const pseudo = o.pseudoNegatives ? sample(open, o.pseudoNegatives, random) : [];
        lr.fit([...xs, ...pseudo.map((i) => vectors[i]!)], [...ys, ...pseudo.map(() => 0)], o, random);
        columns.push(Float64Array.from(open, (i) => lr.logOdds(vectors[i]!)));
      }
      const combined = columns.length === 1 ? columns[0]! : combineStandardised(columns, o.nbWeight ?? 0.5);
      const scores = open.map((i, k) => [i, combined[k]!] as const);
      scores.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      ranking = scores.map((s) => s[0]);
      lastTrainedAt = order.length;
      cursor = 0;
    }
    while (cursor < ranking.length && screened[ranking[cursor]!]) cursor++;
    const next = ranking[cursor]!;
    screened[next] = 1;
    order.push(next);
  }
  return order;
}

export interface ScreeningReport {
  readonly n: number;
  readonly included: number;
  readonly wss_at_95: number;
  readonly recall_at_10pct: number;
  readonly recall_at_20pct: number;
}

export const SIMULATION_SEEDS = [1, 2, 3, 4, 5] as const;

export interface SeedResult {
  readonly seed: number;
  /** asreview-insights' WSS@95 (priors left out), the contract's value. */
  readonly wss_at_95: number;
  /** Cohen 2006's (TN + FN) / N − 0.05 at the first point recall ≥ 0.95, on the same order (for comparison). */
  readonly wss_at_95_cohen: number;
}

/**
 * ASReview-style simulation: for each seed, one included and one excluded record chosen at random as priors, then the
 * learner queries the rest; metrics computed as asreview-insights does (priors left out) and averaged over the seeds.
 */
export function simulateScreening(
  records: readonly ScreeningRecordInput[],
  labels: readonly number[],
  o: LearnerOptions = DEFAULT_LEARNER,
  seeds: readonly number[] = SIMULATION_SEEDS,
  sentenceVectors?: readonly Float32Array[],
): ScreeningReport & { perSeed: SeedResult[] } {
  const included = labels.filter((l) => l === 1).length;
  if (included === 0) throw HealthGptError.invalid('no record is labelled included (label_included = 1)');
  if (included === labels.length)
    throw HealthGptError.invalid('every record is labelled included; nothing to screen');
  const words = tfidfVectors(records, o.features);
  if (o.dense && !sentenceVectors) throw new Error('the learner weighs sentence vectors: pass them');
  const { vectors, dim } =
    o.dense && sentenceVectors ? withDense(words.vectors, words.dim, sentenceVectors, o.dense) : words;
  const pos = labels.flatMap((l, i) => (l === 1 ? [i] : []));
  const neg = labels.flatMap((l, i) => (l === 1 ? [] : [i]));
  let wss = 0;
  let r10 = 0;
  let r20 = 0;
  const perSeed: SeedResult[] = [];
  for (const seed of seeds) {
    const random = seededRandom(seed * 7919);
    const priors = [pos[Math.floor(random() * pos.length)]!, neg[Math.floor(random() * neg.length)]!];
    const order = simulateOrder(vectors, dim, labels, priors, seed, o);
    // As asreview-insights counts: the priors are left out of the records and of the relevant ones.
    const inOrder = order.slice(priors.length).map((i) => labels[i]!);
    const w = wssAt(inOrder, 0.95);
    perSeed.push({ seed, wss_at_95: w, wss_at_95_cohen: wssCohen(inOrder, 0.95) });
    wss += w;
    r10 += recallAtFraction(inOrder, 0.1);
    r20 += recallAtFraction(inOrder, 0.2);
  }
  const k = seeds.length;
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    n: records.length,
    included,
    wss_at_95: round(wss / k),
    recall_at_10pct: round(r10 / k),
    recall_at_20pct: round(r20 / k),
    perSeed,
  };
}
