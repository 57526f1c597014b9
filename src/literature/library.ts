import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HealthGptError } from '../engine/errors.js';
import type { EvidenceLevel } from './evidence.js';
import { detectFormat, type ImportFormat, parseArticles } from './formats.js';
import { fusionModel } from './fusion.js';
import { checkQuery, LiteratureIndex, type SearchFilters } from './index-db.js';
import { fuseCandidates } from './retrieval.js';
import { type Article, MAX_IMPORT_BYTES } from './types.js';
import { embedAll, embeddingText, encoderId, unit } from './vectors.js';

/**
 * The literature library of one installation: `literature.sqlite` in the data folder (its own file and schema
 * version, beside the application store), import and ranked search with explanations.
 */

export const LIBRARY_FILE = 'literature.sqlite';

const open = new Map<string, LiteratureIndex>();

export function openLibrary(dataDir: string): LiteratureIndex {
  const path = dataDir === ':memory:' ? ':memory:' : join(dataDir, LIBRARY_FILE);
  let index = open.get(path);
  if (!index) {
    if (path !== ':memory:') mkdirSync(dataDir, { recursive: true });
    index = new LiteratureIndex(path);
    open.set(path, index);
  }
  return index;
}

export function closeLibraries(): void {
  for (const i of open.values()) i.close();
  open.clear();
}

export interface ImportResult {
  readonly format: ImportFormat;
  readonly added: number;
  readonly replaced: number;
  readonly total: number;
  readonly byDesign: Record<string, number>;
}

/** Parses and adds a whole file; on any error nothing is added. */
export function importArticles(
  index: LiteratureIndex,
  content: string | Buffer,
  name: string,
  options: { format?: ImportFormat; replace?: boolean } = {},
): ImportResult {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  if (bytes > MAX_IMPORT_BYTES)
    throw new HealthGptError(
      'too-large',
      `${name} is ${bytes} bytes; an import may be at most ${MAX_IMPORT_BYTES} bytes (100 MB)`,
    );
  const text = typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
  if (text.includes('\u0000'))
    throw new HealthGptError('unsupported-media-type', `${name} is binary, not text`);
  const format = options.format ?? detectFormat(name, text.slice(0, 200));
  const articles = parseArticles(format, text, name);
  const r = index.add(articles, name, { replace: options.replace ?? false });
  const byDesign: Record<string, number> = {};
  for (const a of articles) {
    const d = index.getById(a.id)!.evidence.design;
    byDesign[d] = (byDesign[d] ?? 0) + 1;
  }
  return { format, ...r, total: index.count(), byDesign };
}

export interface RankWeights {
  readonly relevance: number;
  readonly evidence: number;
  readonly recency: number;
}

/** Shown with every result; adjustable per search. */
export const DEFAULT_RANK_WEIGHTS: RankWeights = { relevance: 0.7, evidence: 0.2, recency: 0.1 };
/** Recency falls by half every this many years. */
export const RECENCY_HALF_LIFE_YEARS = 10;

export interface SearchHit {
  readonly rank: number;
  readonly article: Omit<Article, 'abstract'> & { abstract: string };
  readonly evidence: EvidenceLevel;
  readonly score: number;
  readonly components: { relevance: number; evidence: number; recency: number };
  readonly bm25?: { rank: number; score: number };
  readonly dense?: { cosine: number; rank?: number };
  readonly fused?: number;
  readonly matchedTerms: { term: string; word: string; fields: string[] }[];
}

export interface SearchResult {
  readonly query: string;
  readonly terms: string[];
  readonly method: string;
  readonly weights: RankWeights;
  readonly total: number;
  readonly hits: SearchHit[];
}

export interface SearchOptions extends SearchFilters {
  readonly limit?: number;
  readonly weights?: Partial<RankWeights>;
  /** Re-rank with sentence embeddings and the learned fusion (embeds missing candidates on the way). */
  readonly rerank?: boolean;
  readonly now?: number;
}

export function evidenceScore(e: EvidenceLevel): number {
  return e.level === null ? 0.3 : (6 - e.level) / 5;
}

export function recencyScore(year: number | undefined, now: number): number {
  if (year === undefined) return 0.3;
  return 0.5 ** (Math.max(0, now - year) / RECENCY_HALF_LIFE_YEARS);
}

