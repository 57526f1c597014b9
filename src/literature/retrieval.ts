import { expansionOf, knownShare, type LoadedAssociation, termAssociation } from './association.js';
import {
  buildEvalIndex,
  evaluateRanking,
  loadRetrievalFiles,
  type RetrievalFiles,
  type RetrievalReport,
} from './eval-retrieval.js';
import type { Query } from './formats.js';
import {
  type CandidateSignals,
  type FusionModel,
  fusionFeatures,
  fusionModel,
  fusionScore,
  LONG_QUERY_TERMS,
} from './fusion.js';
import type { LiteratureIndex } from './index-db.js';
import { lexicalSignals } from './lexical.js';
import { terms } from './text.js';
import type { Article } from './types.js';
import { abstractEmbeddingText, dotF, embedAll, embeddingText } from './vectors.js';

export const RETRIEVAL_METHODS = ['fused', 'bm25'] as const;
export type RetrievalMethod = (typeof RETRIEVAL_METHODS)[number];

export const BM25_DEPTH = 100;
export const DENSE_DEPTH = 50;
/** Candidates added from the whole-abstract vectors, where a collection has them. */
export const ABSTRACT_DENSE_DEPTH = 50;

export interface Candidate extends CandidateSignals {
  readonly id: string;
  readonly rowid: number;
  readonly features: number[];
  readonly fused: number;
}

/** Dense vectors of a fixed article set held in memory, by rowid. */
export interface DenseCorpus {
  readonly rowids: readonly number[];
  /** Vectors of the title (`embeddingText`): the dense candidates come from these. */
  readonly vectors: readonly Float32Array[];
  /** Vectors of the whole title + abstract (`abstractEmbeddingText`), when at hand: the abstract-cosine features. */
  readonly abstractVectors?: readonly Float32Array[];
}

/**
 * Dense vectors of an article set: title vectors always; whole-abstract vectors only when asked (`withAbstracts`):
 * they take 0.1-0.2 s an abstract on one core (10-20 minutes for a 5,000-abstract collection the first time, cached
 * after), for a gain within noise on the dev splits, so evaluations leave them out unless told to.
 */
export async function denseCorpus(
  index: LiteratureIndex,
  articles: readonly { rowid: number; title: string; abstract: string }[],
  withAbstracts = false,
): Promise<DenseCorpus> {
  void index;
  const vectors = await embedAll(articles.map((a) => embeddingText(a.title, a.abstract)));
  const rowids = articles.map((a) => a.rowid);
  if (!withAbstracts) return { rowids, vectors };
  const abstractVectors = await embedAll(articles.map((a) => abstractEmbeddingText(a.title, a.abstract)));
  return { rowids, vectors, abstractVectors };
}

/**
 * Candidates for one query with every signal and the fused score: BM25 top 100 ∪ dense top 50, sorted by the
 * fusion model plus the learned term-association score (`association`, default the committed table; null for none),
 * or by BM25 alone when `model` is null.
 */
