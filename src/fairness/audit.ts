import { reliability } from '../ml/calibration.js';
import { bootstrap } from '../ml/metrics.js';
import { fisherLowerTail, holmAdjust } from './stats.js';

/**
 * The subgroup audit, for any engine evaluated on labelled data with group attributes: per group, the share of
 * items the engine got right with a percentile bootstrap interval (`bootstrap` of `src/ml`), the calibration of its
 * confidence (ECE) and, where the items say which cases are must-not-miss, the recall of those; and whether the group
 * is right significantly less often than the rest (one-sided Fisher exact test, Holm-corrected over every tested
 * group). A group is `flagged` when its corrected p-value is below `alpha`.
 */
export interface AuditItem {
  /** Whether the engine's output was right (top-1 diagnosis, classification, …). */
  readonly correct: boolean;
  /** Group attributes of the item, e.g. `{ sex: 'F', age_band: '65+' }`; absent = unknown (in no group of it). */
  readonly attributes: Readonly<Record<string, string | undefined>>;
  /** The engine's confidence in its output (0–1), for calibration. */
  readonly confidence?: number;
  /** For must-not-miss items: whether the engine kept the condition in view (e.g. in its top 5). */
  readonly mustNotMissHit?: boolean;
}

export interface AuditGroup {
  readonly attribute: string;
  readonly value: string;
  readonly n: number;
  /** Share right in the group. */
  readonly value_right: number;
  readonly ci_low: number;
  readonly ci_high: number;
  /** Share right in everyone else (the comparison of the test). */
  readonly rest: number;
  readonly p_value: number;
  /** Holm-adjusted p-value (over every tested group of the audit). */
  readonly p_adjusted: number;
  readonly flagged: boolean;
  /** False when the group or the rest is smaller than `minGroupSize` (reported, not tested). */
  readonly tested: boolean;
  readonly ece?: number;
  readonly must_not_miss_recall?: number;
  readonly must_not_miss_n?: number;
}

export interface AuditReport {
  readonly n: number;
  readonly overall: {
    readonly value_right: number;
    readonly ci_low: number;
    readonly ci_high: number;
    readonly ece?: number;
    readonly must_not_miss_recall?: number;
    readonly must_not_miss_n?: number;
  };
  readonly groups: readonly AuditGroup[];
  readonly method: {
    readonly interval: string;
    readonly test: string;
    readonly correction: string;
    readonly alpha: number;
    readonly resamples: number;
    readonly seed: number;
    readonly min_group_size: number;
  };
}

export interface AuditOptions {
  /** Attributes to audit, in report order (default: every attribute seen, sorted). */
  readonly attributes?: readonly string[];
  readonly alpha?: number;
  readonly resamples?: number;
  readonly seed?: number;
  /** Groups (or rests) smaller than this are reported but not tested (default 10). */
  readonly minGroupSize?: number;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

function summary(items: readonly AuditItem[], resamples: number, seed: number) {
  const outcomes: number[] = items.map((item) => (item.correct ? 1 : 0));
  const estimate =
    outcomes.length > 0
      ? bootstrap((scores) => mean(scores), outcomes, outcomes, { resamples, seed })
      : { value: Number.NaN, low: Number.NaN, high: Number.NaN };
  const withConfidence = items.filter((item) => item.confidence !== undefined);
  const mustNotMiss = items.filter((item) => item.mustNotMissHit !== undefined);
  return {
    hits: outcomes.reduce((a: number, b: number) => a + b, 0),
    value_right: estimate.value,
    ci_low: estimate.low,
    ci_high: estimate.high,
    ...(withConfidence.length > 0
      ? {
          ece: reliability(
            withConfidence.map((item) => item.confidence!),
            withConfidence.map((item) => (item.correct ? 1 : 0)),
          ).ece,
        }
      : {}),
    ...(mustNotMiss.length > 0
      ? {
          must_not_miss_recall: mustNotMiss.filter((item) => item.mustNotMissHit).length / mustNotMiss.length,
          must_not_miss_n: mustNotMiss.length,
        }
      : {}),
  };
}

/** Audits `items` by each attribute's values (see the module comment). */
export function auditSubgroups(items: readonly AuditItem[], options: AuditOptions = {}): AuditReport {
  const alpha = options.alpha ?? 0.05;
  const resamples = options.resamples ?? 1000;
  const seed = options.seed ?? 1;
  const minGroupSize = options.minGroupSize ?? 10;
  const attributes =
    options.attributes ??
    [...new Set(items.flatMap((item) => Object.keys(item.attributes)))].sort((a, b) => a.localeCompare(b));
  const { hits: totalHits, ...overall } = summary(items, resamples, seed);
  const raw: Omit<AuditGroup, 'p_adjusted' | 'flagged'>[] = [];
  for (const attribute of attributes) {
    const values = [
      ...new Set(items.map((item) => item.attributes[attribute]).filter((v) => v !== undefined)),
    ] as string[];
    values.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const value of values) {
      const members = items.filter((item) => item.attributes[attribute] === value);
      const { hits, ...stats } = summary(members, resamples, seed);
      const restN = items.length - members.length;
      const restHits = totalHits - hits;
      const tested = members.length >= minGroupSize && restN >= minGroupSize;
      raw.push({
        attribute,
        value,
        n: members.length,
        ...stats,
        rest: restN > 0 ? restHits / restN : Number.NaN,
        p_value: tested ? fisherLowerTail(hits, members.length, restHits, restN) : 1,
        tested,
      });
    }
  }
  const testedIndices = raw.flatMap((group, i) => (group.tested ? [i] : []));
  const adjusted = holmAdjust(testedIndices.map((i) => raw[i]!.p_value));
  const adjustedOf = new Map(testedIndices.map((i, k) => [i, adjusted[k]!]));
  const groups = raw.map((group, i) => {
    const p = adjustedOf.get(i) ?? 1;
    return { ...group, p_adjusted: p, flagged: group.tested && p < alpha && group.value_right < group.rest };
  });
  return {
    n: items.length,
    overall,
    groups,
    method: {
      interval: 'percentile bootstrap (src/ml bootstrap), 95 %',
      test: 'one-sided Fisher exact test, group vs everyone else (group right less often)',
      correction: 'Holm over every tested group',
      alpha,
      resamples,
      seed,
      min_group_size: minGroupSize,
    },
  };
}

/** The age bands: 0–15, 16–39, 40–64, 65+. */
export const AGE_BANDS = ['0-15', '16-39', '40-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBandOf(ageYears: number): AgeBand {
  if (ageYears <= 15) return '0-15';
  if (ageYears <= 39) return '16-39';
  if (ageYears <= 64) return '40-64';
  return '65+';
}

/** Attribute names of the demographic audit: sex, age band, and their cross. */
export const DEMOGRAPHIC_ATTRIBUTES = ['sex', 'age_band', 'sex_x_age_band'] as const;

/** The demographic attributes of a patient (sex `F`/`M`; either part unknown leaves the cross unknown). */
export function demographicAttributes(patient: {
  readonly sex?: 'M' | 'F' | undefined;
  readonly ageYears?: number | undefined;
}): Record<string, string | undefined> {
  const band = patient.ageYears !== undefined ? ageBandOf(patient.ageYears) : undefined;
  return {
    sex: patient.sex,
    age_band: band,
    sex_x_age_band: patient.sex && band ? `${patient.sex} ${band}` : undefined,
  };
}
