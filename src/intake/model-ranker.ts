import type { Finding } from '../clinical/finding.js';
import type { PatientContext } from '../clinical/patient.js';
import { HealthGptError } from '../engine/errors.js';
import { diagnosisFindings } from './pipeline.js';
import type { QuestionRanker, RankedQuestion } from './questions.js';

/**
 * The port the key-questions checklist ranks through (wired by the application with `provideNextQuestionSource`;
 * the diagnosis engine's adapter is `ddxNextQuestionSource` in `src/diagnosis/next-questions.ts`), typed
 * structurally: the model state of a patient and findings, and the best next questions for a state, chosen by
 * expected information gain weighted towards must-not-miss conditions (`interview/policy.ts`, `rankQuestions`).
 */
export interface NextQuestionSource<State = unknown> {
  stateOf(patient: PatientContext, findings: readonly Finding[]): State;
  proposeQuestions(
    state: State,
    patient: PatientContext,
    limit: number,
  ): readonly { readonly conceptId: string; readonly expectedGainNats: number }[];
}

/**
 * The findings a source refused, as it says structurally: a `HealthGptError` whose `details.rejectedFindings` lists
 * their indices (the diagnosis engine's `DdxInputError` does); undefined for any other error.
 */
function rejectedFindings(error: unknown): Set<number> | undefined {
  if (!(error instanceof HealthGptError)) return undefined;
  const indices = error.details?.rejectedFindings;
  if (!Array.isArray(indices) || indices.length === 0) return undefined;
  return new Set(indices.filter((i): i is number => Number.isInteger(i)));
}

/**
 * A `QuestionRanker` over the diagnosis model: the intake's findings for the engine (`diagnosisFindings`: the
 * patient's own, not hypothetical, family history included) and the patient's age and sex give the model state;
 * the engine proposes the next questions by expected information gain (Lindley 1956; greedy sequential diagnosis),
 * best first. A finding the model refuses (a value it does not know, two contradicting mentions) is left out rather
 * than losing the ranking; if it still cannot rank, the checklist keeps the knowledge-base order. The last answer is
 * kept, so a stream whose findings do not change between chunks asks the model once.
 */
export function modelQuestionRanker(source: NextQuestionSource, limit = 10): QuestionRanker {
  let lastKey: string | undefined;
  let lastRanking: readonly RankedQuestion[] = [];
  return (intakeFindings, patient) => {
    const findings = diagnosisFindings({ findings: intakeFindings }).map(
      ({ sourceSpan: _span, onset: _onset, durationDays: _days, ...finding }) => finding,
    );
    const key = JSON.stringify([patient.ageYears, patient.sex, findings]);
    if (key === lastKey) return lastRanking;
    let usable: readonly Finding[] = findings;
    let ranking: readonly RankedQuestion[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const state = source.stateOf(patient, usable);
        // The model's order is its policy score (expected gain plus the weighted must-not-miss gain); the score
        // passed on keeps that order.
        const proposed = source.proposeQuestions(state, patient, limit);
        ranking = proposed.map((question, i) => ({
          conceptId: question.conceptId,
          score: proposed.length - i,
          expectedGainNats: question.expectedGainNats,
        }));
        break;
      } catch (error) {
        const rejected = rejectedFindings(error);
        if (!rejected) break;
        usable = usable.filter((_, i) => !rejected.has(i));
      }
    }
    lastKey = key;
    lastRanking = ranking;
    return ranking;
  };
}
