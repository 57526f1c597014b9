import { seededRandom } from './nn/random.js';

/**
 * Area under the ROC curve of `scores` against binary `labels` (Mann–Whitney U / (n₁n₀), ties counted ½), as
 * MedMNIST's `getAUC` computes it for binary tasks (scikit-learn `roc_auc_score`). NaN when a class is missing.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let positives = 0;
  let rankSumPositives = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        positives++;
        rankSumPositives += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Share of images whose `probability ≥ threshold` matches the label (MedMNIST `getACC`, threshold 0.5). */
export function accuracy(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold = 0.5,
): number {
  let correct = 0;
  for (let i = 0; i < probabilities.length; i++) {
    if (((probabilities[i] as number) >= threshold ? 1 : 0) === labels[i]) correct++;
  }
  return probabilities.length === 0 ? Number.NaN : correct / probabilities.length;
}

/** A point estimate with a percentile bootstrap interval (Efron & Tibshirani 1993, ch. 13). */
export interface Estimate {
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

/**
 * Percentile bootstrap (case resampling) of a metric: `resamples` draws with replacement, seeded, 95 % by default.
 * Resamples where the metric is undefined (one class only) are skipped.
 */
export function bootstrap(
  metric: (scores: number[], labels: number[]) => number,
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: { resamples?: number; seed?: number; level?: number } = {},
): Estimate {
  const { resamples = 1000, seed = 1, level = 0.95 } = options;
  const random = seededRandom(seed);
  const n = scores.length;
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const s: number[] = new Array(n);
    const l: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const k = Math.floor(random() * n);
      s[i] = scores[k] as number;
      l[i] = labels[k] as number;
    }
    const v = metric(s, l);
    if (Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  const at = (q: number) =>
    values[Math.min(values.length - 1, Math.max(0, Math.floor(q * values.length)))] ?? Number.NaN;
  return {
    value: metric(Array.from(scores), Array.from(labels)),
    low: at((1 - level) / 2),
    high: at(1 - (1 - level) / 2),
  };
}

/** Sensitivity and specificity of `probability ≥ threshold` for label 1, and the likelihood ratios they imply. */
export function operatingPoint(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold = 0.5,
): {
  sensitivity: number;
  specificity: number;
  positiveLikelihoodRatio: number;
  negativeLikelihoodRatio: number;
} {
  let tp = 0;
  let fn = 0;
  let tn = 0;
  let fp = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const predicted = (probabilities[i] as number) >= threshold;
    if (labels[i] === 1) predicted ? tp++ : fn++;
    else predicted ? fp++ : tn++;
  }
  const sensitivity = tp / Math.max(1, tp + fn);
  const specificity = tn / Math.max(1, tn + fp);
  return {
    sensitivity,
    specificity,
    positiveLikelihoodRatio: sensitivity / Math.max(1e-6, 1 - specificity),
    negativeLikelihoodRatio: (1 - sensitivity) / Math.max(1e-6, specificity),
  };
}
