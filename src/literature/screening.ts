import { HealthGptError } from '../engine/errors.js';
import { seededRandom } from '../ml/random.js';
import {
  DEFAULT_FEATURES,
  dot,
  type FeatureOptions,
  type FeatureText,
  type SparseVector,
  tfidfVectors,
} from './features.js';
import { recallAtFraction, wssAt } from './metrics.js';

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
  /** The classifier: class-balanced logistic regression, or multinomial naive Bayes (ASReview's default). */
  readonly classifier?: 'logistic' | 'naive-bayes';
  /** Naive Bayes smoothing. */
  readonly alpha?: number;
}

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
    const wPos = (ys.length / (2 * pos)) * o.positiveBoost;
    const wNeg = ys.length / (2 * neg);
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

  probability(x: SparseVector): number {
    return 1 / (1 + Math.exp(-(dot(this.w, x) + this.bias)));
  }
}

/** Multinomial naive Bayes on TF-IDF weights (as ASReview's default `nb`), scored by the log-odds of inclusion. */
export class NaiveBayesModel {
  private readonly logPos: Float64Array;
  private readonly logNeg: Float64Array;
  private prior = 0;

  constructor(private readonly dim: number) {
    this.logPos = new Float64Array(dim);
    this.logNeg = new Float64Array(dim);
  }

  fit(xs: readonly SparseVector[], ys: readonly number[], alpha: number): void {
    const pos = new Float64Array(this.dim);
    const neg = new Float64Array(this.dim);
    let totalPos = 0;
    let totalNeg = 0;
    xs.forEach((x, i) => {
      const target = ys[i] === 1 ? pos : neg;
      for (let k = 0; k < x.idx.length; k++) {
        target[x.idx[k]!] = target[x.idx[k]!]! + x.val[k]!;
        if (ys[i] === 1) totalPos += x.val[k]!;
        else totalNeg += x.val[k]!;
      }
    });
    const dp = Math.log(totalPos + alpha * this.dim);
    const dn = Math.log(totalNeg + alpha * this.dim);
    for (let f = 0; f < this.dim; f++) {
      this.logPos[f] = Math.log(pos[f]! + alpha) - dp;
      this.logNeg[f] = Math.log(neg[f]! + alpha) - dn;
    }
    const npos = ys.filter((y) => y === 1).length;
    this.prior = Math.log(npos / (ys.length - npos));
  }

  /** A monotone score of inclusion (log-odds squashed to 0–1). */
  probability(x: SparseVector): number {
    let s = this.prior;
    for (let k = 0; k < x.idx.length; k++)
      s += x.val[k]! * (this.logPos[x.idx[k]!]! - this.logNeg[x.idx[k]!]!);
    return 1 / (1 + Math.exp(-s));
  }
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
  let model: { probability(x: SparseVector): number } = new LogisticModel(dim);
  let lastTrainedAt = -1;
  const batch = Math.max(1, Math.floor(o.batchShare * n));
  let ranking: number[] = [];
  let cursor = 0;
  while (order.length < n) {
    if (lastTrainedAt < 0 || order.length - lastTrainedAt >= batch) {
      const xs = order.map((i) => vectors[i]!);
      const ys = order.map((i) => labels[i]!);
      if (o.classifier === 'naive-bayes') {
        const nb = new NaiveBayesModel(dim);
        nb.fit(xs, ys, o.alpha ?? 3.822);
        model = nb;
      } else {
        const lr = new LogisticModel(dim);
        lr.fit(xs, ys, o, random);
        model = lr;
      }
      lastTrainedAt = order.length;
      const scores: [number, number][] = [];
      for (let i = 0; i < n; i++) if (!screened[i]) scores.push([i, model.probability(vectors[i]!)]);
      scores.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      ranking = scores.map((s) => s[0]);
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

/**
 * ASReview-style simulation: for each seed, one included and one excluded record chosen at random as priors, then the
 * learner queries the rest; metrics averaged over the seeds.
 */
export function simulateScreening(
  records: readonly ScreeningRecordInput[],
  labels: readonly number[],
  o: LearnerOptions = DEFAULT_LEARNER,
  seeds: readonly number[] = SIMULATION_SEEDS,
): ScreeningReport & { perSeed: { seed: number; wss_at_95: number }[] } {
  const included = labels.filter((l) => l === 1).length;
  if (included === 0) throw HealthGptError.invalid('no record is labelled included (label_included = 1)');
  if (included === labels.length)
    throw HealthGptError.invalid('every record is labelled included; nothing to screen');
  const { vectors, dim } = tfidfVectors(records, o.features);
  const pos = labels.flatMap((l, i) => (l === 1 ? [i] : []));
  const neg = labels.flatMap((l, i) => (l === 1 ? [] : [i]));
  let wss = 0;
  let r10 = 0;
  let r20 = 0;
  const perSeed: { seed: number; wss_at_95: number }[] = [];
  for (const seed of seeds) {
    const random = seededRandom(seed * 7919);
    const priors = [pos[Math.floor(random() * pos.length)]!, neg[Math.floor(random() * neg.length)]!];
    const order = simulateOrder(vectors, dim, labels, priors, seed, o);
    const inOrder = order.map((i) => labels[i]!);
    const w = wssAt(inOrder, 0.95);
    perSeed.push({ seed, wss_at_95: w });
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
