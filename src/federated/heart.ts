import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { HealthGptError } from '../engine/errors.js';

/**
 * UCI Heart Disease, "processed" 14-column files (age, sex, cp, trestbps, chol, fbs, restecg, thalach, exang,
 * oldpeak, slope, ca, thal, num; `?` = missing; num > 0 = disease). As FLamby's Fed-Heart-Disease, slope, ca and thal
 * are not used (mostly missing outside Cleveland). Cholesterol and resting blood pressure of 0 (Switzerland records
 * cholesterol as 0 throughout) are missing values, not measurements.
 */
export interface HeartRow {
  /** The 10 used raw values, NaN where missing. */
  readonly raw: readonly number[];
  readonly label: 0 | 1;
}

export const RAW_COLUMNS = [
  'age',
  'sex',
  'cp',
  'trestbps',
  'chol',
  'fbs',
  'restecg',
  'thalach',
  'exang',
  'oldpeak',
] as const;

/** The encoded features (before standardisation); `chol_missing` flags a missing cholesterol. */
export const FEATURES = [
  'age',
  'sex',
  'cp_2',
  'cp_3',
  'cp_4',
  'trestbps',
  'chol',
  'chol_missing',
  'fbs',
  'restecg_1',
  'restecg_2',
  'thalach',
  'exang',
  'oldpeak',
] as const;
export const FEATURE_COUNT = FEATURES.length;

export function parseHeartFile(text: string, source = 'file'): HeartRow[] {
  const rows: HeartRow[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== 14)
      throw HealthGptError.invalid(
        `${source} line ${index + 1}: ${cells.length} columns, the UCI processed format has 14`,
      );
    const value = (c: string) => (c === '?' || c === '' ? Number.NaN : Number(c));
    const numbers = cells.map(value);
    if (cells.some((c, i) => c !== '?' && c !== '' && !Number.isFinite(numbers[i])))
      throw HealthGptError.invalid(`${source} line ${index + 1}: a cell is neither a number nor '?'`);
    const num = numbers[13] as number;
    if (!Number.isFinite(num)) throw HealthGptError.invalid(`${source} line ${index + 1}: no outcome (num)`);
    const raw = numbers.slice(0, 10);
    // 0 mmHg and 0 mg/dl are not measurements.
    if (raw[3] === 0) raw[3] = Number.NaN;
    if (raw[4] === 0) raw[4] = Number.NaN;
    rows.push({ raw, label: num > 0 ? 1 : 0 });
  });
  return rows;
}

/** `<site>.data` files of a folder, by site name (sorted). */
export function readSiteFolder(dir: string): Map<string, HeartRow[]> {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.data'))
      .sort();
  } catch (error) {
    throw new HealthGptError('not-found', `cannot read folder '${dir}': ${(error as Error).message}`);
  }
  if (names.length === 0) throw HealthGptError.invalid(`'${dir}' holds no <site>.data file`);
  const out = new Map<string, HeartRow[]>();
  for (const name of names) {
    const site = basename(name, '.data');
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/i.test(site))
      throw HealthGptError.invalid(`site name '${site}' must be letters, digits, '-' or '_'`);
    out.set(site, parseHeartFile(readFileSync(join(dir, name), 'utf8'), name));
  }
  return out;
}

/** One row's encoded features, NaN where missing (before standardisation). */
export function encodeRow(row: HeartRow): number[] {
  const [age, sex, cp, trestbps, chol, fbs, restecg, thalach, exang, oldpeak] = row.raw as number[];
  const oneHot = (v: number | undefined, level: number) =>
    v === undefined || Number.isNaN(v) ? Number.NaN : v === level ? 1 : 0;
  return [
    age as number,
    sex as number,
    oneHot(cp, 2),
    oneHot(cp, 3),
    oneHot(cp, 4),
    trestbps as number,
    chol as number,
    Number.isNaN(chol) ? 1 : 0,
    fbs as number,
    oneHot(restecg, 1),
    oneHot(restecg, 2),
    thalach as number,
    exang as number,
    oldpeak as number,
  ];
}

/**
 * The statistics one site contributes for standardisation: per feature, the count of present values, their sum and
 * their sum of squares (3 × features values), then the row count. Summed over sites (by secure aggregation) they
 * give the pooled mean and standard deviation; no row leaves the site.
 */
export function siteStatistics(rows: readonly HeartRow[]): number[] {
  const count = new Array(FEATURE_COUNT).fill(0);
  const sum = new Array(FEATURE_COUNT).fill(0);
  const sumSq = new Array(FEATURE_COUNT).fill(0);
  for (const row of rows) {
    encodeRow(row).forEach((v, j) => {
      if (Number.isNaN(v)) return;
      count[j]++;
      sum[j] += v;
      sumSq[j] += v * v;
    });
  }
  return [...count, ...sum, ...sumSq, rows.length];
}

export interface Standardiser {
  readonly mean: readonly number[];
  readonly sd: readonly number[];
}

export function standardiserFrom(summed: readonly number[]): Standardiser {
  const mean: number[] = [];
  const sd: number[] = [];
  for (let j = 0; j < FEATURE_COUNT; j++) {
    const n = summed[j] as number;
    const s = summed[FEATURE_COUNT + j] as number;
    const ss = summed[2 * FEATURE_COUNT + j] as number;
    const m = n > 0 ? s / n : 0;
    const variance = n > 1 ? Math.max(0, (ss - n * m * m) / (n - 1)) : 0;
    mean.push(m);
    sd.push(variance > 1e-12 ? Math.sqrt(variance) : 1);
  }
  return { mean, sd };
}

/** Standardised features; a missing value becomes 0 (the pooled mean). */
export function featurise(rows: readonly HeartRow[], standardiser: Standardiser): number[][] {
  return rows.map((row) =>
    encodeRow(row).map((v, j) =>
      Number.isNaN(v) ? 0 : (v - (standardiser.mean[j] as number)) / (standardiser.sd[j] as number),
    ),
  );
}