export function fuseCandidates(
  index: LiteratureIndex,
  qterms: readonly string[],
  queryVector: Float32Array | undefined,
  dense: DenseCorpus | undefined,
  model: FusionModel | null,
  association: LoadedAssociation | null = termAssociation(),
): Candidate[] {
  const bm = index.bm25(qterms, BM25_DEPTH);
  const byRow = new Map<
    number,
    { id: string; bm25: number; bm25Rank?: number; cosine: number; denseRank?: number }
  >();
  for (const h of bm) byRow.set(h.rowid, { id: h.id, bm25: h.score, bm25Rank: h.rank, cosine: 0 });
  let maxCosine = 0;
  if (queryVector && dense) {
    const sims = dense.vectors.map((v, i) => [dense.rowids[i]!, dotF(queryVector, v)] as const);
    const cos = new Map(sims);
    const top = [...sims].sort((a, b) => b[1] - a[1]).slice(0, DENSE_DEPTH);
    maxCosine = top[0]?.[1] ?? 0;
    top.forEach(([rowid], i) => {
      const e = byRow.get(rowid);
      if (e) e.denseRank = i + 1;
      else {
        const a = index.db.prepare('SELECT id FROM articles WHERE rowid = ?').get(rowid) as { id: string };
        byRow.set(rowid, { id: a.id, bm25: 0, cosine: 0, denseRank: i + 1 });
      }
    });
    if (dense.abstractVectors) {
      const abstractTop = dense.abstractVectors
        .map((v, i) => [dense.rowids[i]!, dotF(queryVector, v)] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, ABSTRACT_DENSE_DEPTH);
      for (const [rowid] of abstractTop)
        if (!byRow.has(rowid)) {
          const a = index.db.prepare('SELECT id FROM articles WHERE rowid = ?').get(rowid) as { id: string };
          byRow.set(rowid, { id: a.id, bm25: 0, cosine: 0 });
        }
    }
    for (const [rowid, e] of byRow) e.cosine = cos.get(rowid) ?? 0;
  }
  const abstractCosine = new Map<number, number>();
  if (queryVector && dense?.abstractVectors) {
    const at = new Map(dense.rowids.map((r, i) => [r, i]));
    for (const rowid of byRow.keys()) {
      const i = at.get(rowid);
      if (i !== undefined) abstractCosine.set(rowid, dotF(queryVector, dense.abstractVectors[i]!));
    }
  }
  const applies =
    association !== null && knownShare(association.rows, qterms) >= (association.model.minKnown ?? 0);
  const expansion = applies ? expansionOf(association.rows, qterms) : undefined;
  const lexical = lexicalSignals(index, qterms, [...byRow.keys()], bm, expansion);
  const signals = new Map<number, CandidateSignals>();
  for (const [rowid, e] of byRow) {
    const ac = abstractCosine.get(rowid);
    signals.set(rowid, {
      ...e,
      ...(ac === undefined ? {} : { abstractCosine: ac }),
      coverage: lexical.get(rowid)!.coverage,
      lexical: lexical.get(rowid)!,
    });
  }
  const maxOf = (f: (s: CandidateSignals) => number) => Math.max(0, ...[...signals.values()].map(f));
  const context = {
    maxBm25: bm[0]?.score ?? 0,
    maxCosine,
    maxAbstractCosine: abstractCosine.size ? Math.max(...abstractCosine.values()) : 0,
    maxTitleBm25: maxOf((s) => s.lexical.titleBm25),
    maxAbstractBm25: maxOf((s) => s.lexical.abstractBm25),
    maxPrfBm25: maxOf((s) => s.lexical.prfBm25),
    queryTerms: qterms.length,
  };
  const maxAssociation = maxOf((s) => s.lexical.association ?? 0);
  const associationWeight = applies
    ? association.model.weight[qterms.length >= LONG_QUERY_TERMS ? 'long' : 'short']
    : 0;
  const out: Candidate[] = [];
  for (const [rowid, e] of byRow) {
    const features = fusionFeatures(signals.get(rowid)!, context);
    const a = signals.get(rowid)!.lexical.association ?? 0;
    const fused =
      model && queryVector
        ? fusionScore(model, features) + (maxAssociation > 0 ? (associationWeight * a) / maxAssociation : 0)
        : e.bm25;
    out.push({ ...signals.get(rowid)!, id: e.id, rowid, features, fused });
  }
  return out.sort((a, b) => b.fused - a.fused || a.id.localeCompare(b.id));
}

export async function evaluateRetrieval(
  corpus: readonly Article[],
  queries: readonly Query[],
  qrels: Map<string, Map<string, number>>,
  method: RetrievalMethod,
  withAbstracts = false,
): Promise<RetrievalReport & { method: string }> {
  const index = buildEvalIndex(corpus);
  try {
    const model = method === 'fused' ? fusionModel() : null;
    if (method === 'bm25' || !model) {
      const r = await evaluateRanking(queries, qrels, (q) => {
        const qt = [...new Set(terms(q.text))];
        return qt.length ? index.bm25(qt, BM25_DEPTH).map((h) => h.id) : [];
      });
      const note = method === 'fused' ? '; fusion model file missing' : '';
      return { ...r, method: `BM25 (SQLite FTS5, tuned field weights)${note}` };
    }
    const rows = index.all();
    const dense = await denseCorpus(index, rows, withAbstracts);
    const judgedQueries = queries.filter((q) => qrels.has(q.id));
    const qvecs = await embedAll(judgedQueries.map((q) => q.text));
    const qvec = new Map(judgedQueries.map((q, i) => [q.id, qvecs[i]!]));
    const r = await evaluateRanking(queries, qrels, (q) => {
      const qt = [...new Set(terms(q.text))];
      if (qt.length === 0) return [];
      return fuseCandidates(index, qt, qvec.get(q.id), dense, model).map((c) => c.id);
    });
    const vectorsUsed = withAbstracts ? 'title and whole-abstract vectors' : 'title vectors';
    const association = termAssociation()
      ? ', plus the learned term association (models/literature/term-association.json)'
      : '';
    return {
      ...r,
      method: `learned fusion of BM25 and ${model.encoder}, ${vectorsUsed} (trained on ${model.trainedOn})${association}`,
    };
  } finally {
    index.close();
  }
}

export async function evaluateRetrievalFiles(
  files: RetrievalFiles,
  method: RetrievalMethod,
  withAbstracts = false,
) {
  const { corpus, queries, qrels } = loadRetrievalFiles(files);
  return evaluateRetrieval(corpus, queries, qrels, method, withAbstracts);
}
