import { isStopword, termOf as stemOf, words } from './text.js';

/**
 * Sparse TF-IDF vectors for screening: unigram stems and optionally bigrams of stems (stop words dropped), optionally
 * the title's stems again as title features and the record's keywords (MeSH) as their own features, hashed into 2^20 buckets, sublinear tf, L2-normalised.
 */

export interface SparseVector {
  readonly idx: Int32Array;
  readonly val: Float32Array;
}

export const HASH_BITS = 20;
const MASK = (1 << HASH_BITS) - 1;

function hash(s: string): number {
  // FNV-1a 32-bit
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

export interface FeatureOptions {
  readonly bigrams: boolean;
  readonly keywords: boolean;
  /** Features seen in fewer documents are dropped. */
  readonly minDf: number;
  /** Title terms also counted as their own `t:` features (a word in the title weighs apart from the same word in the abstract), this many times (0 = not). */
  readonly titleTerms?: number;
  /** Term frequency as 1 + ln tf (default) or raw counts (scikit-learn's TfidfVectorizer default, as ASReview). */
  readonly rawTf?: boolean;
  /** Each MeSH keyword counted this many times (default 1). */
  readonly keywordWeight?: number;
  /** Character n-grams of this length inside words of the title and abstract as extra `c:` features (0 = none). */
  readonly charNgrams?: number;
  /** Surface words instead of Porter stems. */
  readonly noStem?: boolean;
}

/** Chosen with the learner on the tuning topics (ADHD, AtypicalAntipsychotics, Estrogens). */
export const DEFAULT_FEATURES: FeatureOptions = { bigrams: false, keywords: true, minDf: 1, titleTerms: 1 };

export interface FeatureText {
  readonly title: string;
  readonly abstract: string;
  readonly keywords?: readonly string[];
}

function rawCounts(r: FeatureText, o: FeatureOptions): Map<number, number> {
  const termOf = o.noStem ? (w: string) => (/^\d+$/.test(w) && w.length > 4 ? undefined : w) : stemOf;
  const counts = new Map<number, number>();
  const add = (key: string, times = 1) => {
    const h = hash(key);
    counts.set(h, (counts.get(h) ?? 0) + times);
  };
  if (o.titleTerms)
    for (const w of words(r.title)) {
      const t = isStopword(w) ? undefined : termOf(w);
      if (t) add(`t:${t}`, o.titleTerms);
    }
  for (const part of [r.title, r.abstract]) {
    let prev: string | undefined;
    for (const w of words(part)) {
      const t = isStopword(w) ? undefined : termOf(w);
      if (!t) {
        prev = undefined;
        continue;
      }
      add(t);
      if (o.charNgrams && w.length > o.charNgrams)
        for (let i = 0; i + o.charNgrams <= w.length; i++) add(`c:${w.slice(i, i + o.charNgrams)}`);
      if (o.bigrams && prev) add(`${prev}_${t}`);
      prev = t;
    }
  }
  if (o.keywords)
    for (const k of r.keywords ?? []) if (k.trim()) add(`kw:${k.trim().toLowerCase()}`, o.keywordWeight ?? 1);
  return counts;
}

/** TF-IDF vectors of a whole record set (the idf is the set's own, as a reviewer's project would have). */
export function tfidfVectors(
  records: readonly FeatureText[],
  o: FeatureOptions = DEFAULT_FEATURES,
): { vectors: SparseVector[]; dim: number } {
  const raw = records.map((r) => rawCounts(r, o));
  const df = new Map<number, number>();
  for (const c of raw) for (const k of c.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  // Hashed features kept (df ≥ minDf) get consecutive ids, so a model's weights are as long as the set's vocabulary.
  const local = new Map<number, number>();
  for (const [k, d] of df) if (d >= o.minDf) local.set(k, local.size);
  const n = records.length;
  const vectors = raw.map((c) => {
    const entries: [number, number][] = [];
    for (const [k, tf] of c) {
      const id = local.get(k);
      if (id === undefined) continue;
      entries.push([id, (o.rawTf ? tf : 1 + Math.log(tf)) * (Math.log((n + 1) / (df.get(k)! + 1)) + 1)]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    let norm = 0;
    for (const [, v] of entries) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    return {
      idx: Int32Array.from(entries.map((e) => e[0])),
      val: Float32Array.from(entries.map((e) => e[1] / norm)),
    };
  });
  return { vectors, dim: local.size };
}

export function dot(w: Float64Array, x: SparseVector): number {
  let s = 0;
  for (let i = 0; i < x.idx.length; i++) s += w[x.idx[i]!]! * x.val[i]!;
  return s;
}

/**
 * Sparse vectors with a dense block appended (sentence vectors, unit length, scaled by `weight`) after the sparse
 * block's `dim` features: a linear model then weighs words and the sentence vector together.
 */
export function withDense(
  sparse: readonly SparseVector[],
  dim: number,
  dense: readonly Float32Array[],
  weight: number,
): { vectors: SparseVector[]; dim: number } {
  const width = dense[0]?.length ?? 0;
  const vectors = sparse.map((x, i) => {
    const d = dense[i]!;
    const idx = new Int32Array(x.idx.length + width);
    const val = new Float32Array(x.val.length + width);
    idx.set(x.idx);
    val.set(x.val);
    for (let j = 0; j < width; j++) {
      idx[x.idx.length + j] = dim + j;
      val[x.val.length + j] = weight * d[j]!;
    }
    return { idx, val };
  });
  return { vectors, dim: dim + width };
}
