import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SerializedModel } from '../engine/learned-model.js';
import type { PlattScaling } from './calibration.js';
import type { Arch, NetworkConfig } from './nn/architecture.js';
import { parameterShapes } from './nn/architecture.js';
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

/** Which architecture is the default per task, with the reason (written by the training script). */
export interface VisionDefaults {
  readonly [task: string]: { readonly arch: Arch; readonly reason: string };
}

/** The committed `models/vision` folder (found from this file, so it works from `src/` and from `dist/`). */
export function visionModelsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'models', 'vision');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return resolve('models/vision');
}

export function modelDir(task: VisionTask, arch: Arch, root = visionModelsDir()): string {
  return join(root, task, arch);
}

export function writeModelFile(
  dir: string,
  header: VisionModelFile,
  weights: ReadonlyMap<string, Float32Array>,
): void {
  const parts: Buffer[] = [];
  for (const { name } of header.tensors) {
    const values = weights.get(name);
    if (!values) throw new Error(`missing weights for ${name}`);
    parts.push(Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  }
  writeFileSync(join(dir, 'model.json'), `${JSON.stringify(header, null, 2)}\n`);
  writeFileSync(join(dir, 'weights.bin'), Buffer.concat(parts));
}

/** Reads a model folder; checks the tensor list against the architecture so a mismatched file fails loudly. */
export function readModelFile(dir: string): { header: VisionModelFile; weights: Map<string, Float32Array> } {
  const header = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as VisionModelFile;
  if (header.format !== 'healthgpt-vision/1')
    throw new Error(`${dir}: unknown model format ${String(header.format)}`);
  const bin = readFileSync(join(dir, 'weights.bin'));
  const expected = parameterShapes(header.config);
  const weights = new Map<string, Float32Array>();
  let offset = 0;
  for (const [i, { name, shape }] of header.tensors.entries()) {
    const want = expected[i];
    if (!want || want[0] !== name || want[1].join('x') !== shape.join('x'))
      throw new Error(`${dir}: tensor ${name} does not match the architecture`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > bin.length) throw new Error(`${dir}: weights.bin is truncated`);
    weights.set(
      name,
      new Float32Array(bin.buffer.slice(bin.byteOffset + offset, bin.byteOffset + offset + size * 4)),
    );
    offset += size * 4;
  }
  return { header, weights };
}

export function readDefaults(root = visionModelsDir()): VisionDefaults {
  const path = join(root, 'defaults.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as VisionDefaults) : {};
}
