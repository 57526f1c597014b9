import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stratifiedSplitIndices } from '../ml/split.js';
import { type HeartRow, parseHeartFile } from './heart.js';

/**
 * The benchmark's own train/test split of the shared public files (`heart_disease_4site/`): those files hold every
 * row except FLamby's test rows (kept out of this repository), with `row_index.csv` marking each as a FLamby
 * training row or a row FLamby dropped for missing values. Following FLamby's recipe (per site, stratified, 34 %
 * to test, complete rows only), 34 % of each site's FLamby training rows become the test rows here (seeded
 * stratified split, seed 43 as FLamby's `random_state`, though not sklearn's generator), and the rest plus the rows
 * with missing values are the training rows.
 */
export const HEART_SITES = ['cleveland', 'hungarian', 'switzerland', 'va'] as const;

export function publicHeartSplit(dir: string): {
  train: Map<string, HeartRow[]>;
  test: Map<string, HeartRow[]>;
} {
  const index = readFileSync(join(dir, 'row_index.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.trim().split(','));
  const train = new Map<string, HeartRow[]>();
  const test = new Map<string, HeartRow[]>();
  for (const site of HEART_SITES) {
    const rows = parseHeartFile(readFileSync(join(dir, `processed.${site}.public.data`), 'utf8'), site);
    const roles = index.filter((r) => r[0] === site).map((r) => r[2]);
    if (roles.length !== rows.length)
      throw new Error(`${site}: row_index.csv lists ${roles.length} rows, the file has ${rows.length}`);
    const complete = rows.filter((_, i) => roles[i] === 'flamby_train');
    const withMissing = rows.filter((_, i) => roles[i] !== 'flamby_train');
    const { kept, heldOut } = stratifiedSplitIndices(
      complete.map((r) => r.label),
      0.34,
      43,
    );
    train.set(site, [...kept.map((i) => complete[i] as HeartRow), ...withMissing]);
    test.set(
      site,
      heldOut.map((i) => complete[i] as HeartRow),
    );
  }
  return { train, test };
}
