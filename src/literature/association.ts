import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { committedModelsDir, readModelJson } from '../ml/model-file.js';

/**
 * A learned term-association table (a translation model in the sense of Berger & Lafferty, 1999): for a stem that
 * appears in queries, the stems that documents judged relevant to those queries hold far more often than documents
 * in general (`bacon` → `nitrit`, `processed`, `colorect` …). A query's expansion is the sum of its stems' rows; a
 * candidate's association score is the share of that expansion's weight its title + abstract holds. The score is
 * added to the fused score with its own weight for short and long queries (`models/literature/term-association.json`,
 * built by `npm run train:literature-association` from NFCorpus **train** queries and judgments only; only stems
 * and weights are stored, no query or document text and no document ids).
 */

export const ASSOCIATION_FORMAT = 'healthgpt.literature-term-association/1';
export const ASSOCIATION_FILE = 'term-association.json';

export interface TermAssociation {
  readonly format: typeof ASSOCIATION_FORMAT;
  readonly trainedOn: string;
  /** Weight of the association score (scaled to the candidates' best) added to the fused score. */
  readonly weight: { readonly short: number; readonly long: number };
  /** The term applies only when at least this share of the query's distinct stems has a row (default 0). */
  readonly minKnown?: number;
  /** The document stems the rows point to, each once. */
  readonly vocabulary: readonly string[];
  /** Query stem → pairs of (index into `vocabulary`, weight), strongest first. */
  readonly rows: Readonly<Record<string, readonly (readonly [number, number])[]>>;
  readonly settings?: Record<string, number>;
  readonly metrics?: Record<string, number>;
}

export interface AssociationExample {
  /** The query's distinct stems. */
  readonly qterms: readonly string[];
  /** Its relevant documents' distinct stems with their relevance grade (> 0). */
  readonly relevant: readonly { readonly stems: ReadonlySet<string>; readonly grade: number }[];
}

export interface AssociationSettings {
  /** Pseudo-queries of the background rate mixed into each row (shrinks rows seen in few queries). */
  readonly prior: number;
  /** Stems kept per row. */
  readonly perRow: number;
  /** A query stem gets a row only when this many training queries hold it. */
  readonly minQueries: number;
}

export const DEFAULT_ASSOCIATION_SETTINGS: AssociationSettings = { prior: 2, perRow: 100, minQueries: 1 };

/**
 * Rows of the table from training queries: p(b | a) is the mean, over training queries holding stem a, of the
 * grade-weighted share of their relevant documents that hold stem b, shrunk towards the background rate df(b)/n with
 * `prior` pseudo-queries; a row keeps the `perRow` stems with the largest log(p(b | a) / (df(b)/n)) > 0.
 */
export function buildAssociationRows(
  examples: readonly AssociationExample[],
  df: (stem: string) => number,
  n: number,
  settings: AssociationSettings = DEFAULT_ASSOCIATION_SETTINGS,
): Map<string, [string, number][]> {
  const sums = new Map<string, Map<string, number>>();
  const queriesWith = new Map<string, number>();
  for (const ex of examples) {
    const total = ex.relevant.reduce((s, r) => s + r.grade, 0);
    if (total <= 0) continue;
    const share = new Map<string, number>();
    for (const r of ex.relevant) for (const b of r.stems) share.set(b, (share.get(b) ?? 0) + r.grade / total);
    for (const a of new Set(ex.qterms)) {
      queriesWith.set(a, (queriesWith.get(a) ?? 0) + 1);
      const row = sums.get(a) ?? new Map<string, number>();
      sums.set(a, row);
      for (const [b, v] of share) row.set(b, (row.get(b) ?? 0) + v);
    }
  }
  const rows = new Map<string, [string, number][]>();
  for (const [a, row] of sums) {
    const k = queriesWith.get(a)!;
    if (k < settings.minQueries) continue;
    const kept: [string, number][] = [];
    for (const [b, v] of row) {
      const background = Math.max(df(b), 1) / n;
      const w = Math.log((v + settings.prior * background) / (k + settings.prior) / background);
      if (w > 0) kept.push([b, w]);
    }
    kept.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    if (kept.length) rows.set(a, kept.slice(0, settings.perRow));
  }
  return rows;
}

/** Share of the query's distinct stems that have a row. */
export function knownShare(
  rows: (stem: string) => readonly (readonly [string, number])[] | undefined,
  qterms: readonly string[],
): number {
  const distinct = [...new Set(qterms)];
  return distinct.length ? distinct.filter((t) => rows(t) !== undefined).length / distinct.length : 0;
}

/** A query's expansion: the sum of its stems' rows, as stem → weight (empty when no stem has a row). */
export type Expansion = ReadonlyMap<string, number>;

export function expansionOf(
  rows: (stem: string) => readonly (readonly [string, number])[] | undefined,
  qterms: readonly string[],
): Expansion {
  const e = new Map<string, number>();
  for (const a of new Set(qterms)) for (const [b, w] of rows(a) ?? []) e.set(b, (e.get(b) ?? 0) + w);
  return e;
}

/** Share of the expansion's weight held by a document's stems (0 to 1; 0 for an empty expansion). */
export function associationScore(expansion: Expansion, stems: ReadonlySet<string>): number {
  let total = 0;
  let held = 0;
  for (const [b, w] of expansion) {
    total += w;
    if (stems.has(b)) held += w;
  }
  return total > 0 ? held / total : 0;
}

/** The committed table as a row lookup, with its weights. */
export interface LoadedAssociation {
  readonly model: TermAssociation;
  readonly rows: (stem: string) => readonly (readonly [string, number])[] | undefined;
}

export function loadedAssociation(model: TermAssociation): LoadedAssociation {
  const cache = new Map<string, [string, number][]>();
  return {
    model,
    rows: (stem) => {
      if (!Object.hasOwn(model.rows, stem)) return undefined;
      let r = cache.get(stem);
      if (!r) {
        r = model.rows[stem]!.map(([i, w]) => [model.vocabulary[i]!, w]);
        cache.set(stem, r);
      }
      return r;
    },
  };
}

let loaded: LoadedAssociation | null | undefined;

/** The committed term-association table, or null when the file is missing (no association term then). */
export function termAssociation(): LoadedAssociation | null {
  if (loaded !== undefined) return loaded;
  const path = join(committedModelsDir('literature'), ASSOCIATION_FILE);
  loaded = existsSync(path)
    ? loadedAssociation(readModelJson<TermAssociation>(path, ASSOCIATION_FORMAT))
    : null;
  return loaded;
}

/** Packs rows for the model file: one shared vocabulary, weights rounded to 3 decimals. */
export function packRows(rows: ReadonlyMap<string, readonly (readonly [string, number])[]>): {
  vocabulary: string[];
  rows: Record<string, [number, number][]>;
} {
  const vocabulary: string[] = [];
  const at = new Map<string, number>();
  const out: Record<string, [number, number][]> = {};
  for (const a of [...rows.keys()].sort()) {
    out[a] = rows.get(a)!.map(([b, w]) => {
      let i = at.get(b);
      if (i === undefined) {
        i = vocabulary.length;
        at.set(b, i);
        vocabulary.push(b);
      }
      return [i, Math.round(w * 1e3) / 1e3];
    });
  }
  return { vocabulary, rows: out };
}
