import { join } from 'node:path';
import { committedModelsDir, readModelJson } from '../ml/model-file.js';
import { DDX_MODEL_FORMAT, type DdxLogisticJson, DdxLogisticModel } from './model/logistic.js';

/** The committed weights (`npm run train:ddx` writes them), found by the shared model-file reader. */
export const DDX_MODEL_PATH = join(committedModelsDir('ddx'), 'ddx-model.json');

let cached: DdxLogisticModel | undefined;

/** Loads (once) the committed diagnostic model. */
export function loadDdxModel(path = DDX_MODEL_PATH): DdxLogisticModel {
  const read = () => DdxLogisticModel.fromJSON(readModelJson<DdxLogisticJson>(path, DDX_MODEL_FORMAT));
  if (path !== DDX_MODEL_PATH) return read();
  cached ??= read();
  return cached;
}
