/**
 * Shared pieces of the validation-only comparisons (soup.ts, flip-tta.ts): the validation crops of a model fitted on
 * the training patients only, per-crop summaries, and the paired patient-cluster bootstrap of a Dice gain.
 */
import { join, resolve } from 'node:path';
import { bootstrap } from '../../src/ml/metrics.js';
import { readFloat32Tensors, readModelJson } from '../../src/ml/model-file.js';
import {
  type LoadedCase,
  loadCase,
  readSegmentationSet,
  splitByPatient,
} from '../../src/vision/segmentation/data.js';
import type { CaseResult } from '../../src/vision/segmentation/evaluate.js';
import { SEGMENTATION_FORMAT, type SegmentationModelFile } from '../../src/vision/segmentation/model.js';

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A model folder's header and weights. */
export function readSegmentationModel(dir: string): {
  header: SegmentationModelFile;
  weights: Map<string, Float32Array>;
} {
  const header = readModelJson<SegmentationModelFile>(join(dir, 'model.json'), SEGMENTATION_FORMAT);
  return { header, weights: readFloat32Tensors(join(dir, 'weights.bin'), header.tensors) };
}

/**
 * The validation crops of `base`'s split (the test split is never read). `base` must be fitted on the training
 * patients only, with its post-processing chosen: a refit has seen the validation patients.
 */
export function validationCases(base: SegmentationModelFile, dataDir?: string): LoadedCase[] {
  if (!base.postprocess || base.training.refit)
    throw new Error(
      'a validation comparison needs a base fitted on the training patients only, with its post-processing chosen',
    );
  const dir =
    dataDir ??
    join(process.env.HEALTHGPT_DATA_DIR ?? resolve('..', 'shared', 'data'), 'images', 'ddti_thyroid');
  return splitByPatient(readSegmentationSet(dir), base.split.seed).validation.map(loadCase);
}

/** Mean Dice, mean HD95 and median longest-diameter error of per-crop results, rounded for a record. */
export function summaryRow(rs: readonly CaseResult[]) {
  return {
    dice: Number(mean(rs.map((r) => r.dice)).toFixed(4)),
    hd95_px: Number(mean(rs.map((r) => r.hd95)).toFixed(2)),
    diameter_error_pct: Number(median(rs.map((r) => r.diameterErrorPct)).toFixed(2)),
  };
}

/** How a paired gain is bootstrapped (patients are the resampled clusters). */
export interface PairedBootstrap {
  readonly level: number;
  readonly resamples: number;
  readonly seed: number;
}

/**
 * The mean per-crop Dice gain of `after` over `before` (same crops, same order) with its paired patient-cluster
 * bootstrap interval (unrounded: a rule reads these), and how many crops improved.
 */
export function pairedDiceGain(
  before: readonly CaseResult[],
  after: readonly CaseResult[],
  patients: readonly string[],
  how: PairedBootstrap,
): { value: number; low: number; high: number; cropsImproved: number } {
  const diff = after.map((r, i) => r.dice - (before[i] as CaseResult).dice);
  const { value, low, high } = bootstrap((xs) => mean(xs), diff, diff, {
    clusters: [...patients],
    resamples: how.resamples,
    seed: how.seed,
    level: how.level,
  });
  return { value, low, high, cropsImproved: diff.filter((d) => d > 0).length };
}

/** A gain as recorded (4 decimals). */
export const roundedGain = (g: { value: number; low: number; high: number }) => ({
  value: Number(g.value.toFixed(4)),
  low: Number(g.low.toFixed(4)),
  high: Number(g.high.toFixed(4)),
});