function checkWeights(w: Partial<RankWeights> | undefined): RankWeights {
  const out = { ...DEFAULT_RANK_WEIGHTS, ...(w ?? {}) };
  for (const [k, v] of Object.entries(out))
    if (!Number.isFinite(v) || v < 0 || v > 10)
      throw HealthGptError.invalid(`weight ${k} must be between 0 and 10 (got ${v})`);
  if (out.relevance + out.evidence + out.recency === 0)
    throw HealthGptError.invalid('at least one weight must be above 0');
  return out;
}

/** Ranked articles with why: BM25 (and, with `rerank`, the dense similarity and fusion), evidence, recency. */
export async function searchLibrary(
  index: LiteratureIndex,
  query: string,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const qterms = checkQuery(query);
  const weights = checkWeights(options.weights);
  const limit = options.limit ?? 20;
  const now = options.now ?? new Date().getUTCFullYear();
  const pool = index.bm25(qterms, Math.max(100, limit), options);
  let method = 'BM25 (SQLite FTS5)';
  let relevance = new Map<number, number>();
  const denseInfo = new Map<number, { cosine: number; rank?: number }>();
  const fusedScore = new Map<number, number>();
  const maxBm = pool[0]?.score ?? 1;
  for (const h of pool) relevance.set(h.rowid, h.score / (maxBm || 1));
  if (options.rerank && pool.length > 0) {
    const model = fusionModel();
    try {
      const id = await encoderId();
      const have = index.vectors(
        pool.map((h) => h.rowid),
        id,
      );
      const missing = pool.filter((h) => !have.has(h.rowid)).map((h) => index.get(h.rowid)!);
      if (missing.length) {
        const vs = await embedAll(missing.map((a) => embeddingText(a.title, a.abstract)));
        index.saveVectors(
          missing.map((a, i) => [a.rowid, [...vs[i]!]]),
          id,
        );
        missing.forEach((a, i) => {
          have.set(a.rowid, vs[i]!);
        });
      }
      const [qv] = await embedAll([query]);
      const dense = {
        rowids: pool.map((h) => h.rowid),
        vectors: pool.map((h) => have.get(h.rowid) ?? unit([0])),
      };
      const cands = fuseCandidates(index, qterms, qv, dense, model).filter((c) => c.bm25Rank !== undefined);
      const lo = Math.min(...cands.map((c) => c.fused));
      const hi = Math.max(...cands.map((c) => c.fused));
      relevance = new Map(cands.map((c) => [c.rowid, hi > lo ? (c.fused - lo) / (hi - lo) : 1]));
      for (const c of cands) {
        denseInfo.set(c.rowid, {
          cosine: Math.round(c.cosine * 1e4) / 1e4,
          ...(c.denseRank ? { rank: c.denseRank } : {}),
        });
        fusedScore.set(c.rowid, Math.round(c.fused * 1e4) / 1e4);
      }
      method = model ? `BM25 + ${id}, learned fusion` : `BM25 + ${id} (no fusion model: BM25 order)`;
    } catch (error) {
      method = `BM25 (SQLite FTS5); re-ranking unavailable: ${(error as Error).message}`;
    }
  }
  const scored = pool.map((h) => {
    const a = index.get(h.rowid)!;
    const components = {
      relevance: Math.round((relevance.get(h.rowid) ?? 0) * 1e4) / 1e4,
      evidence: Math.round(evidenceScore(a.evidence) * 1e4) / 1e4,
      recency: Math.round(recencyScore(a.year, now) * 1e4) / 1e4,
    };
    const score =
      (weights.relevance * components.relevance +
        weights.evidence * components.evidence +
        weights.recency * components.recency) /
      (weights.relevance + weights.evidence + weights.recency);
    return { h, a, components, score };
  });
  scored.sort((x, y) => y.score - x.score || x.h.rank - y.h.rank);
  const hits: SearchHit[] = scored.slice(0, limit).map(({ h, a, components, score }, i) => {
    const { rowid: _rowid, evidence, ...article } = a;
    const d = denseInfo.get(h.rowid);
    const f = fusedScore.get(h.rowid);
    return {
      rank: i + 1,
      article,
      evidence,
      score: Math.round(score * 1e4) / 1e4,
      components,
      bm25: { rank: h.rank, score: Math.round(h.score * 1e4) / 1e4 },
      ...(d ? { dense: d } : {}),
      ...(f !== undefined ? { fused: f } : {}),
      matchedTerms: index.matchedTerms(h.rowid, query),
    };
  });
  return { query, terms: qterms, method, weights, total: pool.length, hits };
}
