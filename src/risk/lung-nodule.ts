import { z } from 'zod';
import type { Contribution, GuidelineRef, Recommendation } from '../clinical/outputs.js';
import { BROCK_COEFFICIENTS, brockContributions, brockNotApplicable } from './brock.js';
import { ageYears, diameterMm, flag, oneOf } from './fields.js';
import { fleischnerEngine } from './fleischner.js';
import {
  ceaEvidence,
  type Evidence,
  type FusionStep,
  fusionContributions,
  updateProbability,
} from './fusion.js';
import { guidelineSet } from './guidelines.js';
import { HERDER_COEFFICIENTS } from './herder.js';
import { lungRadsEngine } from './lung-rads.js';
import { MAYO_COEFFICIENTS, mayoContributions, mayoNotApplicable, mayoProbability } from './mayo.js';
import { accpPathway, btsBrockPathway, btsHerderPathway } from './nodule-pathway.js';
import { defineRiskEngine, logistic, logOdds, percent, type RiskOutput, sumTerms } from './risk-engine.js';

/**
 * The lung nodule work-up in one call: malignancy probability from Brock (when sex is known) or Mayo, Herder after
 * PET, updated by further evidence (serum CEA, an image model's likelihood ratio) with each step visible, and the
 * imaging guideline's category and next step — Lung-RADS for a screening CT, Fleischner 2017 for an incidental
 * nodule. The guideline recommendation comes from the imaging guideline and from the probability pathway of the
 * model's own probability (BTS 2015 for Brock/Herder, ACCP 2013 for Mayo): the evidence-updated probability is
 * shown beside it, never silently substituted for the probability the guideline thresholds were set on.
 */
const imageEvidenceSchema = z
  .object({
    id: z.string().min(1).max(100),
    label: z.string().min(1).max(200),
    likelihoodRatio: z.number().gt(0, { error: 'a likelihood ratio must be greater than 0' }).max(10_000),
    source: z.string().max(500).optional(),
    correlatesWith: z.array(z.string().max(100)).max(50).optional(),
  })
  .strict()
  .describe('Further evidence as a likelihood ratio, e.g. from an image model (see classifierEvidence).');

export const lungNoduleInputSchema = z
  .object({
    age: ageYears('Age in years.'),
    sex: oneOf(
      ['female', 'male'] as const,
      'Sex; when given, Brock is the pre-test model, otherwise Mayo.',
    ).optional(),
    smoker: flag('Current or former smoker.'),
    familyHistoryLungCancer: flag('Lung cancer in a first-degree relative.').default(false),
    emphysema: flag('Emphysema on CT.').default(false),
    extrathoracicCancerOver5y: flag('Extrathoracic cancer diagnosed more than 5 years ago.').default(false),
    noduleDiameterMm: diameterMm(
      'Nodule diameter in mm (maximum diameter for Brock; the same value is used as the mean diameter for Lung-RADS and Fleischner).',
    ),
    noduleType: oneOf(['solid', 'part-solid', 'nonsolid'] as const, 'Nodule type.').default('solid'),
    solidComponentMm: diameterMm('Part-solid nodules: solid component in mm.').optional(),
    upperLobe: flag('Upper-lobe location.'),
    noduleCount: z.number().int().min(1).max(100).default(1).describe('Number of nodules on the scan.'),
    spiculation: flag('Spiculated margin.'),
    setting: oneOf(
      ['incidental', 'screening'] as const,
      'Incidental finding (Fleischner) or lung cancer screening CT (Lung-RADS).',
    ).default('incidental'),
    knownCancer: flag('Known primary cancer (Fleischner does not apply).').default(false),
    immunosuppressed: flag('Immunosuppressed (Fleischner does not apply).').default(false),
    pretestModel: oneOf(
      ['brock', 'mayo'] as const,
      'Force the pre-test model; default Brock when sex is given, else Mayo.',
    ).optional(),
    ceaNgMl: z
      .number()
      .min(0, { error: 'CEA must be ≥ 0 ng/mL' })
      .max(10_000, { error: 'CEA must be ≤ 10,000 ng/mL' })
      .optional()
      .describe('Serum CEA in ng/mL (µg/L).'),
    petUptake: oneOf(
      ['absent', 'faint', 'moderate', 'intense'] as const,
      'FDG-PET uptake, when PET-CT was done (Herder).',
    ).optional(),
    evidence: z
      .array(imageEvidenceSchema)
      .max(10)
      .optional()
      .describe('Further evidence as likelihood ratios (e.g. an image model).'),
    lungRadsVersion: oneOf(
      ['v2022', 'v1.1'] as const,
      'Lung-RADS version for screening CTs; v2022 is current.',
    ).default('v2022'),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.pretestModel === 'brock' && !input.sex)
      ctx.addIssue({ code: 'custom', path: ['sex'], message: 'Brock needs sex (female or male)' });
    if (
      input.noduleType === 'part-solid' &&
      input.solidComponentMm === undefined &&
      input.setting === 'screening'
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['solidComponentMm'],
        message: 'solidComponentMm is required for a part-solid nodule on a screening CT (Lung-RADS)',
      });
    }
  })
  .describe('Lung nodule work-up inputs.');

