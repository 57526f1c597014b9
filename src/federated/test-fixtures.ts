import { seededRandom } from '../ml/random.js';
import type { HeartRow } from './heart.js';

/**
 * Synthetic heart-disease-like rows for tests (hand-made generator, no real record): plausible ranges, some values
 * missing, and a label drawn from a logistic function of age, sex, chest pain, max heart rate and exercise angina,
 * with a site-specific base rate (label shift between sites).
 */
export function syntheticSite(n: number, seed: number, baseRate = 0): HeartRow[] {
  const random = seededRandom(seed);
  const rows: HeartRow[] = [];
  for (let i = 0; i < n; i++) {
    const age = 35 + Math.floor(random() * 40);
    const sex = random() < 0.7 ? 1 : 0;
    const cp = 1 + Math.floor(random() * 4);
    const trestbps = 100 + Math.floor(random() * 80);
    const chol = random() < 0.1 ? Number.NaN : 150 + Math.floor(random() * 200);
    const fbs = random() < 0.15 ? 1 : 0;
    const restecg = Math.floor(random() * 3);
    const thalach = 90 + Math.floor(random() * 100);
    const exang = random() < 0.35 ? 1 : 0;
    const oldpeak = Math.round(random() * 40) / 10;
    const z =
      baseRate +
      0.06 * (age - 55) +
      0.8 * sex +
      (cp === 4 ? 1.5 : 0) -
      0.03 * (thalach - 140) +
      1.2 * exang +
      0.5 * oldpeak -
      0.8;
    const label = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    rows.push({ raw: [age, sex, cp, trestbps, chol, fbs, restecg, thalach, exang, oldpeak], label });
  }
  return rows;
}

/** Rows in the UCI processed text format (`?` for missing; num 0 or 1). */
export function toUciText(rows: readonly HeartRow[]): string {
  return `${rows
    .map((r) =>
      [...r.raw.map((v) => (Number.isNaN(v) ? '?' : String(v))), '?', '?', '?', String(r.label)].join(','),
    )
    .join('\n')}\n`;
}
