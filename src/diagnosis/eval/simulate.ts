import type { DdxplusPatient } from '../ddxplus/patients.js';
import { splitEvidence } from '../ddxplus/patients.js';
import { type PolicyOptions, type QuestionChoice, rankQuestions } from '../interview/policy.js';
import type { AnswerTable } from '../model/answer-table.js';
import { type DdxScorer, softmax } from '../model/scorer.js';
import type { Answer } from '../model/spec.js';
import { type DdxState, fullAnswers, withAnswer } from '../model/state.js';

export interface InterviewOptions extends PolicyOptions {
  /** Question budget (DDXPlus experiments use 30). */
  readonly maxTurns: number;
  /** Stop once the top condition's probability reaches this. */
  readonly confidence: number;
  /** Stop when no question is expected to gain at least this (nats). */
  readonly minGainNats?: number;
}

/**
 * The DDXPlus interactive protocol (paper §4.2): the interview starts from the patient's INITIAL_EVIDENCE plus age
 * and sex, and a simulated patient answers every question from their evidence list (unlisted = no / default).
 */
export function initialState(
  scorer: DdxScorer,
  patient: DdxplusPatient,
): { state: DdxState; truth: Map<string, readonly string[]> } {
  const truth = fullAnswers(scorer.index, patient.evidences);
  const answers = new Map<string, Answer>();
  const { code } = splitEvidence(patient.initialEvidence);
  const question = scorer.index.question(code);
  if (question.parent) withAnswer(scorer.index, answers, question.parent, truth.get(question.parent)!);
  withAnswer(scorer.index, answers, code, truth.get(code)!);
  return { state: { ageYears: patient.ageYears, sex: patient.sex, answers }, truth };
}

/** Runs one simulated interview; returns the final state, the number of questions asked and the choices made. */
export function simulateInterview(
  scorer: DdxScorer,
  table: AnswerTable,
  patient: DdxplusPatient,
  options: InterviewOptions,
  onState?: (state: DdxState) => void,
): { state: DdxState; turns: number; choices: QuestionChoice[] } {
  const { state, truth } = initialState(scorer, patient);
  const answers = state.answers as Map<string, Answer>;
  const choices: QuestionChoice[] = [];
  onState?.(state);
  while (choices.length < options.maxTurns) {
    const p = softmax(scorer.scores(state));
    if (Math.max(...p) >= options.confidence) break;
    const [choice] = rankQuestions(scorer, table, state, options, 1);
    if (!choice || choice.score < (options.minGainNats ?? 1e-4)) break;
    choices.push(choice);
    withAnswer(scorer.index, answers, choice.code, truth.get(choice.code)!);
    onState?.(state);
  }
  return { state, turns: choices.length, choices };
}
