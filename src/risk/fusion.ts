import { z } from 'zod';
import type { Contribution } from '../clinical/outputs.js';
import {
  type Evidence,
  type FusionResult,
  type FusionStep,
  odds,
  testResultEvidence,
  updateProbability,
} from '../ml/likelihood-ratio.js';
import { defineRiskEngine, percent, type RiskOutput } from './risk-engine.js';

/**
 * Evidence fusion by likelihood ratios for the lung-nodule risk models. The odds arithmetic, evidence types and
 * dependence warnings are the shared ones in `src/ml/likelihood-ratio.ts` (also used by vision and diagnosis);
 * this file holds the nodule-specific evidence (serum CEA) and the `fusion` engine.
 */
export {
  classifierEvidence,
  dependenceWarnings,
  type Evidence,
  type FusionResult,
  type FusionStep,
  odds,
  probabilityFromOdds,
  testResultEvidence,
  updateProbability,
} from '../ml/likelihood-ratio.js';

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

export const fusionEngine = defineRiskEngine<typeof fusionInputSchema, FusionOutput>({
  id: 'fusion',
  family: 'lung-nodule',
  title: 'Evidence fusion by likelihood ratios',
  version: '1.0.0',
  description:
    'Updates a pre-test probability with further evidence (likelihood ratios), step by step, warning on dependence.',
  source:
    'Bayes’ theorem in odds form; Deeks JJ, Altman DG. Diagnostic tests 4: likelihood ratios. BMJ 2004;329:168-9.',
  validation: {
    // The fusion multiplies likelihood ratios as if independent: its combined output has not been validated.
    status: 'experimental',
    metrics: [
      {
        name: 'calibration of the fused probability',
        dataset: 'none: not measured',
        evidence: 'none',
        reference: 'docs/risk.md',
        note: 'each likelihood ratio comes from its own published source; their product assumes conditional independence',
      },
    ],
  },
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
