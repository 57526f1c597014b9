import type { DdxplusPatient } from '../ddxplus/patients.js';
import { splitEvidence } from '../ddxplus/patients.js';
import type { Answer, SpecIndex } from './spec.js';

/** What is known about a patient during an interview, in DDXPlus codes. */
export interface DdxState {
  readonly ageYears?: number;
  readonly sex?: 'M' | 'F';
  /** Answered questions by evidence code; questions not here are unknown (not asked). */
  readonly answers: ReadonlyMap<string, Answer>;
}

/** A patient's complete answers: every question, from the evidence list (unlisted = absent / default). */
export function fullAnswers(index: SpecIndex, evidences: readonly string[]): Map<string, readonly string[]> {
  const listed = new Map<string, string[]>();
  for (const token of evidences) {
    const { code, value } = splitEvidence(token);
    const question = index.questionByCode.get(code);
    if (!question) throw new Error(`unknown DDXPlus evidence '${token}'`);
    const list = listed.get(code) ?? [];
    if (value !== undefined) list.push(value);
    else if (question.type === 'binary') list.push('yes');
    listed.set(code, list);
  }
  const answers = new Map<string, readonly string[]>();
  for (const question of index.spec.questions) {
    answers.set(question.code, index.normalise(question, listed.get(question.code) ?? []));
  }
  return answers;
}

/** The full-evidence state of a DDXPlus patient. */
export function fullState(index: SpecIndex, patient: DdxplusPatient): DdxState {
  return { ageYears: patient.ageYears, sex: patient.sex, answers: fullAnswers(index, patient.evidences) };
}

/**
 * Adds an answer and what it implies: a "no" (nothing to report) to a parent question answers its follow-ups with
 * their defaults, as DDXPlus only simulates follow-ups of a present parent.
 */
export function withAnswer(
  index: SpecIndex,
  answers: Map<string, Answer>,
  code: string,
  answer: Answer,
): void {
  answers.set(code, answer);
  const question = index.question(code);
  if (answer !== 'unknown' && !index.isPresent(question, answer)) {
    for (const child of index.childrenOf.get(code) ?? []) {
      if (!answers.has(child.code))
        withAnswer(index, answers, child.code, index.impliedByAbsentParent(child));
    }
  }
}
