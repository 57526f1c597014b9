import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelDir, readDefaults, type VisionModelFile } from './model-file.js';
import type { Arch } from './nn/architecture.js';
import type { VisionTask } from './tasks.js';

/**
 * How far a vision model has been validated, from the metrics its training script wrote into `model.json`:
 * `validated` when the 95 % bootstrap interval of its AUC on the held-out validation split lies above 0.5 (the model
 * separates the classes better than chance on data it was not fitted on), `experimental` otherwise or when the file
 * is missing. "Validated" here means on the data set's own validation split, not an external or prospective study.
 */
export interface VisionValidation {
  readonly status: 'validated' | 'experimental';
  readonly metric: 'AUC';
  /** Split the metric was measured on. */
  readonly split: 'validation';
  readonly value?: number;
  /** 95 % bootstrap interval. */
  readonly interval?: readonly [number, number];
  /** Images in the split. */
  readonly n?: number;
  /** One sentence for the clinician. */
  readonly summary: string;
}

const cache = new Map<string, VisionValidation>();

/** Reads only the JSON header of a committed model (no weights). */
function readHeader(task: VisionTask, arch: Arch): VisionModelFile | undefined {
  try {
    return JSON.parse(readFileSync(join(modelDir(task, arch), 'model.json'), 'utf8')) as VisionModelFile;
  } catch {
    return undefined;
  }
}

/** The validation status of a task's model (its default architecture unless named). */
export function visionValidation(task: VisionTask, arch?: Arch): VisionValidation {
  const chosen = arch ?? readDefaults()[task]?.arch ?? 'cnn';
  const key = `${task}/${chosen}`;
  const known = cache.get(key);
  if (known) return known;
  const header = readHeader(task, chosen);
  const auc = header?.metrics?.validation?.auc;
  const n = header?.metrics?.validation?.n;
  let result: VisionValidation;
  if (!auc || !Number.isFinite(auc.low) || !Number.isFinite(auc.high)) {
    result = {
      status: 'experimental',
      metric: 'AUC',
      split: 'validation',
      summary: 'No validation result in the model file: experimental.',
    };
  } else {
    const status = auc.low > 0.5 ? 'validated' : 'experimental';
    const interval = `${auc.value.toFixed(2)} (95 % CI ${auc.low.toFixed(2)}–${auc.high.toFixed(2)}, ${n ?? '?'} images)`;
    result = {
      status,
      metric: 'AUC',
      split: 'validation',
      value: auc.value,
      interval: [auc.low, auc.high],
      ...(n !== undefined ? { n } : {}),
      summary:
        status === 'validated'
          ? `Validation AUC ${interval} on the data set's held-out split.`
          : `Validation AUC ${interval}: the interval includes 0.5 (chance), so the model is experimental and its findings are not added to the case by default.`,
    };
  }
  cache.set(key, result);
  return result;
}
