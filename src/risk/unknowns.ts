import { z } from 'zod';
import type { Contribution, Explanation, Recommendation } from '../clinical/outputs.js';
import type { RiskComputation, RiskOutput } from './risk-engine.js';

/**
 * Unknown stays unknown. A risk model's input that the record does not establish (has the patient smoked? is the
 * nodule spiculated?) is never taken as "no". An engine declares which inputs may be unknown and the values each
 * can take (`Unknowable`); when some are missing (left out, or sent as `'unknown'`), the engine computes the model
 * for every completion of the missing values and answers with what holds over all of them:
 *
 * - a probability or score that does not depend on them is given as usual; one that does is not given as a single
 *   number: `probabilityRange` / `scoreRange` is the minimum–maximum over all completions;
 * - a category is given only when every completion gives the same one (else `possibleCategories`);
 * - recommendations are those every completion gives, plus one saying which missing inputs the next step depends on;
 * - the model applies only if it applies for every completion; `missingInputs` names what was missing.
 *
 * Sending an input as `'unknown'` gives exactly the output of leaving it out.
 */
export type Unknowable = Readonly<Record<string, readonly unknown[]>>;

/** The values of a yes/no input. */
export const YES_NO = [false, true] as const;

/** An input that may also be sent as `'unknown'` (or left out): the model then answers over its possible values. */
export function maybeUnknown<T extends z.ZodType>(schema: T) {
  return z
    .union([schema, z.literal('unknown')])
    .optional()
    .describe(`${schema.description ?? ''} Leave out or send "unknown" when not known.`.trim());
}

/** What an answer over unknown inputs adds to a risk output. */
export interface UnknownInputs {
  /** Inputs that were not known; the answer holds over all their values. */
  readonly missingInputs?: readonly string[];
  /** Minimum and maximum probability over the missing inputs' values (when it depends on them). */
  readonly probabilityRange?: readonly [number, number];
  /** Minimum and maximum score over the missing inputs' values (when it depends on them). */
  readonly scoreRange?: readonly [number, number];
  /** The categories the missing inputs' values lead to (when they differ). */
  readonly possibleCategories?: readonly string[];
}

/** The unknowable inputs left out or sent as `'unknown'`, in declaration order. */
export function missingInputs(input: Readonly<Record<string, unknown>>, unknowable: Unknowable): string[] {
  return Object.keys(unknowable).filter((key) => input[key] === undefined || input[key] === 'unknown');
}

/** The input without its unknown fields (so that `'unknown'` and leaving out are one case). */
export function withoutUnknowns<T extends Record<string, unknown>>(input: T, missing: readonly string[]): T {
  const copy: Record<string, unknown> = { ...input };
  for (const key of missing) delete copy[key];
  return copy as T;
}

/** Every completion of the missing inputs (the Cartesian product of their values). */
export function completions(
  input: Readonly<Record<string, unknown>>,
  missing: readonly string[],
  unknowable: Unknowable,
): Record<string, unknown>[] {
  let all: Record<string, unknown>[] = [{ ...input }];
  for (const key of missing) {
    const values = unknowable[key] ?? [];
    all = all.flatMap((partial) => values.map((value) => ({ ...partial, [key]: value })));
  }
  return all;
}

const STANDARD = new Set([
  'modelId',
  'applicable',
  'notApplicableReason',
  'probability',
  'score',
  'category',
  'recommendations',
  'guideline',
]);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const EPS = 1e-12;

function range(values: readonly number[]): readonly [number, number] | undefined {
  if (values.length === 0) return undefined;
  return [Math.min(...values), Math.max(...values)];
}

const pct = (p: number) => `${(p * 100).toFixed(1)} %`;

/**
 * Runs `compute` for every completion of the missing inputs and combines the answers as described above. With no
 * missing input it is `compute(input)` unchanged.
 */
export function computeOverUnknowns<I extends Record<string, unknown>, O extends RiskOutput>(
  input: I,
  unknowable: Unknowable,
  compute: (complete: I) => RiskComputation<O>,
  labels: Readonly<Record<string, string>> = {},
): RiskComputation<O & UnknownInputs> {
  const missing = missingInputs(input, unknowable);
  const known = withoutUnknowns(input, missing);
  if (missing.length === 0) return compute(known);
  const results = completions(known, missing, unknowable).map((c) => compute(c as I));
  return combine(results, missing, labels);
}

