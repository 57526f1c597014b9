/**
 * Patient-grouped k-fold cross-validation over the NON-test patients (train + validation) of the seeded by-patient
 * split, for choosing settings without the test split (issue 19): every patient's crops fall in exactly one fold.
 */
import { groupSplit } from '../../src/ml/split.js';
import { splitByPatient } from '../../src/vision/segmentation/data.js';

/** A fold spec from `--fold k/N` (1 ≤ k ≤ N, 2 ≤ N ≤ 10). */
export interface FoldSpec {
  readonly k: number;
  readonly n: number;
}

export function parseFold(text: string): FoldSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 2 || n > 10 || k < 1 || k > n)
    throw new Error(`--fold must be k/N with 1 ≤ k ≤ N and 2 ≤ N ≤ 10, not ${text}`);
  return { k, n };
}

/**
 * Fold number (1…N) of every train + validation patient of `splitByPatient(cases, splitSeed)`: the patients are
 * shuffled with `foldSeed` and cut into N near-equal groups. Test patients get no fold.
 */
export function patientFolds<T extends { readonly patient: string }>(
  cases: readonly T[],
  splitSeed: number,
  n: number,
  foldSeed: number,
): Map<string, number> {
  const split = splitByPatient(cases, splitSeed);
  const patients = [...new Set([...split.train, ...split.validation].map((c) => c.patient))];
  const cuts = Array.from({ length: n - 1 }, (_, i) => (i + 1) / n);
  const part = groupSplit([patients], cuts, foldSeed);
  return new Map([...part].map(([p, i]) => [p, i + 1]));
}

/** The cases fitted for fold k (every other fold's) and the fold's own held-out cases; test cases are in neither. */
export function foldCases<T extends { readonly patient: string }>(
  cases: readonly T[],
  splitSeed: number,
  fold: FoldSpec,
  foldSeed: number,
): { fit: T[]; held: T[] } {
  const folds = patientFolds(cases, splitSeed, fold.n, foldSeed);
  const fit: T[] = [];
  const held: T[] = [];
  for (const c of cases) {
    const f = folds.get(c.patient);
    if (f === undefined) continue;
    (f === fold.k ? held : fit).push(c);
  }
  return { fit, held };
}
