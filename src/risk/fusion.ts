import { z } from 'zod';
import type { Contribution } from '../clinical/outputs.js';
import { defineRiskEngine, percent, type RiskOutput } from './risk-engine.js';

/**
 * Evidence fusion by likelihood ratios (Bayes' theorem in odds form): post-test odds = pre-test odds × LR, one step
 * per piece of evidence, each step kept for the explanation.
 *
 * Multiplying LRs assumes the pieces of evidence are conditionally independent given the disease status. They often
 * are not (CEA rises with smoking, age and COPD, which a nodule model may already count; an image classifier and a
 * size-based model both see the nodule's size), so every piece of evidence names what it is known to correlate with
 * (`correlatesWith`), and the update warns when two pieces — or a piece and the pre-test model's inputs — overlap.
 * Sources: Bayes with LRs, e.g. Deeks JJ, Altman DG. Diagnostic tests 4: likelihood ratios. BMJ 2004;329:168-9.
 */

/** One piece of evidence, as a likelihood ratio for the target condition. */
export interface Evidence {
  readonly id: string;
  readonly label: string;
  /** P(evidence | disease) / P(evidence | no disease); > 1 raises the probability. */
  readonly likelihoodRatio: number;
  /** Where the LR comes from (paper, model card). */
  readonly source?: string;
  /** Inputs or factors this evidence is known to depend on (e.g. `smoker`, `emphysema`, `noduleDiameterMm`). */
  readonly correlatesWith?: readonly string[];
}

/** One visible step of the update. */
export interface FusionStep {
  readonly evidenceId: string;
  readonly label: string;
  readonly likelihoodRatio: number;
  readonly source?: string;
  readonly probabilityBefore: number;
  readonly oddsBefore: number;
  readonly oddsAfter: number;
  readonly probabilityAfter: number;
}

export interface FusionResult {
  readonly pretestProbability: number;
  readonly probability: number;
  readonly steps: readonly FusionStep[];
  readonly warnings: readonly string[];
}

const EPSILON = 1e-6;

function clamp(p: number): number {
  return Math.min(1 - EPSILON, Math.max(EPSILON, p));
}

export function odds(p: number): number {
  const q = clamp(p);
  return q / (1 - q);
}

export function probabilityFromOdds(o: number): number {
  return o / (1 + o);
}

/**
 * Updates a pre-test probability with evidence, step by step. `modelInputs` are the inputs the pre-test model already
 * used (e.g. Brock's `emphysema`): overlaps with an evidence's `correlatesWith` produce a warning.
 */
export function updateProbability(
  pretestProbability: number,
  evidence: readonly Evidence[],
  options: { readonly modelInputs?: readonly string[]; readonly pretestLabel?: string } = {},
): FusionResult {
  if (!(pretestProbability >= 0 && pretestProbability <= 1))
    throw new RangeError('pretestProbability must be in [0, 1]');
  const steps: FusionStep[] = [];
  let p = clamp(pretestProbability);
  for (const item of evidence) {
    if (!(item.likelihoodRatio > 0) || !Number.isFinite(item.likelihoodRatio)) {
      throw new RangeError(`likelihood ratio of '${item.id}' must be a positive finite number`);
    }
    const before = odds(p);
    const after = before * item.likelihoodRatio;
    const next = clamp(probabilityFromOdds(after));
    steps.push({
      evidenceId: item.id,
      label: item.label,
      likelihoodRatio: item.likelihoodRatio,
      ...(item.source ? { source: item.source } : {}),
      probabilityBefore: p,
      oddsBefore: before,
      oddsAfter: after,
      probabilityAfter: next,
    });
    p = next;
  }
  return { pretestProbability, probability: p, steps, warnings: dependenceWarnings(evidence, options) };
}

/** Warnings for evidence that may not be independent of other evidence or of the pre-test model's inputs. */
export function dependenceWarnings(
  evidence: readonly Evidence[],
  options: { readonly modelInputs?: readonly string[]; readonly pretestLabel?: string } = {},
): string[] {
  const warnings: string[] = [];
  const model = new Set(options.modelInputs ?? []);
  const pretest = options.pretestLabel ?? 'the pre-test model';
  for (const item of evidence) {
    const shared = (item.correlatesWith ?? []).filter((x) => model.has(x));
    if (shared.length) {
      warnings.push(
        `${item.label} may not be independent of ${pretest}: both depend on ${shared.join(', ')}; the combined probability may be overconfident.`,
      );
    }
  }
  for (let i = 0; i < evidence.length; i++) {
    for (let j = i + 1; j < evidence.length; j++) {
      const a = evidence[i]!;
      const b = evidence[j]!;
      const shared = (a.correlatesWith ?? []).filter((x) => (b.correlatesWith ?? []).includes(x));
      if (a.id === b.id) warnings.push(`${a.label} is counted twice.`);
      else if (shared.length) {
        warnings.push(
          `${a.label} and ${b.label} may not be independent (both depend on ${shared.join(', ')}).`,
        );
      }
    }
  }
  if (evidence.length > 1) {
    warnings.push('Chaining likelihood ratios assumes the pieces of evidence are conditionally independent.');
  }
  return warnings;
}

