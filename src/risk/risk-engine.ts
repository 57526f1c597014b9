import type { z } from 'zod';
import type { Assessment } from '../clinical/assessment.js';
import type { ClinicalCase } from '../clinical/case.js';
import type {
  Contribution,
  Explanation,
  GuidelineRef,
  Recommendation,
  RiskEstimate,
} from '../clinical/outputs.js';
import type { CdsCard } from '../engine/cds-card.js';
import {
  defineEngine,
  type EngineComputation,
  type EngineValidation,
  type SyncEngine,
} from '../engine/engine.js';
import { type GuidelineSet, guidelineRef, supersededWarning } from './guidelines.js';
import type { UnknownInputs } from './unknowns.js';

/**
 * What every risk engine returns: a `RiskEstimate` (probability, score or category, and whether the model applies
 * to this patient) plus the recommendations of the guideline set it used. Model-specific fields are added by each
 * engine (e.g. TI-RADS `points`, `level`).
 */
export interface RiskOutput extends RiskEstimate {
  readonly recommendations: readonly Recommendation[];
  readonly guideline?: GuidelineRef;
}

/** The model family an engine belongs to: one CDS Hooks service per family. */
export type RiskFamily =
  | 'lung-nodule'
  | 'thyroid-nodule'
  | 'pneumonia'
  | 'pulmonary-embolism'
  | 'atrial-fibrillation'
  | 'sepsis'
  | 'diabetes';

/** What a risk model's pure computation returns before provenance is stamped. */
export interface RiskComputation<Output extends RiskOutput> {
  readonly output: Output;
  readonly explanation: Explanation;
}

export interface RiskEngineDefinition<S extends z.ZodType, Output extends RiskOutput> {
  /** The model id (`brock`); the engine id is `risk.<id>`, and the bare id stays an alias. */
  readonly id: string;
  readonly family: RiskFamily;
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly source: string;
  readonly validation: EngineValidation;
  readonly inputSchema: S;
  /** Input of the worked example shown in the calculator and `GET /v1/risk`. */
  readonly example: z.input<S>;
  compute(input: z.output<S>): RiskComputation<Output>;
  fromCase?(clinicalCase: ClinicalCase): z.input<S> | undefined;
}

/** A risk engine: an `Engine` plus its model id, family and a worked example input. */
export interface RiskEngine<S extends z.ZodType = z.ZodType, Output extends RiskOutput = RiskOutput>
  extends SyncEngine<S, Output> {
  /** The bare model id (`brock`), as `RiskOutput.modelId`, the case prefill and the CDS services name it. */
  readonly modelId: string;
  readonly family: RiskFamily;
  readonly example: z.input<S>;
}

// biome-ignore lint/suspicious/noExplicitAny: a list holds risk engines of every input/output type.
export type AnyRiskEngine = RiskEngine<any, RiskOutput>;

/**
 * The validation of a published score or guideline implemented exactly as published (worked examples in its
 * tests): `validated`, on the evidence of the source publication. No number is quoted unless one of this
 * repository's benchmarks measured it.
 */
export function publishedValidation(
  source: string,
  what = 'discrimination and calibration',
): EngineValidation {
  return {
    status: 'validated',
    metrics: [
      {
        name: `${what} as published`,
        dataset: 'the derivation and validation cohorts of the source publication',
        evidence: 'publication',
        reference: source,
      },
    ],
  };
}

/**
 * What baseline + contributions of a risk output add up to: the score for point scores, the log-odds of the
 * probability for probability models; nothing for a category-only or not-applicable output.
 */
export function riskAdditiveTotal(output: RiskOutput): number | undefined {
  if (!output.applicable) return undefined;
  if (output.score !== undefined) return output.score;
  if (output.probability !== undefined) return logit(output.probability);
  return undefined;
}

/**
 * Builds a risk engine with `defineEngine` (output kind `risk`, id `risk.<model id>`): validates in `run`, stamps
 * provenance with the guideline set used, and gives a CDS card.
 */
export function defineRiskEngine<S extends z.ZodType, Output extends RiskOutput>(
  definition: RiskEngineDefinition<S, Output>,
): RiskEngine<S, Output> {
  const { id, family, example, compute, fromCase, ...info } = definition;
  const engine = defineEngine({
    ...info,
    id: `risk.${id}`,
    aliases: [id],
    outputKind: 'risk',
    exampleInput: example,
    additiveTotal: riskAdditiveTotal,
    compute(input: z.output<S>): EngineComputation<Output> {
      const { output, explanation } = compute(input);
      return {
        output,
        explanation,
        ...(output.guideline ? { provenance: { guideline: output.guideline } } : {}),
      };
    },
    toCard: (assessment: Assessment) => riskCard(definition.title, assessment),
    ...(fromCase ? { fromCase } : {}),
  });
  return { ...engine, modelId: id, family, example };
}

/** The standard logistic function, 1 / (1 + e^-x). */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Natural log of the odds p / (1 − p). */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/** Sum of the contributions plus the baseline: what the explanation says the result is. */
export function explanationTotal(explanation: Explanation): number {
  return explanation.contributions.reduce((sum, c) => sum + c.contribution, explanation.baseline ?? 0);
}

/** A contribution in log-odds. */
export function logOdds(
  input: string,
  label: string,
  value: Contribution['value'],
  contribution: number,
): Contribution {
  return { input, label, value, contribution, unit: 'log-odds' };
}

