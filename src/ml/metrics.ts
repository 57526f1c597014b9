import { seededRandom } from './random.js';

/**
 * Area under the ROC curve of `scores` against binary `labels` (1 = positive): P(score of a random positive > score of
 * a random negative), ties counted ½ — the Mann–Whitney U / (n₁n₀) with mid-ranks, as scikit-learn's
 * `roc_auc_score` and MedMNIST's `getAUC` compute it. NaN when a class is missing.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  if (labels.length !== n) throw new Error('scores and labels differ in length');
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let positives = 0;
  let rankSumPositives = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const midRank = (i + j) / 2 + 1; // ranks are 1-based
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        positives++;
        rankSumPositives += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** A point estimate with a percentile bootstrap interval. */
export interface Estimate {
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  readonly resamples?: number;
  /** Seed of `seededRandom` (default 1). */
  readonly seed?: number;
  /** Coverage of the interval (default 0.95). */
  readonly level?: number;
  /**
   * Cluster of each item (e.g. the CT series of a nodule): whole clusters are resampled, as items of one cluster
   * are not independent. Without it every item is its own cluster (case resampling).
   */
  readonly clusters?: readonly string[];
}

/**
 * The bootstrap distribution of a metric of (scores, labels) (Efron & Tibshirani 1993, ch. 13): `resamples` draws of
 * the clusters with replacement from one seeded generator, sorted ascending; resamples where the metric is not
 * finite (e.g. one class only) are skipped, so the result may be shorter than `resamples`.
 */
export function bootstrapDistribution(
  metric: (scores: number[], labels: number[]) => number,
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: BootstrapOptions = {},
): number[] {
  const { resamples = 1000, seed = 1 } = options;
  const random = seededRandom(seed);
  const groups = new Map<string, number[]>();
  for (let i = 0; i < scores.length; i++) {
    const key = options.clusters?.[i] ?? String(i);
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  }
  const members = [...groups.values()];
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const s: number[] = [];
    const l: number[] = [];
    for (let g = 0; g < members.length; g++) {
      for (const i of members[Math.floor(random() * members.length)] as number[]) {
        s.push(scores[i] as number);
        l.push(labels[i] as number);
      }
    }
    const v = metric(s, l);
    if (Number.isFinite(v)) values.push(v);
  }
  return values.sort((a, b) => a - b);
}

/** The q-quantile of an ascending list as its element ⌊q·n⌋ (clamped to the list); NaN for an empty list. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))] ?? Number.NaN;
}

/** The percentile interval of a sorted distribution: its (1 − level)/2 and 1 − (1 − level)/2 quantiles. */
export function percentileInterval(
  sorted: readonly number[],
  level = 0.95,
): { readonly low: number; readonly high: number } {
  return { low: quantile(sorted, (1 - level) / 2), high: quantile(sorted, 1 - (1 - level) / 2) };
}

/** Percentile bootstrap interval of a metric, around the metric on all items (see `bootstrapDistribution`). */
export function bootstrap(
  metric: (scores: number[], labels: number[]) => number,
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: BootstrapOptions = {},
): Estimate {
  const distribution = bootstrapDistribution(metric, scores, labels, options);
  return {
    value: metric(Array.from(scores), Array.from(labels)),
    ...percentileInterval(distribution, options.level ?? 0.95),
  };
}

/** Share of items whose `probability ≥ threshold` matches the label (MedMNIST `getACC`, threshold 0.5). */
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