function combine<O extends RiskOutput>(
  results: readonly RiskComputation<O>[],
  missing: readonly string[],
  labels: Readonly<Record<string, string>>,
): RiskComputation<O & UnknownInputs> {
  const first = results[0] as RiskComputation<O>;
  const names = missing.map((m) => labels[m] ?? m);
  const list = names.join(', ');
  const outputs = results.map((r) => r.output);
  const applicable = outputs.filter((o) => o.applicable);
  const probabilities = range(
    applicable.flatMap((o) => (o.probability === undefined ? [] : [o.probability])),
  );
  const scores = range(applicable.flatMap((o) => (o.score === undefined ? [] : [o.score])));
  const categories = [...new Set(applicable.flatMap((o) => (o.category === undefined ? [] : [o.category])))];
  const allApplicable = applicable.length === outputs.length;
  const noneApplicable = applicable.length === 0;

  // Model-specific fields are kept only where every completion agrees (e.g. not a logit that moved).
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(first.output)) {
    if (!STANDARD.has(key) && outputs.every((o) => same((o as Record<string, unknown>)[key], value)))
      extra[key] = value;
  }
  const sharedRecommendations = first.output.recommendations.filter((r) =>
    outputs.every((o) => o.recommendations.some((x) => x.action === r.action && x.text === r.text)),
  );
  const recommendationsDiffer = outputs.some(
    (o) =>
      !same(
        o.recommendations.map((r) => [r.action, r.text]),
        first.output.recommendations.map((r) => [r.action, r.text]),
      ),
  );
  const recommendations: Recommendation[] = [...sharedRecommendations];
  if (recommendationsDiffer) {
    recommendations.push({
      text: `The next step depends on inputs not known: ${list}. Record them to get the guideline's advice for this patient.`,
      action: 'complete-missing-inputs',
      rule: `unknown inputs (${list}) change the guideline's next step`,
    });
  }

  // A single number only when the model applies whatever the missing values and they do not move it.
  const single = (r: readonly [number, number] | undefined) =>
    allApplicable && r !== undefined && r[1] - r[0] <= EPS;
  const output = {
    ...extra,
    modelId: first.output.modelId,
    applicable: !noneApplicable && allApplicable,
    ...(noneApplicable
      ? { notApplicableReason: first.output.notApplicableReason ?? 'The model does not apply.' }
      : !allApplicable
        ? {
            notApplicableReason: `Whether the model applies depends on inputs not known: ${list}. ${
              outputs.find((o) => !o.applicable)?.notApplicableReason ?? ''
            }`.trim(),
          }
        : {}),
    ...(single(probabilities) ? { probability: probabilities?.[0] } : {}),
    ...(probabilities && !single(probabilities) ? { probabilityRange: probabilities } : {}),
    ...(single(scores) ? { score: scores?.[0] } : {}),
    ...(scores && !single(scores) ? { scoreRange: scores } : {}),
    ...(categories.length === 1 && allApplicable ? { category: categories[0] } : {}),
    ...(categories.length > 1 || (categories.length === 1 && !allApplicable)
      ? { possibleCategories: categories }
      : {}),
    recommendations,
    ...(first.output.guideline ? { guideline: first.output.guideline } : {}),
    missingInputs: missing,
  } as unknown as O & UnknownInputs;

  // Contributions of the known inputs (the same in every completion); the unknown ones are listed, not scored.
  const contributions: Contribution[] = first.explanation.contributions.filter(
    (c) =>
      !missing.includes(c.input) &&
      results.every((r) => r.explanation.contributions.some((x) => x.input === c.input && same(x, c))),
  );
  const rules = (first.explanation.rulesFired ?? []).filter((rule) =>
    results.every((r) => (r.explanation.rulesFired ?? []).includes(rule)),
  );
  // Warnings every completion gives (e.g. a superseded guideline) first, then the rest once each.
  const allWarnings = [...new Set(results.flatMap((r) => r.explanation.warnings ?? []))];
  const everywhere = allWarnings.filter((w) =>
    results.every((r) => (r.explanation.warnings ?? []).includes(w)),
  );
  const warnings = allWarnings.filter((w) => !everywhere.includes(w));
  const what = probabilities
    ? single(probabilities)
      ? `probability ${pct(probabilities[0])} whatever their values`
      : `probability between ${pct(probabilities[0])} and ${pct(probabilities[1])} over their possible values`
    : scores
      ? single(scores)
        ? `score ${scores[0]} whatever their values`
        : `score between ${scores[0]} and ${scores[1]} over their possible values`
      : categories.length > 0
        ? `category ${categories.join(' or ')}`
        : 'no result';
  const baseline = first.explanation.baseline;
  const sharedBaseline =
    baseline !== undefined && results.every((r) => r.explanation.baseline === baseline) ? { baseline } : {};
  const explanation: Explanation = {
    ...sharedBaseline,
    summary: `Not known: ${list}. ${what}${
      categories.length > 1 ? `; category ${categories.join(' or ')} depending on them` : ''
    }. Record them for a single answer.`,
    contributions,
    rulesFired: rules,
    warnings: [
      ...everywhere,
      `Unknown inputs are not taken as "no": ${list}. The answer covers every value they can take.`,
      ...warnings,
    ],
  };
  return { output, explanation };
}