export type LungNoduleInput = z.input<typeof lungNoduleInputSchema>;
type Parsed = z.output<typeof lungNoduleInputSchema>;

export interface LungNoduleOutput extends RiskOutput {
  /** Probability after all evidence (0–1). */
  readonly probability?: number;
  readonly pretestModel?: 'brock' | 'mayo' | 'herder';
  readonly pretestProbability?: number;
  readonly modelProbabilities: { readonly brock?: number; readonly mayo?: number; readonly herder?: number };
  readonly steps: readonly FusionStep[];
  /** The imaging guideline's category (Lung-RADS, or a Fleischner row). */
  readonly category?: string;
  readonly imagingGuideline?: GuidelineRef;
}

export const lungNoduleEngine = defineRiskEngine<typeof lungNoduleInputSchema, LungNoduleOutput>({
  id: 'lung-nodule',
  family: 'lung-nodule',
  title: 'Lung nodule work-up',
  version: '1.0.0',
  description:
    'Malignancy probability (Brock or Mayo, Herder after PET), updated with CEA or image-model evidence, plus the Lung-RADS or Fleischner category and next step.',
  source:
    'Brock (McWilliams NEJM 2013), Mayo (Swensen 1997), Herder (Chest 2005), CEA meta-analysis (Acta Clin Belg 2020), Lung-RADS v2022, Fleischner 2017, BTS 2015, ACCP 2013.',
  validation: {
    // Its models are published; the composite (shared inputs, CEA likelihood ratio, pathway choice) is not validated.
    status: 'experimental',
    metrics: [
      {
        name: 'malignancy discrimination of the composite',
        dataset:
          'none: not measured (docs/benchmarks.md checks only size-only Brock and Mayo on LUNA16 reader ratings)',
        evidence: 'none',
        reference: 'docs/risk.md',
      },
    ],
  },
  inputSchema: lungNoduleInputSchema,
  example: { age: 58, smoker: true, noduleDiameterMm: 9, upperLobe: true, spiculation: true, ceaNgMl: 6.2 },
  compute(input) {
    return computeLungNodule(input);
  },
});

