import type { DdxplusPatient } from '../ddxplus/patients.js';
import type { AnswerTable } from '../model/answer-table.js';
import { type DdxScorer, softmax } from '../model/scorer.js';
import { type DdxState, fullState } from '../model/state.js';
import {
  type DdxMetrics,
  DIFFERENTIAL_CUT,
  ddxMetrics,
  type PatientOutcome,
  type RankedDifferential,
} from './metrics.js';
import { type InterviewOptions, simulateInterview } from './simulate.js';

/** What is evaluated: a scorer, its answer table, and optionally a differential head deciding list membership. */
export interface DdxSystem {
  readonly scorer: DdxScorer;
  readonly table: AnswerTable;
  /** When given, a condition is in the differential if its posterior or this head's weight exceeds the cut. */
  readonly differentialHead?: (state: DdxState) => Float64Array;
}

/**
 * The ranked differential of a state: conditions whose posterior (or, with a differential head, whose differential
 * weight) exceeds 0.01, ordered by posterior.
 */
export function rankedDifferential(system: DdxSystem, state: DdxState): RankedDifferential {
  const posterior = softmax(system.scorer.scores(state));
  const weight = system.differentialHead?.(state);
  const names = system.scorer.index.spec.conditions.map((c) => c.name);
  const entries: { name: string; probability: number; order: number }[] = [];
  posterior.forEach((p, c) => {
    const inList = p > DIFFERENTIAL_CUT || (weight !== undefined && weight[c]! > DIFFERENTIAL_CUT);
    if (inList)
      entries.push({ name: names[c]!, probability: p, order: p + (weight ? weight[c]! * 1e-6 : 0) });
  });
  entries.sort((a, b) => b.order - a.order);
  return entries.map(({ name, probability }) => ({ name, probability }));
}

export interface EvaluationResult extends DdxMetrics {
  readonly mode: 'full' | 'interactive';
  readonly ms_per_case: number;
}

/** Evaluates on DDXPlus patients, in full-evidence or interactive mode. */
export function evaluateDdx(
  system: DdxSystem,
  patients: readonly DdxplusPatient[],
  mode: 'full' | 'interactive',
  options: InterviewOptions,
  onProgress?: (done: number) => void,
): EvaluationResult {
  const index = system.scorer.index;
  const started = performance.now();
  const outcomes: PatientOutcome[] = patients.map((patient, i) => {
    const condition = index.conditionIndex.get(patient.pathology);
    if (condition === undefined) throw new Error(`unknown DDXPlus pathology '${patient.pathology}'`);
    let state: DdxState;
    let turns = 0;
    if (mode === 'full') {
      state = fullState(index, patient);
    } else {
      const run = simulateInterview(system.scorer, system.table, patient, options);
      state = run.state;
      turns = run.turns;
    }
    onProgress?.(i + 1);
    return {
      pathology: patient.pathology,
      groundTruth: patient.differential,
      predicted: rankedDifferential(system, state),
      turns,
      mustNotMiss: index.mustNotMiss[condition]!,
    };
  });
  const elapsed = performance.now() - started;
  return { mode, ...ddxMetrics(outcomes), ms_per_case: patients.length ? elapsed / patients.length : 0 };
}
