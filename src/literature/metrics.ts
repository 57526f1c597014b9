/**
 * Retrieval and screening metrics, computed as the reference tools do:
 *  - nDCG@k with linear graded gains (gain = grade, discount log2(rank + 1)), as pytrec_eval / trec_eval `ndcg_cut`
 *    which BEIR uses; the ideal ranking is built from every judged document of the query;
 *  - recall@k = relevant (grade > 0) in the top k / all relevant, as pytrec_eval `recall_k`;
 *  - queries without any relevant document are skipped (BEIR evaluates only queries pytrec_eval can score).
 *  - WSS@r (Cohen 2006): (N − reviewed until r·relevant found) / N − (1 − r), on a screening order.
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

/**
 * Work saved over sampling at recall `r`: `labels` in screening order (1 = included). The reviewer stops once
 * ceil(r · included) are found.
 */
export function wssAt(labelsInOrder: readonly number[], r = 0.95): number {
  const n = labelsInOrder.length;
  const total = labelsInOrder.reduce((s, x) => s + x, 0);
  if (total === 0 || n === 0) return 0;
  const need = Math.ceil(r * total);
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

/** Fraction of included records found after screening the first `fraction` of all records. */
export function recallAtFraction(labelsInOrder: readonly number[], fraction: number): number {
  const n = labelsInOrder.length;
  const total = labelsInOrder.reduce((s, x) => s + x, 0);
  if (total === 0) return 0;
  const upto = Math.round(fraction * n);
  let found = 0;
  for (let i = 0; i < upto; i++) found += labelsInOrder[i]!;
  return found / total;
}
