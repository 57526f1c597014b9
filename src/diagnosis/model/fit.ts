import { join } from 'node:path';
import { stratifiedSplit } from '../../ml/split.js';
import type { SplitSource } from '../../ml/split-source.js';
import { type DdxplusPatient, readDdxplusPatients } from '../ddxplus/patients.js';
import { DDX_SPLIT } from '../eval/split.js';
import type { DdxLogisticModel } from './logistic.js';
import type { DdxSpec } from './spec.js';
import { type TrainOptions, trainDdxModel } from './train.js';

/**
 * The project's DDXPlus splits as a `SplitSource`: `patients_dev.csv` split 80/20 by pathology (`DDX_SPLIT`), and
 * the training part's 15 % calibration patients (seed + 1) that `npm run train:ddx` fits temperatures on. There is
 * no test split here (the DDXPlus test set is not available).
 */
export function ddxplusSplitSource(dir: string): SplitSource<DdxplusPatient[]> {
  let cached: { train: DdxplusPatient[]; validation: DdxplusPatient[] } | undefined;
  const splits = () => {
    cached ??= stratifiedSplit(
      readDdxplusPatients(join(dir, 'patients_dev.csv')),
      (p) => p.pathology,
      DDX_SPLIT.validationFraction,
      DDX_SPLIT.seed,
    );
    return cached;
  };
  return {
    description: `DDXPlus patients_dev.csv, ${Math.round((1 - DDX_SPLIT.validationFraction) * 100)}/${Math.round(DDX_SPLIT.validationFraction * 100)} stratified by pathology, seed ${DDX_SPLIT.seed}`,
    read(split) {
      if (split === 'train') return splits().train;
      if (split === 'validation') return splits().validation;
      if (split === 'calibration')
        return stratifiedSplit(splits().train, (p) => p.pathology, 0.15, DDX_SPLIT.seed + 1).validation;
      throw new Error('DDXPlus has no test split here');
    },
  };
}

/**
 * `LearnedModel.fit` for the differential-diagnosis model from a split source: reads the training split only and
 * trains both heads (`trainDdxModel`, what `npm run train:ddx` runs; the script then fits temperatures on the
 * calibration patients and retrains on the whole training split).
 */
export function fitDdxModel(
  source: SplitSource<readonly DdxplusPatient[]>,
  spec: DdxSpec,
  options: TrainOptions,
): DdxLogisticModel {
  return trainDdxModel(spec, source.read('train'), options);
}
