import { dot, type RetrievalMetrics } from './model.js';

/**
 * Recall@k of cross-modal retrieval among all pairs of a set. Query i (an image for image→text, a caption for
 * text→image) is a hit at k when a relevant item is among the k most similar candidates. Relevant: the item of the
 * same pair, and — unless `strict` — every item whose caption is the same text (MedPix gives several images of one
 * case one caption, so those captions are indistinguishable and any of them is a correct answer; COCO-style).
 * Ties are broken against the query (a relevant item tied with an irrelevant one ranks after it).
 */
export function retrievalRecall(
  imageEmbeddings: readonly Float32Array[],
  textEmbeddings: readonly Float32Array[],
  captions: readonly string[],
  options: { strict?: boolean; ks?: readonly number[] } = {},
): { n: number; i2t: Record<number, number>; t2i: Record<number, number> } {
  const n = imageEmbeddings.length;
  const ks = options.ks ?? [1, 10];
  const { i2t: i2tRanks, t2i: t2iRanks } = retrievalRanks(imageEmbeddings, textEmbeddings, captions, options);
  const recall = (ranks: number[], k: number) => ranks.filter((r) => r <= k).length / Math.max(1, n);
  return {
    n,
    i2t: Object.fromEntries(ks.map((k) => [k, recall(i2tRanks, k)])),
    t2i: Object.fromEntries(ks.map((k) => [k, recall(t2iRanks, k)])),
  };
}

/** Per query, the rank (1 = first) of the best-placed relevant item, in both directions (see `retrievalRecall`). */
export function retrievalRanks(
  imageEmbeddings: readonly Float32Array[],
  textEmbeddings: readonly Float32Array[],
  captions: readonly string[],
  options: { strict?: boolean } = {},
): { i2t: number[]; t2i: number[] } {
  const n = imageEmbeddings.length;
  if (textEmbeddings.length !== n || captions.length !== n) throw new Error('pairs are not aligned');
  const key = captions.map((c) => c.trim().replace(/\s+/g, ' ').toLowerCase());
  const relevant = (i: number, j: number) => i === j || (!options.strict && key[i] === key[j]);
  // A NaN similarity (a broken model) ranks last, never first.
  const sim = imageEmbeddings.map((im) =>
    textEmbeddings.map((t) => {
      const s = dot(im, t);
      return Number.isNaN(s) ? Number.NEGATIVE_INFINITY : s;
    }),
  );
  const rankOfFirstRelevant = (scores: readonly number[], i: number) => {
    let best = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < n; j++) if (relevant(i, j)) best = Math.max(best, scores[j] as number);
    // Rank = 1 + number of irrelevant candidates scoring at least as high as the best relevant one.
    let rank = 1;
    for (let j = 0; j < n; j++) if (!relevant(i, j) && (scores[j] as number) >= best) rank++;
    return rank;
  };
  const i2tRanks = sim.map((row, i) => rankOfFirstRelevant(row, i));
  const t2iRanks = Array.from({ length: n }, (_, j) =>
    rankOfFirstRelevant(
      sim.map((row) => row[j] as number),
      j,
    ),
  );
  return { i2t: i2tRanks, t2i: t2iRanks };
}

export function retrievalMetrics(
  imageEmbeddings: readonly Float32Array[],
  textEmbeddings: readonly Float32Array[],
  captions: readonly string[],
  strict = false,
): RetrievalMetrics {
  const r = retrievalRecall(imageEmbeddings, textEmbeddings, captions, { strict });
  return {
    n: r.n,
    i2t_recall_at_1: r.i2t[1] as number,
    i2t_recall_at_10: r.i2t[10] as number,
    t2i_recall_at_1: r.t2i[1] as number,
    t2i_recall_at_10: r.t2i[10] as number,
  };
}

/**
 * One score per query for paired comparisons of two models on the same pairs (image→text queries first, then
 * text→image): 'recall10' is 1 when the relevant item is within the first 10, else 0; 'rank' is the rank percentile
 * 1 − (rank − 1)/n (1 = first, towards 0 = last). Means over queries give recall@10 and the mean rank percentile.
 */
export function queryScores(
  ranks: { readonly i2t: readonly number[]; readonly t2i: readonly number[] },
  metric: 'recall10' | 'rank',
): number[] {
  const n = ranks.i2t.length;
  const score = (rank: number) => (metric === 'rank' ? 1 - (rank - 1) / n : rank <= 10 ? 1 : 0);
  return [...ranks.i2t, ...ranks.t2i].map(score);
}