function computeLungNodule(input: Parsed) {
  const warnings: string[] = [];
  const rules: string[] = [];
  const recommendations: Recommendation[] = [];
  const brockInput = input.sex
    ? {
        age: input.age,
        sex: input.sex,
        familyHistoryLungCancer: input.familyHistoryLungCancer,
        emphysema: input.emphysema,
        noduleDiameterMm: input.noduleDiameterMm,
        noduleType: input.noduleType,
        upperLobe: input.upperLobe,
        noduleCount: input.noduleCount,
        spiculation: input.spiculation,
      }
    : undefined;
  const mayoInput = {
    age: input.age,
    smoker: input.smoker,
    extrathoracicCancerOver5y: input.extrathoracicCancerOver5y,
    noduleDiameterMm: input.noduleDiameterMm,
    spiculation: input.spiculation,
    upperLobe: input.upperLobe,
  };
  const brockReason = brockInput ? brockNotApplicable(brockInput) : 'sex not given';
  const mayoReason = mayoNotApplicable(mayoInput);
  const brockTerms = brockInput && !brockReason ? brockContributions(brockInput) : undefined;
  const brockP = brockTerms ? logistic(sumTerms(brockTerms, BROCK_COEFFICIENTS.intercept)) : undefined;
  const mayoP = mayoReason ? undefined : mayoProbability(mayoInput);

  const chosen = input.pretestModel ?? (brockP !== undefined ? 'brock' : 'mayo');
  let model: LungNoduleOutput['pretestModel'];
  let baseline: number | undefined;
  let modelTerms: Contribution[] = [];
  let modelInputs: string[] = [];
  let pretest: number | undefined;
  let herderP: number | undefined;
  let pathwayGuideline: GuidelineRef | undefined;
  if (input.petUptake && mayoP !== undefined) {
    model = 'herder';
    modelTerms = [
      logOdds(
        'mayoProbability',
        `Mayo probability ${percent(mayoP)} × 3.691`,
        Number(mayoP.toFixed(4)),
        HERDER_COEFFICIENTS.mayoProbability * mayoP,
      ),
      logOdds('petUptake', 'FDG-PET uptake', input.petUptake, HERDER_COEFFICIENTS.pet[input.petUptake]),
    ];
    baseline = HERDER_COEFFICIENTS.intercept;
    herderP = logistic(sumTerms(modelTerms, baseline));
    pretest = herderP;
    modelInputs = ['age', 'smoker', 'noduleDiameterMm', 'spiculation', 'upperLobe', 'petUptake'];
    const pathway = btsHerderPathway(guidelineSet('bts-pulmonary-nodules'), herderP);
    recommendations.push(...pathway.recommendations);
    rules.push(...pathway.rules);
    pathwayGuideline = pathway.guideline;
  } else if (chosen === 'brock' && brockTerms && brockP !== undefined) {
    model = 'brock';
    modelTerms = brockTerms;
    baseline = BROCK_COEFFICIENTS.intercept;
    pretest = brockP;
    modelInputs = [
      'age',
      'sex',
      'familyHistoryLungCancer',
      'emphysema',
      'noduleDiameterMm',
      'noduleType',
      'upperLobe',
      'noduleCount',
      'spiculation',
    ];
    const pathway = btsBrockPathway(guidelineSet('bts-pulmonary-nodules'), brockP, input.noduleDiameterMm);
    recommendations.push(...pathway.recommendations);
    rules.push(...pathway.rules);
    pathwayGuideline = pathway.guideline;
  } else if (mayoP !== undefined) {
    model = 'mayo';
    modelTerms = mayoContributions(mayoInput);
    baseline = MAYO_COEFFICIENTS.intercept;
    pretest = mayoP;
    modelInputs = [
      'age',
      'smoker',
      'extrathoracicCancerOver5y',
      'noduleDiameterMm',
      'spiculation',
      'upperLobe',
    ];
    if (chosen === 'brock') warnings.push(`Brock not used (${brockReason}); Mayo used instead.`);
    const pathway = accpPathway(guidelineSet('accp-lung-nodules'), mayoP, input.noduleDiameterMm);
    recommendations.push(...pathway.recommendations);
    rules.push(...pathway.rules);
    pathwayGuideline = pathway.guideline;
  } else {
    warnings.push(`No malignancy model applies: Brock — ${brockReason}; Mayo — ${mayoReason}`);
  }
  if (input.petUptake && mayoP === undefined)
    warnings.push(`Herder not used: it needs the Mayo model (${mayoReason})`);

  // Further evidence.
  const evidence: Evidence[] = [];
  if (input.ceaNgMl !== undefined) evidence.push(ceaEvidence(input.ceaNgMl));
  for (const item of input.evidence ?? []) evidence.push(item);
  let probability = pretest;
  let steps: readonly FusionStep[] = [];
  let evidenceTerms: Contribution[] = [];
  if (pretest !== undefined && evidence.length) {
    const fused = updateProbability(pretest, evidence, { modelInputs, pretestLabel: `the ${model} model` });
    probability = fused.probability;
    steps = fused.steps;
    evidenceTerms = fusionContributions(fused);
    warnings.push(...fused.warnings);
    if (input.ceaNgMl !== undefined) {
      rules.push(`CEA cut-off ${5} ng/mL (assumed; the meta-analysis pooled studies with varying cut-offs)`);
    }
    warnings.push(
      `The guideline thresholds were set on the ${model} probability (${percent(pretest)}); the evidence-updated ${percent(fused.probability)} is shown for information and does not replace the guideline's next step.`,
    );
  }

  // Imaging guideline.
  let category: string | undefined;
  let imagingGuideline: GuidelineRef | undefined;
  if (input.setting === 'screening') {
    const result = lungRadsEngine.run({
      version: input.lungRadsVersion,
      scan: 'baseline',
      finding: input.noduleType,
      meanDiameterMm: input.noduleDiameterMm,
      ...(input.solidComponentMm !== undefined ? { solidComponentMm: input.solidComponentMm } : {}),
      suspiciousFeatures: input.spiculation,
    });
    category = result.output.category ? `Lung-RADS ${result.output.category}` : undefined;
    imagingGuideline = result.output.guideline;
    recommendations.unshift(...result.output.recommendations);
    rules.unshift(...(result.explanation.rulesFired ?? []));
    warnings.push(...(result.explanation.warnings ?? []));
    warnings.push(
      'Lung-RADS uses the mean diameter (long + short axis)/2; the single diameter given was used for it.',
    );
  } else {
    const highRisk =
      input.smoker ||
      input.familyHistoryLungCancer ||
      input.emphysema ||
      input.spiculation ||
      input.upperLobe;
    rules.push(
      `Fleischner risk: ${highRisk ? 'high' : 'low'} (high when any of smoking, family history, emphysema, spiculation, upper lobe)`,
    );
    const result = fleischnerEngine.run({
      age: input.age,
      screening: false,
      knownCancer: input.knownCancer,
      immunosuppressed: input.immunosuppressed,
      noduleType: input.noduleType,
      noduleDiameterMm: input.noduleDiameterMm,
      ...(input.solidComponentMm !== undefined ? { solidComponentMm: input.solidComponentMm } : {}),
      multiple: input.noduleCount > 1,
      highRisk,
    });
    imagingGuideline = result.output.guideline;
    if (result.output.applicable) {
      category = `Fleischner ${result.output.category}`;
      recommendations.unshift(...result.output.recommendations);
      rules.unshift(...(result.explanation.rulesFired ?? []));
      warnings.push(...(result.explanation.warnings ?? []));
    } else {
      warnings.push(result.output.notApplicableReason ?? 'Fleischner 2017 does not apply.');
    }
  }
  const applicable = probability !== undefined || category !== undefined;
  const contributions = [...modelTerms, ...evidenceTerms];
  return {
    output: {
      modelId: 'lung-nodule',
      applicable,
      ...(applicable ? {} : { notApplicableReason: warnings.join(' ') }),
      ...(probability !== undefined ? { probability } : {}),
      ...(model ? { pretestModel: model } : {}),
      ...(pretest !== undefined ? { pretestProbability: pretest } : {}),
      modelProbabilities: {
        ...(brockP !== undefined ? { brock: brockP } : {}),
        ...(mayoP !== undefined ? { mayo: mayoP } : {}),
        ...(herderP !== undefined ? { herder: herderP } : {}),
      },
      steps,
      ...(category ? { category } : {}),
      ...(imagingGuideline ? { imagingGuideline } : {}),
      recommendations,
      ...(pathwayGuideline
        ? { guideline: pathwayGuideline }
        : imagingGuideline
          ? { guideline: imagingGuideline }
          : {}),
    } satisfies LungNoduleOutput,
    explanation: {
      summary: [
        pretest !== undefined ? `${model} ${percent(pretest)}` : 'no malignancy model applies',
        steps.length ? `after evidence ${percent(probability ?? 0)}` : undefined,
        category,
      ]
        .filter(Boolean)
        .join('; '),
      ...(baseline !== undefined ? { baseline } : {}),
      contributions,
      rulesFired: rules,
      warnings,
    },
  };
}
