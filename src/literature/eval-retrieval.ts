import { readFileSync, statSync } from 'node:fs';
import { HealthGptError } from '../engine/errors.js';
import { parseCorpusJsonl, parseQrels, parseQueries, type Query } from './formats.js';
import { type FieldWeights, LiteratureIndex } from './index-db.js';
import { hasRelevant, ndcgAtK, type Qrels, recallAtK } from './metrics.js';
import { terms } from './text.js';
import { type Article, MAX_IMPORT_BYTES } from './types.js';

export interface RetrievalReport {
  readonly n: number;
  readonly ndcg_at_10: number;
  readonly recall_at_100: number;
}

export type Ranker = (query: Query, index: LiteratureIndex) => Promise<string[]> | string[];

/** Reads a user-named file with the import size limit and a clear error when it is missing. */
export function readTextFile(path: string, what: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new HealthGptError('not-found', `${what} '${path}': no such file`);
  }
  if (size > MAX_IMPORT_BYTES * 2)
    throw new HealthGptError(
      'too-large',
      `${what} '${path}' is ${size} bytes; the limit is ${MAX_IMPORT_BYTES * 2}`,
    );
  return readFileSync(path, 'utf8');
}

export function buildEvalIndex(corpus: readonly Article[], weights?: FieldWeights): LiteratureIndex {
  const index = new LiteratureIndex(':memory:', weights);
  index.add(corpus, 'eval');
  return index;
}

/** BM25 ranking of the top 100 (or `depth`). */
export function bm25Ranker(depth = 100): Ranker {
  return (q, index) => {
    const qterms = [...new Set(terms(q.text))];
    if (qterms.length === 0) return [];
    return index.bm25(qterms, depth).map((h) => h.id);
  };
}

/** Mean nDCG@10 and recall@100 over the queries that have judgments with a relevant document. */
export async function evaluateRanking(
  queries: readonly Query[],
  qrels: Qrels,
  rank: (q: Query) => Promise<string[]> | string[],
): Promise<RetrievalReport & { perQuery: { id: string; ndcg: number }[] }> {
  let ndcg = 0;
  let recall = 0;
  const perQuery: { id: string; ndcg: number }[] = [];
  for (const q of queries) {
    const judged = qrels.get(q.id);
    if (!hasRelevant(judged)) continue;
    const ranked = await rank(q);
    const nd = ndcgAtK(ranked, judged!, 10);
    ndcg += nd;
    recall += recallAtK(ranked, judged!, 100);
    perQuery.push({ id: q.id, ndcg: nd });
  }
  const n = perQuery.length;
  if (n === 0)
    throw HealthGptError.invalid('no query has a relevant document in the qrels (are the ids the same?)');
  return { n, ndcg_at_10: round(ndcg / n), recall_at_100: round(recall / n), perQuery };
}

export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export interface RetrievalFiles {
  readonly corpus: string;
  readonly queries: string;
  readonly qrels: string;
}

export function loadRetrievalFiles(files: RetrievalFiles): {
  corpus: Article[];
  queries: Query[];
  qrels: Map<string, Map<string, number>>;
} {
  const corpus = parseCorpusJsonl(readTextFile(files.corpus, 'corpus'), files.corpus);
  // An empty corpus would score every query 0: a wrong file, not a result.
  if (corpus.length === 0) throw HealthGptError.invalid(`${files.corpus}: no documents in the corpus`);
  return {
    corpus,
    queries: parseQueries(readTextFile(files.queries, 'queries'), files.queries),
    qrels: parseQrels(readTextFile(files.qrels, 'qrels'), files.qrels),
  };
}
