import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SerializedModel } from '../engine/learned-model.js';
import {
  committedModelsDir,
  readFloat32Tensors,
  readModelJson,
  writeFloat32Tensors,
} from '../ml/model-file.js';
import type { PlattScaling } from './calibration.js';
import { type Arch, type NetworkConfig, parameterShapes } from './nn/config.js';
import type { VisionTask } from './tasks.js';

/** Metrics of one model on one split: AUC and accuracy with 95 % bootstrap intervals. */
export interface SplitMetrics {
  readonly n: number;
  readonly auc: { value: number; low: number; high: number };
  readonly accuracy: { value: number; low: number; high: number };
  readonly ece?: number;
}

/**
 * `models/vision/<task>/<arch>/model.json`: header, network config, input normalisation, calibration and the
 * order and shapes of the float32 little-endian tensors in `weights.bin` beside it.
 */
export interface VisionModelFile extends SerializedModel {
  readonly format: 'healthgpt-vision/1';
  readonly task: VisionTask;
  readonly arch: Arch;
  readonly config: NetworkConfig;
  /** Input pixels (0–255 grey, resized to config.inputSize) are mapped to (p/255 − mean)/std. */
  readonly normalisation: { readonly mean: number; readonly std: number };
  readonly calibration: PlattScaling;
  readonly seed: number;
  readonly training: Readonly<Record<string, unknown>>;
  /** Metrics on the calibration split (used for the choice of default) and the validation split (reported). */
  readonly metrics: { readonly calibration: SplitMetrics; readonly validation: SplitMetrics };
  /** On the calibration split at probability 0.5: for likelihood ratios of the finding. */
  readonly operatingPoint: { sensitivity: number; specificity: number; prevalence: number };
  readonly tensors: readonly { name: string; shape: readonly number[] }[];
}

/**
 * The operating point: "label 1" when the calibrated P(label 1) is at least the calibration split's prevalence of
 * label 1 — i.e. when the image's likelihood ratio for label 1 is ≥ 1 (it raises the odds). This rule does not depend
 * on the prevalence where the model is used (the balanced-accuracy optimum under label shift), so it transfers where
 * the 0.5 rule (accuracy-optimal only at the training prevalence) does not. Chosen from held-out training data only
 * (`scripts/vision/operating-points.ts`); never on test images.
 */
export function decisionThreshold(header: Pick<VisionModelFile, 'operatingPoint'>): number {
  const p = header.operatingPoint.prevalence;
  return Number.isFinite(p) && p > 0 && p < 1 ? p : 0.5;
}

/** Which architecture is the default per task, with the reason (written by the training script). */
export interface VisionDefaults {
  readonly [task: string]: { readonly arch: Arch; readonly reason: string };
}

/** The committed `models/vision` folder (found from the shared model-file reader, from `src/` and from `dist/`). */
export function visionModelsDir(): string {
  return committedModelsDir('vision');
}

export function modelDir(task: VisionTask, arch: Arch, root = visionModelsDir()): string {
  return join(root, task, arch);
}

export function writeModelFile(
  dir: string,
  header: VisionModelFile,
  weights: ReadonlyMap<string, Float32Array>,
): void {
  writeFloat32Tensors(join(dir, 'weights.bin'), header.tensors, weights);
  writeFileSync(join(dir, 'model.json'), `${JSON.stringify(header, null, 2)}\n`);
}

/** Reads a model folder; checks the tensor list against the architecture so a mismatched file fails loudly. */
export function readModelFile(dir: string): { header: VisionModelFile; weights: Map<string, Float32Array> } {
  const header = readModelJson<VisionModelFile>(join(dir, 'model.json'), 'healthgpt-vision/1');
  const expected = parameterShapes(header.config);
  for (const [i, { name, shape }] of header.tensors.entries()) {
    const want = expected[i];
    if (!want || want[0] !== name || want[1].join('x') !== shape.join('x'))
      throw new Error(`${dir}: tensor ${name} does not match the architecture`);
  }
  return { header, weights: readFloat32Tensors(join(dir, 'weights.bin'), header.tensors) };
}

export function readDefaults(root = visionModelsDir()): VisionDefaults {
  const path = join(root, 'defaults.json');
  return existsSync(path) ? readModelJson<VisionDefaults>(path) : {};
}
