import type { Contribution } from '../clinical/outputs.js';
import type { KnowledgeBridge } from './kb-bridge.js';
import type { DdxLogisticModel } from './model/logistic.js';
import type { DdxState } from './model/state.js';

/** Signed contributions to one condition's score, grouped per finding, and the baseline; they add up to `score`. */
export interface ConditionExplanation {
  /** The condition's bias term (log-odds scale of the model's score for it, after temperature). */
  readonly baseline: number;
  readonly contributions: readonly Contribution[];
  /** baseline + Σ contributions: the condition's calibrated score (log-probability up to a shared constant). */
  readonly score: number;
}

/**
 * Explains condition `c`: the model's score terms grouped per answered question (all slots of a question form one
 * contribution), per demographic feature, and per reported finding not linked to the condition (the structure
 * prior). Exact: baseline + Σ contributions = score_c, and P(c) = exp(score_c) / Σ_k exp(score_k).
 */
export function explainCondition(
  model: DdxLogisticModel,
  bridge: KnowledgeBridge,
  state: DdxState,
  c: number,
): ConditionExplanation {
  const terms = model.terms(state, c);
  let baseline = 0;
  const byInput = new Map<
    string,
    { label: string; value?: string | number | boolean; contribution: number }
  >();
  const add = (key: string, label: string, contribution: number, value?: string | number | boolean) => {
    const entry = byInput.get(key) ?? { label, ...(value !== undefined ? { value } : {}), contribution: 0 };
    entry.contribution += contribution;
    byInput.set(key, entry);
  };
  for (const term of terms) {
    if (term.row === 'bias') baseline += term.contribution;
    else if (term.row === 'structure') {
      const conceptId = bridge.conceptIdOf(term.code!);
      add(
        `structure:${conceptId}`,
        `${bridge.question(term.code!, {}).label}: not a finding of this condition`,
        term.contribution,
      );
    } else if (term.code === undefined) {
      const name = model.vocabulary.rowName(term.row);
      add(
        name,
        name.startsWith('age') ? `age band ${name.slice(3)} years` : `sex ${name.slice(4)}`,
        term.contribution,
      );
    } else {
      const finding = bridge.toFinding(term.code, state.answers.get(term.code)!);
      const value = Array.isArray(finding.value)
        ? finding.value.join(', ')
        : (finding.value as string | number | undefined);
      add(
        finding.conceptId,
        `${bridge.question(term.code, {}).label} (${finding.status})`,
        term.contribution,
        value ?? finding.status,
      );
    }
  }
  const contributions: Contribution[] = [...byInput.entries()]
    .map(([input, entry]) => ({ input, ...entry, unit: 'log-odds' as const }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const score = baseline + contributions.reduce((sum, x) => sum + x.contribution, 0);
  return { baseline, contributions, score };
}
