import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { committedModelsDir, readModelJson } from '../ml/model-file.js';

/**
 * The learned fusion of lexical and dense evidence: a logistic regression over per-candidate features, trained on
 * NFCorpus training queries by `scripts/train-literature.ts` (weights in `models/literature/fusion.json`, card in
 * `models/literature/README.md`). Candidates are the union of the BM25 top 100 and the dense top 50.
 */

const BASE_FEATURES = [
  'bm25_norm',
  'bm25_rrank',
  'in_bm25',
  'cosine',
  'cosine_gap',
  'dense_rrank',
  'term_coverage',
  'idf_coverage',
  'title_coverage',
  'title_bm25_norm',
  'abstract_bm25_norm',
  'adjacent_pairs',
  'window_pairs',
  'prf_bm25_norm',
  'abstract_cosine',
  'abstract_cosine_gap',
] as const;

/** Base features that need the whole-abstract vector; without one they take the model's mean (no contribution). */
export const ABSTRACT_FEATURES: readonly string[] = ['abstract_cosine', 'abstract_cosine_gap'];

/** A query of this many distinct terms or more (a claim, a sentence) gets its own copy of every weight. */
export const LONG_QUERY_TERMS = 6;

/** The base features, then each again for long queries only (0 for short ones). */
export const FUSION_FEATURES: readonly string[] = [
  ...BASE_FEATURES,
  ...BASE_FEATURES.map((f) => `long_query*${f}`),
];

export interface CandidateSignals {
  /** BM25 score (0 when not a BM25 candidate) and rank (undefined when not one). */
  readonly bm25: number;
  readonly bm25Rank?: number;
  readonly cosine: number;
  readonly denseRank?: number;
  /** Cosine of the query to the whole title + abstract (undefined when that vector is not at hand). */
  readonly abstractCosine?: number;
  /** Share of the query's terms found in the article. */
  readonly coverage: number;
  /** Lexical detail (`lexical.ts`): IDF-weighted coverage, title coverage, per-field BM25, term proximity, PRF. */
  readonly lexical: LexicalSignals;
}

export interface LexicalSignals {
  /** Share of the query's terms found in the article. */
  readonly coverage: number;
  readonly idfCoverage: number;
  readonly titleCoverage: number;
  /** FTS5 BM25 of the title alone and the abstract alone (0 when no query term is in that field). */
  readonly titleBm25: number;
  readonly abstractBm25: number;
  /** Share of the query's neighbouring term pairs found next to each other in the article. */
  readonly adjacentPairs: number;
  /** Share of the query's term pairs found within 8 terms of each other. */
  readonly windowPairs: number;
  /** BM25 of the pseudo-relevance-feedback expansion terms (RM3-style, from the BM25 top 10). */
  readonly prfBm25: number;
  /** Share of the query's learned term-association expansion held by the article (`association.ts`); 0 without one. */
  readonly association?: number;
}

export interface QueryContext {
  readonly maxBm25: number;
  readonly maxCosine: number;
  /** Best abstract cosine among the query's candidates. */
  readonly maxAbstractCosine: number;
  readonly maxTitleBm25: number;
  readonly maxAbstractBm25: number;
  readonly maxPrfBm25: number;
  /** Distinct terms of the query. */
  readonly queryTerms: number;
}

const scaled = (x: number, max: number) => (max > 0 ? x / max : 0);

export function fusionFeatures(c: CandidateSignals, q: QueryContext): number[] {
  const base = [
    scaled(c.bm25, q.maxBm25),
    c.bm25Rank ? 1 / Math.log2(c.bm25Rank + 1) : 0,
    c.bm25Rank ? 1 : 0,
    c.cosine,
    c.cosine - q.maxCosine,
    c.denseRank ? 1 / Math.log2(c.denseRank + 1) : 0,
    c.coverage,
    c.lexical.idfCoverage,
    c.lexical.titleCoverage,
    scaled(c.lexical.titleBm25, q.maxTitleBm25),
    scaled(c.lexical.abstractBm25, q.maxAbstractBm25),
    c.lexical.adjacentPairs,
    c.lexical.windowPairs,
    scaled(c.lexical.prfBm25, q.maxPrfBm25),
    c.abstractCosine ?? Number.NaN,
    c.abstractCosine === undefined ? Number.NaN : c.abstractCosine - q.maxAbstractCosine,
  ];
  const long = q.queryTerms >= LONG_QUERY_TERMS ? 1 : 0;
  return [...base, ...base.map((x) => x * long)];
}

export interface FusionModel {
  readonly format: 'healthgpt.literature-fusion/1';
  readonly features: readonly string[];
  readonly weights: readonly number[];
  readonly bias: number;
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly encoder: string;
  readonly trainedOn: string;
  readonly metrics?: Record<string, number>;
}

/** A feature's standardised value; a missing one (NaN: no abstract vector) is the training mean, so it adds 0. */
function standardised(m: FusionModel, x: readonly number[], i: number): number {
  const v = x[i]!;
  return Number.isNaN(v) ? 0 : (v - m.mean[i]!) / (m.scale[i] || 1);
}

export function fusionScore(m: FusionModel, x: readonly number[]): number {
  let s = m.bias;
  for (let i = 0; i < x.length; i++) s += m.weights[i]! * standardised(m, x, i);
  return s;
}

/** Each feature's contribution to one candidate's fused score (for explanations). */
export function fusionContributions(
  m: FusionModel,
  x: readonly number[],
): { feature: string; value: number | null; contribution: number }[] {
  return x.map((v, i) => ({
    feature: m.features[i]!,
    value: Number.isNaN(v) ? null : Math.round(v * 1e4) / 1e4,
    contribution: Math.round(m.weights[i]! * standardised(m, x, i) * 1e4) / 1e4 || 0,
  }));
}

/**
 * Which SciFact training claims the fusion was fitted on: those with an even id. The odd ones are never used for a
 * choice, and `npm run bench:literature` reports them.
 */
export function isFusionTrainingClaim(id: string): boolean {
  return /^\d+$/.test(id) && Number(id) % 2 === 0;
}

export const FUSION_FILE = 'fusion.json';

let loaded: FusionModel | null | undefined;

/** The committed fusion model, or null when the file is missing. */
export function fusionModel(): FusionModel | null {
  if (loaded !== undefined) return loaded;
  const path = join(committedModelsDir('literature'), FUSION_FILE);
  const m = existsSync(path) ? readModelJson<FusionModel>(path, 'healthgpt.literature-fusion/1') : null;
  // A model file written for another feature list cannot score these features: treat it as missing (BM25 order).
  loaded = m && m.features.join(',') === FUSION_FEATURES.join(',') ? m : null;
  return loaded;
}
