import type { Answer, SpecIndex } from './spec.js';

/** Key of an answer pattern: its values joined (`''` = no, `yes`, `V_12|V_30`). */
export function patternKey(answer: readonly string[]): string {
  return answer.join('|');
}

/** Counts of one question's answer patterns per condition, among patients for whom the question is asked. */
export interface QuestionAnswerCounts {
  readonly patterns: readonly (readonly string[])[];
  /** counts[pattern][condition]. */
  readonly counts: readonly (readonly number[])[];
}

/**
 * How often each answer pattern of each question occurs per condition in the training patients (a follow-up only
 * among patients whose parent answer was present). Gives P(answer | condition) for the interview's answer
 * predictions and for the naive Bayes baseline, with additive smoothing towards the overall pattern frequency and
 * structural zeros: a condition never reports a question that is not linked to it (true of every DDXPlus patient).
 */
export class AnswerTable {
  private readonly patternIndex = new Map<string, Map<string, number>>();
  private readonly totals = new Map<string, number[]>();
  private readonly overall = new Map<string, number[]>();
  private readonly linked: readonly Set<string>[];

  constructor(
    readonly index: SpecIndex,
    readonly table: Readonly<Record<string, QuestionAnswerCounts>>,
    readonly smoothing = 1,
    /** Probability of reporting a question not linked to the condition (structural near-zero). */
    readonly unlinkedPresentProbability = 1e-4,
  ) {
    const conditionCount = index.spec.conditions.length;
    this.linked = index.spec.conditions.map((c) => new Set(c.linked));
    for (const [code, entry] of Object.entries(table)) {
      this.patternIndex.set(code, new Map(entry.patterns.map((p, i) => [patternKey(p), i])));
      const totals = new Array<number>(conditionCount).fill(0);
      const overall = entry.patterns.map(() => 0);
      entry.counts.forEach((row, p) => {
        row.forEach((count, c) => {
          totals[c]! += count;
          overall[p]! += count;
        });
      });
      this.totals.set(code, totals);
      this.overall.set(code, overall);
    }
  }

  /** Builds the table from complete answers of labelled patients (condition index per patient). */
  static count(
    index: SpecIndex,
    patients: readonly { answers: ReadonlyMap<string, Answer>; condition: number }[],
  ) {
    const table: Record<string, { patterns: string[][]; counts: number[][]; keys: Map<string, number> }> = {};
    const conditionCount = index.spec.conditions.length;
    for (const question of index.spec.questions) {
      table[question.code] = { patterns: [], counts: [], keys: new Map() };
    }
    for (const patient of patients) {
      for (const question of index.spec.questions) {
        const answer = patient.answers.get(question.code);
        if (!answer || answer === 'unknown') continue;
        if (question.parent) {
          const parentAnswer = patient.answers.get(question.parent);
          if (!parentAnswer || !index.isPresent(index.question(question.parent), parentAnswer)) continue;
        }
        const entry = table[question.code]!;
        const key = patternKey(answer);
        let p = entry.keys.get(key);
        if (p === undefined) {
          p = entry.patterns.length;
          entry.keys.set(key, p);
          entry.patterns.push([...answer]);
          entry.counts.push(new Array<number>(conditionCount).fill(0));
        }
        entry.counts[p]![patient.condition]!++;
      }
    }
    const out: Record<string, QuestionAnswerCounts> = {};
    for (const [code, entry] of Object.entries(table)) {
      // Binary questions always offer both answers, even when one was never seen.
      const question = index.question(code);
      if (question.type === 'binary') {
        for (const key of ['yes', '']) {
          if (!entry.keys.has(key)) {
            entry.keys.set(key, entry.patterns.length);
            entry.patterns.push(key ? ['yes'] : []);
            entry.counts.push(new Array<number>(conditionCount).fill(0));
          }
        }
      }
      out[code] = { patterns: entry.patterns, counts: entry.counts };
    }
    return out;
  }

  patterns(code: string): readonly (readonly string[])[] {
    return this.table[code]?.patterns ?? [];
  }

  /** P(answer pattern | condition), smoothed; patterns never seen share one unseen-pattern pseudo-count. */
  probability(code: string, answer: readonly string[], condition: number): number {
    const question = this.index.question(code);
    const present = this.index.isPresent(question, answer);
    if (present && !this.linked[condition]!.has(code)) return this.unlinkedPresentProbability;
    const entry = this.table[code];
    const totals = this.totals.get(code);
    const overall = this.overall.get(code);
    if (!entry || !totals || !overall) return 1;
    const n = overall.reduce((a, b) => a + b, 0);
    const p = this.patternIndex.get(code)!.get(patternKey(answer));
    const patternCount = entry.patterns.length + 1;
    const prior = ((p === undefined ? 0 : overall[p]!) + 1) / (n + patternCount);
    const count = p === undefined ? 0 : entry.counts[p]![condition]!;
    return (count + this.smoothing * prior) / (totals[condition]! + this.smoothing);
  }
}

/** Answer patterns of a question with P(pattern | condition) normalised over the patterns, per condition. */
export interface AnswerLikelihoods {
  readonly patterns: readonly (readonly string[])[];
  /** likelihood[pattern][condition]. */
  readonly likelihood: readonly Float64Array[];
}

const likelihoodCache = new WeakMap<AnswerTable, Map<string, AnswerLikelihoods>>();

/** Cached, normalised answer likelihoods of `code` (see `AnswerLikelihoods`). */
export function answerLikelihoods(table: AnswerTable, code: string): AnswerLikelihoods {
  let cache = likelihoodCache.get(table);
  if (!cache) {
    cache = new Map();
    likelihoodCache.set(table, cache);
  }
  const cached = cache.get(code);
  if (cached) return cached;
  const patterns = table.patterns(code);
  const C = table.index.spec.conditions.length;
  const likelihood = patterns.map((pattern) =>
    Float64Array.from({ length: C }, (_, c) => table.probability(code, pattern, c)),
  );
  for (let c = 0; c < C; c++) {
    let sum = 0;
    for (const row of likelihood) sum += row[c]!;
    if (sum > 0) for (const row of likelihood) row[c]! /= sum;
  }
  const result = { patterns, likelihood };
  cache.set(code, result);
  return result;
}
