import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DdxLogisticJson, DdxLogisticModel } from './model/logistic.js';

/** The committed weights (`npm run train:ddx` writes them); resolved from `src/diagnosis/` or `dist/diagnosis/`. */
export const DDX_MODEL_PATH = fileURLToPath(new URL('../../models/ddx/ddx-model.json', import.meta.url));

let cached: DdxLogisticModel | undefined;

/** Loads (once) the committed diagnostic model. */
export function loadDdxModel(path = DDX_MODEL_PATH): DdxLogisticModel {
  if (path !== DDX_MODEL_PATH)
    return DdxLogisticModel.fromJSON(JSON.parse(readFileSync(path, 'utf8')) as DdxLogisticJson);
  cached ??= DdxLogisticModel.fromJSON(JSON.parse(readFileSync(path, 'utf8')) as DdxLogisticJson);
  return cached;
}