/** Evidence from a dichotomous test result with published LR+ and LR−. */
export function testResultEvidence(
  test: {
    readonly id: string;
    readonly label: string;
    readonly lrPositive: number;
    readonly lrNegative: number;
    readonly source?: string;
    readonly correlatesWith?: readonly string[];
  },
  positive: boolean,
): Evidence {
  return {
    id: test.id,
    label: `${test.label} ${positive ? 'positive' : 'negative'}`,
    likelihoodRatio: positive ? test.lrPositive : test.lrNegative,
    ...(test.source ? { source: test.source } : {}),
    ...(test.correlatesWith ? { correlatesWith: test.correlatesWith } : {}),
  };
}

/**
 * Evidence from a probabilistic classifier (e.g. an image model), for the vision engineer: a calibrated output
 * probability p of a model trained at class prevalence π corresponds to LR = odds(p) / odds(π) (Bayes' theorem:
 * the model's posterior odds divided by the prior odds it was trained under). Give `likelihoodRatio` directly
 * instead when the model card publishes LRs at an operating threshold.
 */
export function classifierEvidence(args: {
  readonly id: string;
  readonly label: string;
  readonly probability: number;
  readonly trainingPrevalence: number;
  readonly source?: string;
  readonly correlatesWith?: readonly string[];
}): Evidence {
  if (!(args.trainingPrevalence > 0 && args.trainingPrevalence < 1)) {
    throw new RangeError('trainingPrevalence must be strictly between 0 and 1');
  }
  if (!(args.probability >= 0 && args.probability <= 1))
    throw new RangeError('probability must be in [0, 1]');
  return {
    id: args.id,
    label: `${args.label} (p = ${args.probability.toFixed(3)})`,
    likelihoodRatio: odds(args.probability) / odds(args.trainingPrevalence),
    ...(args.source ? { source: args.source } : {}),
    correlatesWith: args.correlatesWith ?? ['noduleDiameterMm', 'spiculation', 'noduleType'],
  };
}

/**
 * Serum CEA for malignancy of a lung nodule: pooled LR+ 3.96 (95 % CI 2.84–5.54), LR− 0.73 (0.62–0.87) from a 2020
 * meta-analysis of 11 studies (2,760 nodules; sensitivity 0.33, specificity 0.92; I² > 90 %): "The use of
 * carcinoembryonic antigen levels to predict lung nodule malignancy: a meta-analysis", Acta Clin Belg 2020,
 * doi:10.1080/17843286.2020.1797330 ([V1] in the reference notes: one meta-analysis; the published pooled LRs are
 * used, not ones recomputed from pooled sensitivity and specificity). The studies' cut-offs varied; HealthGPT calls
 * ≥ 5 ng/mL (the usual upper reference limit) positive, which is an assumption the explanation states. CEA rises with
 * smoking, age and COPD/emphysema, so it is flagged as correlated with those model inputs.
 */
export const CEA_LUNG_NODULE = {
  id: 'cea',
  label: 'Serum CEA',
  loinc: '2039-6',
  cutoffNgMl: 5,
  lrPositive: 3.96,
  lrNegative: 0.73,
  source:
    'Meta-analysis: CEA to predict lung nodule malignancy. Acta Clin Belg 2020, doi:10.1080/17843286.2020.1797330 (LR+ 3.96, LR− 0.73).',
  correlatesWith: ['smoker', 'age', 'emphysema'],
} as const;

/** CEA evidence for a value in ng/mL (positive at ≥ 5 ng/mL). */
export function ceaEvidence(ceaNgMl: number): Evidence {
  if (!(ceaNgMl >= 0)) throw new RangeError('CEA must be ≥ 0 ng/mL');
  const positive = ceaNgMl >= CEA_LUNG_NODULE.cutoffNgMl;
  const e = testResultEvidence(CEA_LUNG_NODULE, positive);
  return {
    ...e,
    label: `Serum CEA ${ceaNgMl} ng/mL (${positive ? '≥' : '<'} ${CEA_LUNG_NODULE.cutoffNgMl}: ${positive ? 'positive' : 'negative'})`,
  };
}

