/**
 * Retrieval and screening metrics, computed as the reference tools do:
 *  - nDCG@k with linear graded gains (gain = grade, discount log2(rank + 1)), as pytrec_eval / trec_eval `ndcg_cut`
 *    which BEIR uses; the ideal ranking is built from every judged document of the query;
 *  - recall@k = relevant (grade > 0) in the top k / all relevant, as pytrec_eval `recall_k`;
 *  - queries without any relevant document are skipped (BEIR evaluates only queries pytrec_eval can score).
 *  - WSS@r and recall at a screened fraction as asreview-insights computes them (priors left out; see `wssAt`), and
 *    Cohen 2006's WSS for comparison (`wssCohen`).
 */

export type Qrels = ReadonlyMap<string, ReadonlyMap<string, number>>;

export function ndcgAtK(ranked: readonly string[], judged: ReadonlyMap<string, number>, k: number): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    const g = judged.get(ranked[i]!) ?? 0;
    if (g > 0) dcg += g / Math.log2(i + 2);
  }
  const ideal = [...judged.values()]
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  let idcg = 0;
  ideal.forEach((g, i) => {
    idcg += g / Math.log2(i + 2);
  });
  return idcg === 0 ? 0 : dcg / idcg;
}

export function recallAtK(ranked: readonly string[], judged: ReadonlyMap<string, number>, k: number): number {
  let total = 0;
  for (const g of judged.values()) if (g > 0) total++;
  if (total === 0) return 0;
  let found = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if ((judged.get(ranked[i]!) ?? 0) > 0) found++;
  return found / total;
}

/** Whether a query counts in the mean (it has at least one relevant document). */
export function hasRelevant(judged: ReadonlyMap<string, number> | undefined): boolean {
  if (!judged) return false;
  for (const g of judged.values()) if (g > 0) return true;
  return false;
}

/** numpy's `round`: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Work saved over sampling at recall `r`, as asreview-insights computes it (`asreview metrics`): `labelsInOrder` is
 * the screening order AFTER the prior records (ASReview leaves the priors out of both the record count and the
 * relevant count). The level is the largest count of relevant records T with T / relevant ≤ r; the reviewer has read
 * r_T records when the T-th relevant one appears, and a random order (relevant found after k records =
 * round-half-even(relevant · k / (N − 1)), numpy's rounded linspace) first reaches T after k_T. WSS = (k_T − r_T) / N.
 * For large sets this is ≈ (TN + FN) / N − (1 − r) (Cohen 2006); for small relevant counts the two differ, see
 * `wssCohen`.
 */
export function wssAt(labelsInOrder: readonly number[], r = 0.95): number {
  const n = labelsInOrder.length;
  const total = labelsInOrder.reduce((s, x) => s + x, 0);
  if (total === 0 || n === 0) return 0;
  let level = 0;
  for (let k = 1; k <= total; k++) if (k / total <= r) level = k;
  // asreview-insights indexes y[i − 1] with i = 0 when even one record is above r: Python's y[-1], the last level.
  if (level === 0) level = total;
  let found = 0;
  let reviewed = n;
  for (let i = 0; i < n; i++) {
    found += labelsInOrder[i]!;
    if (found >= level) {
      reviewed = i;
      break;
    }
  }
  const step = n > 1 ? total / (n - 1) : 0;
  let randomReviewed = n;
  for (let i = 0; i < n; i++) {
    const expected = i === n - 1 && n > 1 ? total : roundHalfEven(i * step);
    if (expected >= level) {
      randomReviewed = i;
      break;
    }
  }
  return (randomReviewed - reviewed) / n;
}

/**
 * Cohen 2006's WSS at recall `r` on a screening order: stop at the first point where ≥ r of the relevant records are
 * found; (TN + FN) / N − (1 − r) = (N − reviewed) / N − (1 − r).
 */
export function wssCohen(labelsInOrder: readonly number[], r = 0.95): number {
  const n = labelsInOrder.length;
  const total = labelsInOrder.reduce((s, x) => s + x, 0);
  if (total === 0 || n === 0) return 0;
  const need = Math.ceil(r * total - 1e-9);
  let found = 0;
  let reviewed = n;
  for (let i = 0; i < n; i++) {
    found += labelsInOrder[i]!;
    if (found >= need) {
      reviewed = i + 1;
      break;
    }
  }
  return (n - reviewed) / n - (1 - r);
}

/**
 * Recall after screening `fraction` of the records, as asreview-insights computes it: the order after the priors, the
 * largest record count k with k / N ≤ fraction.
 */
export function recallAtFraction(labelsInOrder: readonly number[], fraction: number): number {
  const n = labelsInOrder.length;
  const total = labelsInOrder.reduce((s, x) => s + x, 0);
  if (total === 0) return 0;
  let upto = 0;
  for (let k = 1; k <= n; k++) if (k / n <= fraction) upto = k;
  let found = 0;
  for (let i = 0; i < upto; i++) found += labelsInOrder[i]!;
  return found / total;
}
