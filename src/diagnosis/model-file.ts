import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { committedModelsDir, readModelJson } from '../ml/model-file.js';
import { DDX_MODEL_FORMAT, type DdxLogisticJson, DdxLogisticModel } from './model/logistic.js';

/** The committed weights (`npm run train:ddx` writes them), found by the shared model-file reader. */
export const DDX_MODEL_PATH = join(committedModelsDir('ddx'), 'ddx-model.json');

let cached: DdxLogisticModel | undefined;

/**
 * The weights file the model registry made active (`<HEALTHGPT_STATE_DIR>/models/ddx/active.json`, written only by
 * a promotion or rollback, see `src/learning/registry.ts`), or undefined when the committed model is active.
 */
export function activeDdxModelPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = join(resolve(env.HEALTHGPT_STATE_DIR ?? 'data'), 'models', 'ddx');
  const pointer = join(dir, 'active.json');
  if (!existsSync(pointer)) return undefined;
  const { file } = JSON.parse(readFileSync(pointer, 'utf8')) as { file?: string };
  return file ? join(dir, file) : undefined;
}

/**
 * Loads (once) the diagnostic model: the registry's active version when one was promoted, else the committed
 * weights (`committedOnly` skips the registry).
 */
export function loadDdxModel(
  path = DDX_MODEL_PATH,
  options: { committedOnly?: boolean } = {},
): DdxLogisticModel {
  const read = (from: string) =>
    DdxLogisticModel.fromJSON(readModelJson<DdxLogisticJson>(from, DDX_MODEL_FORMAT));
  if (path !== DDX_MODEL_PATH) return read(path);
  if (options.committedOnly) return read(path);
  cached ??= read(activeDdxModelPath() ?? path);
  return cached;
}