/** Contributions of a fusion result: the log-LR of each step (they add to the pre-test log-odds). */
export function fusionContributions(result: FusionResult): Contribution[] {
  return result.steps.map((s) => ({
    input: s.evidenceId,
    label: s.label,
    value: s.likelihoodRatio,
    contribution: Math.log(s.likelihoodRatio),
    unit: 'log-likelihood-ratio' as const,
  }));
}

const evidenceSchema = z
  .object({
    id: z.string().min(1).max(100).describe('Short id of the evidence (e.g. cea, vision-model).'),
    label: z.string().min(1).max(200).describe('What the evidence is, for the explanation.'),
    likelihoodRatio: z
      .number({ error: 'must be a positive number' })
      .gt(0, { error: 'a likelihood ratio must be greater than 0' })
      .max(10_000, { error: 'a likelihood ratio above 10,000 is not plausible' })
      .describe('Likelihood ratio for the target condition.'),
    source: z.string().max(500).optional().describe('Where the likelihood ratio comes from.'),
    correlatesWith: z
      .array(z.string().max(100))
      .max(50)
      .optional()
      .describe('Factors this evidence depends on.'),
  })
  .strict();

export const fusionInputSchema = z
  .object({
    pretestProbability: z
      .number({ error: 'must be a probability between 0 and 1' })
      .min(0, { error: 'must be at least 0 (a probability, not a percentage)' })
      .max(1, { error: 'must be at most 1 (a probability, not a percentage)' })
      .describe('Pre-test probability (0–1), e.g. from Brock, Mayo or a score.'),
    pretestLabel: z.string().max(200).optional().describe('Where the pre-test probability came from.'),
    modelInputs: z
      .array(z.string().max(100))
      .max(50)
      .optional()
      .describe('Inputs the pre-test model already used (for dependence warnings).'),
    evidence: z
      .array(evidenceSchema)
      .min(1, { error: 'give at least one piece of evidence' })
      .max(20)
      .describe('Evidence, applied in order.'),
  })
  .strict()
  .describe('Bayesian update of a pre-test probability by likelihood ratios.');

export type FusionInput = z.infer<typeof fusionInputSchema>;

export interface FusionOutput extends RiskOutput {
  readonly probability: number;
  readonly pretestProbability: number;
  readonly steps: readonly FusionStep[];
}

export const fusionEngine = defineRiskEngine<FusionInput, FusionOutput>({
  id: 'fusion',
  family: 'lung-nodule',
  title: 'Evidence fusion by likelihood ratios',
  version: '1.0.0',
  description:
    'Updates a pre-test probability with further evidence (likelihood ratios), step by step, warning on dependence.',
  source:
    'Bayes’ theorem in odds form; Deeks JJ, Altman DG. Diagnostic tests 4: likelihood ratios. BMJ 2004;329:168-9.',
  inputSchema: fusionInputSchema,
  example: {
    pretestProbability: 0.3108,
    pretestLabel: 'Mayo model',
    modelInputs: ['age', 'smoker', 'noduleDiameterMm', 'spiculation', 'upperLobe'],
    evidence: [
      {
        id: 'cea',
        label: 'Serum CEA 6.2 ng/mL (positive)',
        likelihoodRatio: 3.96,
        source: CEA_LUNG_NODULE.source,
        correlatesWith: ['smoker', 'age', 'emphysema'],
      },
    ],
  },
  compute(input) {
    const result = updateProbability(input.pretestProbability, input.evidence, {
      ...(input.modelInputs ? { modelInputs: input.modelInputs } : {}),
      ...(input.pretestLabel ? { pretestLabel: input.pretestLabel } : {}),
    });
    const baseline = Math.log(odds(input.pretestProbability));
    return {
      output: {
        modelId: 'fusion',
        applicable: true,
        probability: result.probability,
        pretestProbability: input.pretestProbability,
        steps: result.steps,
        recommendations: [],
      },
      explanation: {
        summary: `Pre-test ${percent(input.pretestProbability)} → post-test ${percent(result.probability)} after ${result.steps.length} piece(s) of evidence.`,
        baseline,
        contributions: fusionContributions(result),
        rulesFired: result.steps.map(
          (s) =>
            `${s.label}: odds ${s.oddsBefore.toFixed(3)} × LR ${s.likelihoodRatio} = ${s.oddsAfter.toFixed(3)} (${percent(s.probabilityBefore)} → ${percent(s.probabilityAfter)})`,
        ),
        warnings: result.warnings,
      },
    };
  },
});
