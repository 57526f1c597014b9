/**
 * Discrimination metrics for the risk benchmark: ROC AUC (Mann–Whitney U with mid-ranks for ties) and a seeded
 * percentile bootstrap, optionally resampling clusters (e.g. CT series) rather than single nodules.
 */

/** Area under the ROC curve: P(score of a random positive > score of a random negative), ties counted 1/2. */
export function rocAuc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  if (scores.length !== labels.length) throw new Error('scores and labels differ in length');
  const order = scores.map((s, i) => [s, labels[i]!] as const).sort((a, b) => a[0] - b[0]);
  let positives = 0;
  let rankSumPositives = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const midRank = (i + j + 2) / 2; // ranks are 1-based
    for (let k = i; k <= j; k++) {
      if (order[k]![1] === 1) {
        positives++;
        rankSumPositives += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BootstrapInterval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly resamples: number;
}

/**
 * Percentile bootstrap 95 % interval of the AUC. With `clusters`, whole clusters are resampled (nodules of one CT
 * series are not independent); resamples with a single class are skipped.
 */
export function bootstrapAuc(
  scores: readonly number[],
  labels: readonly (0 | 1)[],
  options: {
    readonly resamples?: number;
    readonly seed?: number;
    readonly clusters?: readonly string[];
  } = {},
): BootstrapInterval {
  const resamples = options.resamples ?? 2000;
  const random = seededRandom(options.seed ?? 20240601);
  const groups = new Map<string, number[]>();
  scores.forEach((_, i) => {
    const key = options.clusters?.[i] ?? String(i);
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  });
  const members = [...groups.values()];
  const aucs: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const s: number[] = [];
    const l: (0 | 1)[] = [];
    for (let g = 0; g < members.length; g++) {
      const group = members[Math.floor(random() * members.length)]!;
      for (const i of group) {
        s.push(scores[i]!);
        l.push(labels[i]!);
      }
    }
    const auc = rocAuc(s, l);
    if (!Number.isNaN(auc)) aucs.push(auc);
  }
  aucs.sort((a, b) => a - b);
  const at = (q: number) => aucs[Math.min(aucs.length - 1, Math.max(0, Math.floor(q * aucs.length)))]!;
  return { estimate: rocAuc(scores, labels), low: at(0.025), high: at(0.975), resamples: aucs.length };
}