/** A contribution in points. */
export function points(
  input: string,
  label: string,
  value: Contribution['value'],
  contribution: number,
): Contribution {
  return { input, label, value, contribution, unit: 'points' };
}

/** A recommendation from a guideline set, with the rule that fired. */
export function recommend(set: GuidelineSet, action: string, text: string, rule: string): Recommendation {
  return { text, action, rule, guideline: guidelineRef(set) };
}

/** Warnings list with the superseded-guideline warning first when the set is not current. */
export function guidelineWarnings(set: GuidelineSet, warnings: readonly string[] = []): string[] {
  const superseded = supersededWarning(set);
  return superseded ? [superseded, ...warnings] : [...warnings];
}

/** The output of a model that does not apply to this patient: no number, and why. */
export function notApplicable<Extra extends object>(
  modelId: string,
  reason: string,
  extra: Extra,
): RiskOutput & Extra & { applicable: false } {
  return { modelId, applicable: false, notApplicableReason: reason, recommendations: [], ...extra };
}

/**
 * The answer of a score derived and validated in adults only, for a patient under 18: not applicable, with the
 * guideline named. `scoreName` is how a sentence names the score ('CURB-65', 'the Wells score').
 */
export function notForChildren(modelId: string, scoreName: string, set: GuidelineSet) {
  const sentenceName = scoreName.charAt(0).toUpperCase() + scoreName.slice(1);
  return {
    output: notApplicable(
      modelId,
      `${sentenceName} was derived and validated in adults; it is not for children.`,
      {
        guideline: guidelineRef(set),
      },
    ),
    explanation: { summary: `Not applicable: ${scoreName} is for adults.`, contributions: [] },
  };
}

/** Percent with one decimal, for summaries. */
export function percent(p: number): string {
  return `${(p * 100).toFixed(1)} %`;
}

/** A CDS Hooks card from a stored risk assessment: the number or category, and the first next step. */
export function riskCard(title: string, assessment: Assessment): CdsCard | undefined {
  // The engine's own output first: it carries the ranges and missing inputs of an answer over unknown inputs.
  const output = assessment.output as (RiskOutput & UnknownInputs) | undefined;
  const risk =
    output && typeof output.applicable === 'boolean' ? { ...assessment.risk, ...output } : assessment.risk;
  if (!risk) return undefined;
  const recommendations =
    assessment.recommendations ?? (assessment.output as RiskOutput | undefined)?.recommendations ?? [];
  return cardFor(title, risk, recommendations, assessment.explanation);
}

/** A CDS Hooks card for a risk output. `indicator` is `warning` for categories that call for action. */
export function cardFor(
  title: string,
  risk: RiskEstimate,
  recommendations: readonly Recommendation[],
  explanation: Explanation,
): CdsCard {
  if (!risk.applicable) {
    return {
      summary: truncate(`${title}: not applicable`),
      detail: risk.notApplicableReason ?? 'The model does not apply to this patient.',
      indicator: 'info',
      source: { label: `HealthGPT ${title}` },
    };
  }
  const parts: string[] = [];
  const unknown = risk as RiskEstimate & UnknownInputs;
  if (risk.probability !== undefined) parts.push(percent(risk.probability));
  else if (unknown.probabilityRange)
    parts.push(`${percent(unknown.probabilityRange[0])}–${percent(unknown.probabilityRange[1])}`);
  if (risk.score !== undefined) parts.push(`score ${risk.score}`);
  else if (unknown.scoreRange) parts.push(`score ${unknown.scoreRange[0]}–${unknown.scoreRange[1]}`);
  if (risk.category !== undefined) parts.push(`category ${risk.category}`);
  else if (unknown.possibleCategories?.length)
    parts.push(`category ${unknown.possibleCategories.join(' or ')}`);
  if (unknown.missingInputs?.length) parts.push(`not known: ${unknown.missingInputs.join(', ')}`);
  const next = recommendations[0];
  const detailLines = [
    ...(explanation.summary ? [explanation.summary] : []),
    ...recommendations.map(
      (r) =>
        `- ${r.text}${r.guideline ? ` (${r.guideline.title} ${r.guideline.version}${r.guideline.current ? '' : ', NOT CURRENT'})` : ''}`,
    ),
    ...(explanation.warnings ?? []).map((w) => `Warning: ${w}`),
    'Decision support for clinicians, not a diagnosis.',
  ];
  const urgent = recommendations.some((r) =>
    [
      'tissue-sampling',
      'pet-ct',
      'fna',
      'hospital',
      'icu',
      'ctpa',
      'anticoagulate',
      'sepsis-workup',
    ].includes(r.action ?? ''),
  );
  return {
    summary: truncate(`${title}: ${parts.join(', ')}${next ? `. Next: ${next.text}` : ''}`),
    detail: detailLines.join('\n'),
    indicator: urgent ? 'warning' : 'info',
    source: { label: `HealthGPT ${title}` },
  };
}

/** CDS Hooks: the summary is a "<140-character" sentence. */
function truncate(text: string): string {
  return text.length < 140 ? text : `${text.slice(0, 138)}…`;
}

/** Baseline plus the sum of the terms' contributions (the linear predictor or total score). */
export function sumTerms(terms: readonly Contribution[], baseline: number): number {
  return terms.reduce<number>((sum, term) => sum + term.contribution, baseline);
}
