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

/** What holds over all completions, computed once and shared by the output and its explanation. */
interface Summary {
  readonly list: string;
  readonly allApplicable: boolean;
  readonly noneApplicable: boolean;
  readonly probabilities?: readonly [number, number];
  readonly scores?: readonly [number, number];
  readonly categories: readonly string[];
  /** A single number only when the model applies whatever the missing values and they do not move it. */
  single(r: readonly [number, number] | undefined): r is readonly [number, number];
}

function summarise<O extends RiskOutput>(
  outputs: readonly O[],
  missing: readonly string[],
  labels: Readonly<Record<string, string>>,
): Summary {
  const applicable = outputs.filter((o) => o.applicable);
  const allApplicable = applicable.length === outputs.length;
  const probabilities = range(
    applicable.flatMap((o) => (o.probability === undefined ? [] : [o.probability])),
  );
  const scores = range(applicable.flatMap((o) => (o.score === undefined ? [] : [o.score])));
  return {
    list: missing.map((m) => labels[m] ?? m).join(', '),
    allApplicable,
    noneApplicable: applicable.length === 0,
    ...(probabilities ? { probabilities } : {}),
    ...(scores ? { scores } : {}),
    categories: [...new Set(applicable.flatMap((o) => (o.category === undefined ? [] : [o.category])))],
    single: (r): r is readonly [number, number] => allApplicable && r !== undefined && r[1] - r[0] <= EPS,
  };
}

/** The next steps every completion gives, plus one naming the unknowns when the completions disagree. */
function sharedRecommendations<O extends RiskOutput>(outputs: readonly O[], list: string): Recommendation[] {
  const first = outputs[0] as O;
  const key = (o: O) => o.recommendations.map((r) => [r.action, r.text]);
  const shared = first.recommendations.filter((r) =>
    outputs.every((o) => o.recommendations.some((x) => x.action === r.action && x.text === r.text)),
  );
  if (outputs.every((o) => same(key(o), key(first)))) return shared;
  return [
    ...shared,
    {
      text: `The next step depends on inputs not known: ${list}. Record them to get the guideline's advice for this patient.`,
      action: 'complete-missing-inputs',
      rule: `unknown inputs (${list}) change the guideline's next step`,
    },
  ];
}

function combinedOutput<O extends RiskOutput>(
  outputs: readonly O[],
  missing: readonly string[],
  sum: Summary,
): O & UnknownInputs {
  const first = outputs[0] as O;
  // Model-specific fields are kept only where every completion agrees (e.g. not a logit that moved).
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(first)) {
    if (!STANDARD.has(key) && outputs.every((o) => same((o as Record<string, unknown>)[key], value)))
      extra[key] = value;
  }
  const { probabilities, scores, categories } = sum;
  const notApplicableReason = sum.noneApplicable
    ? (first.notApplicableReason ?? 'The model does not apply.')
    : !sum.allApplicable
      ? `Whether the model applies depends on inputs not known: ${sum.list}. ${
          outputs.find((o) => !o.applicable)?.notApplicableReason ?? ''
        }`.trim()
      : undefined;
  return {
    ...extra,
    modelId: first.modelId,
    applicable: sum.allApplicable,
    ...(notApplicableReason ? { notApplicableReason } : {}),
    ...(sum.single(probabilities) ? { probability: probabilities[0] } : {}),
    ...(probabilities && !sum.single(probabilities) ? { probabilityRange: probabilities } : {}),
    ...(sum.single(scores) ? { score: scores[0] } : {}),
    ...(scores && !sum.single(scores) ? { scoreRange: scores } : {}),
    ...(categories.length === 1 && sum.allApplicable ? { category: categories[0] } : {}),
    ...(categories.length > 1 || (categories.length === 1 && !sum.allApplicable)
      ? { possibleCategories: categories }
      : {}),
    recommendations: sharedRecommendations(outputs, sum.list),
    ...(first.guideline ? { guideline: first.guideline } : {}),
    missingInputs: missing,
  } as unknown as O & UnknownInputs;
}

function combinedExplanation(
  explanations: readonly Explanation[],
  missing: readonly string[],
  sum: Summary,
): Explanation {
  const first = explanations[0] as Explanation;
  const { probabilities, scores, categories, list } = sum;
  // Contributions of the known inputs (the same in every completion); the unknown ones are listed, not scored.
  const contributions: Contribution[] = first.contributions.filter(
    (c) =>
      !missing.includes(c.input) &&
      explanations.every((e) => e.contributions.some((x) => x.input === c.input && same(x, c))),
  );
  const rules = (first.rulesFired ?? []).filter((rule) =>
    explanations.every((e) => (e.rulesFired ?? []).includes(rule)),
  );
  // Warnings every completion gives (e.g. a superseded guideline) first, then the rest once each.
  const allWarnings = [...new Set(explanations.flatMap((e) => e.warnings ?? []))];
  const everywhere = allWarnings.filter((w) => explanations.every((e) => (e.warnings ?? []).includes(w)));
  const what = probabilities
    ? sum.single(probabilities)
      ? `probability ${pct(probabilities[0])} whatever their values`
      : `probability between ${pct(probabilities[0])} and ${pct(probabilities[1])} over their possible values`
    : scores
      ? sum.single(scores)
        ? `score ${scores[0]} whatever their values`
        : `score between ${scores[0]} and ${scores[1]} over their possible values`
      : categories.length > 0
        ? `category ${categories.join(' or ')}`
        : 'no result';
  const baseline = first.baseline;
  return {
    ...(baseline !== undefined && explanations.every((e) => e.baseline === baseline) ? { baseline } : {}),
    summary: `Not known: ${list}. ${what}${
      categories.length > 1 ? `; category ${categories.join(' or ')} depending on them` : ''
    }. Record them for a single answer.`,
    contributions,
    rulesFired: rules,
    warnings: [
      ...everywhere,
      `Unknown inputs are not taken as "no": ${list}. The answer covers every value they can take.`,
      ...allWarnings.filter((w) => !everywhere.includes(w)),
    ],
  };
}

function combine<O extends RiskOutput>(
  results: readonly RiskComputation<O>[],
  missing: readonly string[],
  labels: Readonly<Record<string, string>>,
): RiskComputation<O & UnknownInputs> {
  const outputs = results.map((r) => r.output);
  const sum = summarise(outputs, missing, labels);
  return {
    output: combinedOutput(outputs, missing, sum),
    explanation: combinedExplanation(
      results.map((r) => r.explanation),
      missing,
      sum,
    ),
  };
}
