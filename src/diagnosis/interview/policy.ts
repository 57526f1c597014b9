import { type AnswerTable, answerLikelihoods } from '../model/answer-table.js';
import { type DdxScorer, entropy, softmax } from '../model/scorer.js';
import type { QuestionSpec, SpecIndex } from '../model/spec.js';
import type { DdxState } from '../model/state.js';

/** Why a question was proposed. */
export interface QuestionChoice {
  readonly code: string;
  /** The score the policy ranks by: expected gain plus the weighted must-not-miss gain (nats). */
  readonly score: number;
  /** Expected reduction of the entropy of the condition posterior (nats). */
  readonly expectedGainNats: number;
  /** Expected reduction of the summed binary entropies of the must-not-miss conditions (nats). */
  readonly mustNotMissGainNats: number;
  /** Conditions whose probability the answer would move most (index, expected squared change). */
  readonly separates: readonly { readonly condition: number; readonly spread: number }[];
}

export interface PolicyOptions {
  /** Weight of the must-not-miss gain against the overall expected gain. */
  readonly mustNotMissWeight: number;
  /** Condition indices that count as must-not-miss. */
  readonly mustNotMiss: readonly boolean[];
}

/** Questions that may be asked now: not yet answered, and a follow-up only once its parent was answered present. */
export function askableQuestions(index: SpecIndex, state: DdxState): QuestionSpec[] {
  return index.spec.questions.filter((question) => {
    if (state.answers.has(question.code)) return false;
    if (!question.parent) return true;
    const parent = state.answers.get(question.parent);
    return parent !== undefined && index.isPresent(index.question(question.parent), parent);
  });
}

function binaryEntropy(p: number): number {
  if (p <= 0 || p >= 1) return 0;
  return -p * Math.log(p) - (1 - p) * Math.log(1 - p);
}

/**
 * Ranks the askable questions by expected information gain (Lindley 1956; the greedy myopic policy of
 * sequential diagnosis, e.g. Gorry & Barnett 1968): EIG(q) = H(P(c | s)) − Σ_a P(a | s) H(P(c | s, q = a)), with
 * P(a | s) = Σ_c P(c | s) P(a | c) from the answer table and the posterior after each answer from the scorer. The
 * must-not-miss term adds the expected reduction of Σ_{c severe} H_b(P(c | s)), so that severe conditions are ruled
 * in or out early. Returns the best `limit` choices, best first.
 */
export function rankQuestions(
  scorer: DdxScorer,
  table: AnswerTable,
  state: DdxState,
  options: PolicyOptions,
  limit = 1,
): QuestionChoice[] {
  const scores = scorer.scores(state);
  const p = softmax(scores);
  const C = p.length;
  const h0 = entropy(p);
  let mnm0 = 0;
  for (let c = 0; c < C; c++) if (options.mustNotMiss[c]) mnm0 += binaryEntropy(p[c]!);
  const shifted = new Float64Array(C);
  const choices: QuestionChoice[] = [];
  for (const question of askableQuestions(scorer.index, state)) {
    const { patterns, likelihood } = answerLikelihoods(table, question.code);
    if (patterns.length < 2) continue;
    let expectedH = 0;
    let expectedMnm = 0;
    let totalAnswer = 0;
    const spread = new Float64Array(C);
    patterns.forEach((pattern, a) => {
      const lik = likelihood[a]!;
      let pa = 0;
      for (let c = 0; c < C; c++) pa += p[c]! * lik[c]!;
      if (pa < 1e-9) return;
      totalAnswer += pa;
      const delta = scorer.answerDelta(state, question.code, pattern);
      for (let c = 0; c < C; c++) shifted[c] = scores[c]! + delta[c]!;
      const posterior = softmax(shifted);
      expectedH += pa * entropy(posterior);
      let mnm = 0;
      for (let c = 0; c < C; c++) {
        if (options.mustNotMiss[c]) mnm += binaryEntropy(posterior[c]!);
        const change = posterior[c]! - p[c]!;
        spread[c]! += pa * change * change;
      }
      expectedMnm += pa * mnm;
    });
    if (totalAnswer <= 0) continue;
    const gain = h0 - expectedH / totalAnswer;
    const mnmGain = mnm0 - expectedMnm / totalAnswer;
    const separates = [...spread]
      .map((value, condition) => ({ condition, spread: value / totalAnswer }))
      .sort((a, b) => b.spread - a.spread)
      .slice(0, 3);
    choices.push({
      code: question.code,
      score: gain + options.mustNotMissWeight * mnmGain,
      expectedGainNats: gain,
      mustNotMissGainNats: mnmGain,
      separates,
    });
  }
  choices.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  return choices.slice(0, limit);
}
