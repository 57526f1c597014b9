import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { committedModelsDir, readModelJson } from '../ml/model-file.js';
import { type EvidenceLevel, level, type StudyDesign } from './evidence.js';
import { isStopword, termOf, words } from './text.js';
import type { Article } from './types.js';

/**
 * Study design from the abstract alone, for records without publication types or design MeSH: one-vs-rest logistic
 * regressions over a fixed vocabulary of stems and stem bigrams, trained by `scripts/train-literature-design.ts` on
 * weak labels (the design that `designFromIndexing` reads from each record's MeSH / publication types), on an own
 * split by PMID. Answers only when the top class is at least `threshold` likely; otherwise the design stays unknown.
 */

export interface DesignModel {
  readonly format: 'healthgpt.literature-design/1';
  readonly classes: readonly StudyDesign[];
  readonly vocabulary: readonly string[];
  readonly idf: readonly number[];
  /** weights[class][feature] */
  readonly weights: readonly (readonly number[])[];
  readonly bias: readonly number[];
  readonly threshold: number;
  readonly trainedOn: string;
  readonly metrics?: Record<string, unknown>;
}

export function designFeatureKeys(title: string, abstract: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const part of [title, abstract]) {
    let prev: string | undefined;
    for (const w of words(part)) {
      const t = isStopword(w) ? undefined : termOf(w);
      if (!t) {
        prev = undefined;
        continue;
      }
      counts.set(t, (counts.get(t) ?? 0) + 1);
      if (prev) counts.set(`${prev}_${t}`, (counts.get(`${prev}_${t}`) ?? 0) + 1);
      prev = t;
    }
  }
  return counts;
}

/** Sparse L2-normalised tf-idf vector over the model's vocabulary: [index, value] pairs. */
export function designVector(
  m: Pick<DesignModel, 'vocabulary' | 'idf'>,
  index: Map<string, number>,
  title: string,
  abstract: string,
): [number, number][] {
  const out: [number, number][] = [];
  for (const [k, c] of designFeatureKeys(title, abstract)) {
    const i = index.get(k);
    if (i !== undefined) out.push([i, (1 + Math.log(c)) * m.idf[i]!]);
  }
  const n = Math.sqrt(out.reduce((s, [, v]) => s + v * v, 0)) || 1;
  return out.map(([i, v]) => [i, v / n]);
}

export function designProbabilities(
  m: DesignModel,
  index: Map<string, number>,
  title: string,
  abstract: string,
): number[] {
  const x = designVector(m, index, title, abstract);
  return m.classes.map((_, c) => {
    let s = m.bias[c]!;
    for (const [i, v] of x) s += m.weights[c]![i]! * v;
    return 1 / (1 + Math.exp(-s));
  });
}

let loaded: { model: DesignModel; index: Map<string, number> } | null | undefined;

function load(): { model: DesignModel; index: Map<string, number> } | null {
  if (loaded !== undefined) return loaded;
  const path = join(committedModelsDir('literature'), 'design.json');
  if (!existsSync(path)) {
    loaded = null;
    return loaded;
  }
  const model = readModelJson<DesignModel>(path, 'healthgpt.literature-design/1');
  loaded = { model, index: new Map(model.vocabulary.map((v, i) => [v, i])) };
  return loaded;
}

/** Study design from the abstract text (undefined without a model, a short abstract, or an unsure answer). */
export function designFromAbstract(article: Pick<Article, 'title' | 'abstract'>): EvidenceLevel | undefined {
  const m = load();
  if (!m || article.abstract.trim().length < 100) return undefined;
  const p = designProbabilities(m.model, m.index, article.title, article.abstract);
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  if (p[best]! < m.model.threshold) return undefined;
  const design = m.model.classes[best]!;
  return level(
    design,
    'abstract-model',
    `abstract model: P(${design}) = ${p[best]!.toFixed(2)} (no design in the indexing)`,
    Math.round(p[best]! * 1000) / 1000,
  );
}
