import type { ForecastModel } from '../model.js';
import { combinationModel } from './combination.js';
import { countRegressionModel } from './count-regression.js';
import { hourOfWeekModel } from './hour-of-week.js';
import { mstlModel } from './mstl.js';
import { seasonalNaiveModel } from './seasonal-naive.js';

export const MODEL_IDS = [
  'count-regression',
  'combination',
  'mstl-ets',
  'hour-of-week',
  'seasonal-naive-weekly',
  'seasonal-naive-daily',
] as const;

export type ModelId = (typeof MODEL_IDS)[number];

/** The default model: the negative-binomial count regression (best in the benchmark, see docs/benchmarks.md). */
export const DEFAULT_MODEL: ModelId = 'count-regression';

/** A fresh model instance by id (instances keep warm-start state, so give each series its own). */
export function createModel(id: ModelId): ForecastModel {
  switch (id) {
    case 'count-regression':
      return countRegressionModel();
    case 'combination':
      return combinationModel([
        { model: countRegressionModel(), weight: 0.8 },
        { model: mstlModel(), weight: 0.2 },
      ]);
    case 'mstl-ets':
      return mstlModel();
    case 'hour-of-week':
      return hourOfWeekModel();
    case 'seasonal-naive-weekly':
      return seasonalNaiveModel(168);
    case 'seasonal-naive-daily':
      return seasonalNaiveModel(24);
  }
}
