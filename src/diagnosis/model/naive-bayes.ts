import type { AnswerTable } from './answer-table.js';
import type { DdxScorer } from './scorer.js';
import type { SpecIndex } from './spec.js';
import type { DdxState } from './state.js';

/**
 * Baseline: naive Bayes over question answers. log P(c | answers) = log P(c) + Σ log P(answer_q | c) over the
 * questions asked (follow-ups only when their parent is present), with P(answer | c) from `AnswerTable`. Known to
 * over-count correlated findings; kept as the measured baseline the issue asks for.
 */
export class NaiveBayesScorer implements DdxScorer {
  private readonly logPrior: Float64Array;

  constructor(
    readonly index: SpecIndex,
    readonly table: AnswerTable,
    conditionCounts: readonly number[],
  ) {
    const total = conditionCounts.reduce((a, b) => a + b, 0);
    this.logPrior = Float64Array.from(conditionCounts, (n) =>
      Math.log((n + 1) / (total + conditionCounts.length)),
    );
  }

  scores(state: DdxState): Float64Array {
    const out = Float64Array.from(this.logPrior);
    for (const [code, answer] of state.answers) {
      if (answer === 'unknown') continue;
      const question = this.index.question(code);
      if (question.parent) {
        const parent = state.answers.get(question.parent);
        if (!parent || !this.index.isPresent(this.index.question(question.parent), parent)) continue;
      }
      for (let c = 0; c < out.length; c++) out[c]! += Math.log(this.table.probability(code, answer, c));
    }
    return out;
  }

  answerDelta(_state: DdxState, code: string, answer: readonly string[]): Float64Array {
    const out = new Float64Array(this.logPrior.length);
    for (let c = 0; c < out.length; c++) out[c] = Math.log(this.table.probability(code, answer, c));
    return out;
  }
}
