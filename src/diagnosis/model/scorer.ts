import type { SpecIndex } from './spec.js';
import type { DdxState } from './state.js';

/**
 * What the interview and the evaluation need from a diagnostic model: log-scores (unnormalised log posterior) of
 * every condition for a state, and how an answer to a question not yet asked would change them.
 */
export interface DdxScorer {
  readonly index: SpecIndex;
  /** Unnormalised log posterior per condition (softmax gives the probabilities). */
  scores(state: DdxState): Float64Array;
  /** Change of `scores` if the unanswered question `code` were answered `answer` (with what that implies). */
  answerDelta(state: DdxState, code: string, answer: readonly string[]): Float64Array;
}

/** Softmax of log-scores, in place safe (returns a new array). */
export function softmax(scores: ArrayLike<number>): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]!);
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp(scores[i]! - max);
    sum += out[i]!;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/** Shannon entropy in nats. */
export function entropy(probabilities: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}
