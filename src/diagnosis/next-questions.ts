import type { Finding } from '../clinical/finding.js';
import type { PatientContext } from '../clinical/patient.js';
import { ddxEngine } from './ddx-engine.js';
import type { DdxState } from './model/state.js';

/**
 * The diagnosis engine as a next-question source for the intake's key questions (the intake's
 * `NextQuestionSource` port, wired in `src/app/capabilities.ts`): the model state of the patient and findings —
 * findings read from text are reconciled, not refused — and the questions the interview policy ranks best. The
 * engine loads on first use.
 */
export function ddxNextQuestionSource(): {
  stateOf(patient: PatientContext, findings: readonly Finding[]): DdxState;
  proposeQuestions(
    state: DdxState,
    patient: PatientContext,
    limit: number,
  ): readonly { readonly conceptId: string; readonly expectedGainNats: number }[];
} {
  return {
    stateOf: (patient, findings) => ddxEngine().stateOf(patient, findings, '/findings', { reconcile: true }),
    proposeQuestions: (state, patient, limit) => ddxEngine().proposeQuestions(state, patient, limit),
  };
}
