import type { DdxplusPatient } from '../ddxplus/patients.js';
import { DEFAULT_INTERVIEW_OPTIONS } from '../interview/options.js';
import type { DdxLogisticModel } from '../model/logistic.js';
import { type EvaluationResult, evaluateDdx } from './evaluate.js';

/**
 * `healthgpt eval ddx`: the committed model on DDXPlus patients, full evidence or simulated interviews (from
 * INITIAL_EVIDENCE, age and sex; at most `maxTurns` questions), with the DDXPlus metrics.
 */
export function evaluateCommittedModel(
  model: DdxLogisticModel,
  patients: readonly DdxplusPatient[],
  mode: 'full' | 'interactive',
  maxTurns: number = DEFAULT_INTERVIEW_OPTIONS.maxTurns,
  onProgress?: (done: number) => void,
): EvaluationResult & { readonly model_version: string; readonly max_turns: number } {
  const result = evaluateDdx(
    { scorer: model, table: model.table, differentialHead: (state) => model.differential(state) },
    patients,
    mode,
    { ...DEFAULT_INTERVIEW_OPTIONS, maxTurns, mustNotMiss: model.index.mustNotMiss },
    onProgress,
  );
  return { ...result, max_turns: maxTurns, model_version: model.modelVersion };
}
