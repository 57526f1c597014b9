import { z } from 'zod';
import type { Contribution, GuidelineRef, Recommendation } from '../clinical/outputs.js';
import { BROCK_COEFFICIENTS, brockContributions, brockNotApplicable } from './brock.js';
import { ageYears, flag, lungDiameterMm, oneOf, typeError, volumeMm3 } from './fields.js';
import { fleischnerEngine } from './fleischner.js';
import { ceaEvidence, type Evidence, type FusionStep, updateProbability } from './fusion.js';
import { guidelineSet } from './guidelines.js';
import { HERDER_COEFFICIENTS } from './herder.js';
import { lungRadsEngine } from './lung-rads.js';
import { MAYO_COEFFICIENTS, mayoContributions, mayoNotApplicable, mayoProbability } from './mayo.js';
import { tenths } from './measure.js';
import { accpPathway, btsBrockPathway, btsHerderPathway } from './nodule-pathway.js';
import {
  defineRiskEngine,
  logistic,
  logOdds,
  percent,
  type RiskComputation,
  type RiskOutput,
  sumTerms,
} from './risk-engine.js';
import {
  computeOverUnknowns,
  maybeUnknown,
  type Unknowable,
  type UnknownInputs,
  YES_NO,
} from './unknowns.js';

/**
 * The lung nodule work-up in one call: malignancy probability from Brock (when sex is known) or Mayo, Herder after
 * PET, updated by further evidence (serum CEA, an image model's likelihood ratio) with each step visible, and the
 * imaging guideline's category and next step — Lung-RADS for a screening CT, Fleischner 2017 for an incidental
 * nodule. The guideline recommendation comes from the imaging guideline and from the probability pathway of the
 * model's own probability (BTS 2015 for Brock/Herder, ACCP 2013 for Mayo). The headline `probability` is the
 * validated model's (Brock, Mayo, or Herder after PET); the evidence-updated probability follows it
 * (`probabilityAfterEvidence`, with each step), never substituted for the number the guideline thresholds were set
 * on. Yes/no risk factors the record does not establish stay unknown: the answer then covers all their values.
 *
 * One completion of the work-up is four steps, each its own function: the malignancy models (`malignancyModels`),
 * the headline model and its probability pathway (`pretestModel`), the further evidence (`furtherEvidence`) and the
 * imaging guideline (`imagingGuideline`); `computeLungNodule` puts them together.
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
    smoker: maybeUnknown(flag('Current or former smoker (Mayo).')),
    familyHistoryLungCancer: maybeUnknown(flag('Lung cancer in a first-degree relative (Brock).')),
    emphysema: maybeUnknown(flag('Emphysema on CT (Brock). A COPD diagnosis alone is not emphysema on CT.')),
    extrathoracicCancerOver5y: maybeUnknown(
      flag('Extrathoracic cancer diagnosed more than 5 years ago (Mayo).'),
    ),
    noduleDiameterMm: lungDiameterMm(
      'Nodule diameter in mm (maximum diameter for Brock; the same value is used as the mean diameter for Lung-RADS and Fleischner). Over 30 mm is a mass.',
    ),
    noduleVolumeMm3: volumeMm3(
      'Nodule volume in mm³ from volumetry, when measured (BTS 2015 then follows solid nodules by volume).',
    ).optional(),
    noduleType: oneOf(
      ['solid', 'part-solid', 'nonsolid'] as const,
      'Nodule type: solid, part-solid, or nonsolid (pure ground-glass).',
    ),
    solidComponentMm: lungDiameterMm('Part-solid nodules: solid component in mm.').optional(),
    upperLobe: maybeUnknown(flag('Upper-lobe location.')),
    noduleCount: z
      .number({ error: typeError('must be a whole number of nodules') })
      .int({ error: 'must be a whole number of nodules' })
      .min(1, { error: 'must be at least 1 (the nodule being assessed)' })
      .max(100, { error: 'must be at most 100' })
      .describe(
        'Total number of nodules on the scan, including this one (Brock; Fleischner single or multiple).',
      ),
    spiculation: maybeUnknown(flag('Spiculated margin.')),
    setting: oneOf(
      ['incidental', 'screening'] as const,
      'Incidental finding (Fleischner) or lung cancer screening CT (Lung-RADS). Default incidental.',
    ).default('incidental'),
    knownCancer: maybeUnknown(flag('Known primary cancer (Fleischner does not apply).')),
    immunosuppressed: maybeUnknown(flag('Immunosuppressed (Fleischner does not apply).')),
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
      'FDG-PET uptake, when PET-CT was done (Herder; solid nodules only).',
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
    if (
      input.solidComponentMm !== undefined &&
      tenths(input.solidComponentMm) > tenths(input.noduleDiameterMm)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['solidComponentMm'],
        message: 'the solid component cannot be larger than the nodule',
      });
    }
  })
  .describe('Lung nodule work-up inputs.');

/**
 * Inputs that may be unknown (left out or `'unknown'`): the answer then holds over all their values (see
 * `unknowns.ts`). Required: age, diameter, type and count of nodules. Optional with a default: setting
 * (incidental), Lung-RADS version (v2022). Optional: sex (chooses Brock), CEA, PET uptake, evidence, volume.
 */
export const LUNG_NODULE_UNKNOWABLE: Unknowable = {
  smoker: YES_NO,
  familyHistoryLungCancer: YES_NO,
  emphysema: YES_NO,
  extrathoracicCancerOver5y: YES_NO,
  upperLobe: YES_NO,
  spiculation: YES_NO,
  knownCancer: YES_NO,
  immunosuppressed: YES_NO,
};

export type LungNoduleInput = z.input<typeof lungNoduleInputSchema>;
type Parsed = z.output<typeof lungNoduleInputSchema>;
type Flag = (typeof LUNG_NODULE_FLAGS)[number];
const LUNG_NODULE_FLAGS = [
  'smoker',
  'familyHistoryLungCancer',
  'emphysema',
  'extrathoracicCancerOver5y',
  'upperLobe',
  'spiculation',
  'knownCancer',
  'immunosuppressed',
] as const;
/** The input with every unknowable input known (one completion). */
type Complete = Omit<Parsed, Flag> & Record<Flag, boolean>;

export interface LungNoduleOutput extends RiskOutput, UnknownInputs {
  /** The validated model's probability (Brock, Mayo, or Herder after PET): the headline (0–1). */
  readonly probability?: number;
  /** The probability after the further evidence (CEA, image models), shown after the model's own (0–1). */
  readonly probabilityAfterEvidence?: number;
  readonly pretestModel?: 'brock' | 'mayo' | 'herder';
  /** Same as `probability` (kept for clients of version 1). */
  readonly pretestProbability?: number;
  readonly modelProbabilities: { readonly brock?: number; readonly mayo?: number; readonly herder?: number };
  readonly steps: readonly FusionStep[];
  /** The imaging guideline's category (Lung-RADS, or a Fleischner row). */
  readonly category?: string;
  readonly imagingGuideline?: GuidelineRef;
}

const LABELS: Record<string, string> = {
  smoker: 'smoking history',
  familyHistoryLungCancer: 'family history of lung cancer',
  emphysema: 'emphysema on CT',
  extrathoracicCancerOver5y: 'extrathoracic cancer over 5 years ago',
  upperLobe: 'upper-lobe location',
  spiculation: 'spiculation',
  knownCancer: 'known primary cancer',
  immunosuppressed: 'immunosuppression',
};

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
  example: {
    age: 58,
    smoker: true,
    familyHistoryLungCancer: false,
    emphysema: false,
    extrathoracicCancerOver5y: false,
    noduleDiameterMm: 9,
    noduleType: 'solid',
    upperLobe: true,
    noduleCount: 1,
    spiculation: true,
    knownCancer: false,
    immunosuppressed: false,
    ceaNgMl: 6.2,
  },
  compute(input) {
    return computeOverUnknowns(
      input,
      LUNG_NODULE_UNKNOWABLE,
      (c) => computeLungNodule(c as Complete),
      LABELS,
    );
  },
});

/** What a step of the work-up adds to the answer. */
interface Part {
  readonly recommendations: Recommendation[];
  readonly rules: string[];
  readonly warnings: string[];
}

const part = (): Part => ({ recommendations: [], rules: [], warnings: [] });

/** Brock (when sex is given and it applies) and Mayo on the same nodule, each with why it does not apply. */
function malignancyModels(input: Complete) {
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
  return { mayoInput, brockReason, mayoReason, brockTerms, brockP, mayoP };
}

type Models = ReturnType<typeof malignancyModels>;

/** The validated model that gives the headline probability, its terms, and its probability pathway's next step. */
interface Pretest extends Part {
  readonly model?: 'brock' | 'mayo' | 'herder';
  readonly probability?: number;
  readonly baseline?: number;
  readonly terms: Contribution[];
  readonly inputs: string[];
  readonly herderP?: number;
  readonly guideline?: GuidelineRef;
}

function pretestModel(input: Complete, m: Models): Pretest {
  const out = part();
  const chosen = input.pretestModel ?? (m.brockP !== undefined ? 'brock' : 'mayo');
  const bts = guidelineSet('bts-pulmonary-nodules');
  // Herder (Mayo + PET) was derived on solid nodules; subsolid nodules follow the BTS subsolid pathway instead.
  if (input.petUptake && input.noduleType !== 'solid') {
    out.warnings.push(
      `Herder not used: it was derived on solid nodules, and BTS 2015 manages ${input.noduleType} nodules without PET-CT (algorithm 3).`,
    );
  } else if (input.petUptake && m.mayoP !== undefined) {
    const terms = [
      logOdds(
        'mayoProbability',
        `Mayo probability ${percent(m.mayoP)} × 3.691`,
        Number(m.mayoP.toFixed(4)),
        HERDER_COEFFICIENTS.mayoProbability * m.mayoP,
      ),
      logOdds('petUptake', 'FDG-PET uptake', input.petUptake, HERDER_COEFFICIENTS.pet[input.petUptake]),
    ];
    const herderP = logistic(sumTerms(terms, HERDER_COEFFICIENTS.intercept));
    const pathway = btsHerderPathway(bts, herderP);
    return {
      ...out,
      model: 'herder',
      probability: herderP,
      baseline: HERDER_COEFFICIENTS.intercept,
      terms,
      inputs: ['age', 'smoker', 'noduleDiameterMm', 'spiculation', 'upperLobe', 'petUptake'],
      herderP,
      recommendations: [...pathway.recommendations],
      rules: [...pathway.rules],
      guideline: pathway.guideline,
    };
  } else if (input.petUptake) {
    out.warnings.push(`Herder not used: it needs the Mayo model (${m.mayoReason})`);
  }
  if (chosen === 'brock' && m.brockTerms && m.brockP !== undefined) {
    const pathway = btsBrockPathway(
      bts,
      m.brockP,
      input.noduleDiameterMm,
      input.noduleType,
      input.noduleVolumeMm3,
    );
    return {
      ...out,
      model: 'brock',
      probability: m.brockP,
      baseline: BROCK_COEFFICIENTS.intercept,
      terms: m.brockTerms,
      inputs: [
        'age',
        'sex',
        'familyHistoryLungCancer',
        'emphysema',
        'noduleDiameterMm',
        'noduleType',
        'upperLobe',
        'noduleCount',
        'spiculation',
      ],
      recommendations: [...pathway.recommendations],
      rules: [...out.rules, ...pathway.rules],
      guideline: pathway.guideline,
    };
  }
  if (m.mayoP !== undefined) {
    if (chosen === 'brock') out.warnings.push(`Brock not used (${m.brockReason}); Mayo used instead.`);
    const pathway = accpPathway(
      guidelineSet('accp-lung-nodules'),
      m.mayoP,
      input.noduleDiameterMm,
      input.noduleType,
    );
    return {
      ...out,
      model: 'mayo',
      probability: m.mayoP,
      baseline: MAYO_COEFFICIENTS.intercept,
      terms: mayoContributions(m.mayoInput),
      inputs: ['age', 'smoker', 'extrathoracicCancerOver5y', 'noduleDiameterMm', 'spiculation', 'upperLobe'],
      recommendations: [...pathway.recommendations],
      rules: [...pathway.rules],
      guideline: pathway.guideline,
    };
  }
  out.warnings.push(`No malignancy model applies: Brock — ${m.brockReason}; Mayo — ${m.mayoReason}`);
  return { ...out, terms: [], inputs: [] };
}

/** Further evidence (CEA, image models) applied after the model, step by step; never replaces the headline. */
function furtherEvidence(
  input: Complete,
  pretest: Pretest,
): Part & { probability?: number; steps: readonly FusionStep[] } {
  const out = part();
  const evidence: Evidence[] = [];
  if (input.ceaNgMl !== undefined) evidence.push(ceaEvidence(input.ceaNgMl));
  for (const item of input.evidence ?? []) evidence.push(item);
  if (pretest.probability === undefined || evidence.length === 0) return { ...out, steps: [] };
  const fused = updateProbability(pretest.probability, evidence, {
    modelInputs: pretest.inputs,
    pretestLabel: `the ${pretest.model} model`,
  });
  out.warnings.push(...fused.warnings);
  if (input.ceaNgMl !== undefined) {
    out.rules.push(
      `CEA cut-off ${5} ng/mL (assumed; the meta-analysis pooled studies with varying cut-offs)`,
    );
  }
  out.warnings.push(
    `The headline is the ${pretest.model} model's probability (${percent(pretest.probability)}), on which the guideline thresholds were set; the evidence-updated ${percent(fused.probability)} follows it for information and does not replace the guideline's next step.`,
  );
  return { ...out, probability: fused.probability, steps: fused.steps };
}

/** The imaging guideline's category and next step: Lung-RADS on a screening CT, Fleischner 2017 otherwise. */
function imagingGuideline(input: Complete): Part & { category?: string; guideline?: GuidelineRef } {
  const out = part();
  if (input.setting === 'screening') {
    const result = lungRadsEngine.run({
      version: input.lungRadsVersion,
      scan: 'baseline',
      finding: input.noduleType,
      meanDiameterMm: input.noduleDiameterMm,
      ...(input.solidComponentMm !== undefined ? { solidComponentMm: input.solidComponentMm } : {}),
      suspiciousFeatures: input.spiculation,
    });
    out.warnings.push(...(result.explanation.warnings ?? []));
    if (!result.output.applicable) {
      out.warnings.push(result.output.notApplicableReason ?? 'Lung-RADS does not apply.');
      return { ...out, ...(result.output.guideline ? { guideline: result.output.guideline } : {}) };
    }
    out.recommendations.push(...result.output.recommendations);
    out.rules.push(...(result.explanation.rulesFired ?? []));
    out.warnings.push(
      'Lung-RADS uses the mean diameter (long + short axis)/2; the single diameter given was used for it.',
    );
    return {
      ...out,
      ...(result.output.category ? { category: `Lung-RADS ${result.output.category}` } : {}),
      ...(result.output.guideline ? { guideline: result.output.guideline } : {}),
    };
  }
  const highRisk =
    input.smoker || input.familyHistoryLungCancer || input.emphysema || input.spiculation || input.upperLobe;
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
  const guideline = result.output.guideline ? { guideline: result.output.guideline } : {};
  if (!result.output.applicable) {
    out.warnings.push(result.output.notApplicableReason ?? 'Fleischner 2017 does not apply.');
    return { ...out, ...guideline };
  }
  out.rules.push(
    ...(result.explanation.rulesFired ?? []),
    `Fleischner risk: ${highRisk ? 'high' : 'low'} (high when any of smoking, family history, emphysema, spiculation, upper lobe)`,
  );
  out.recommendations.push(...result.output.recommendations);
  out.warnings.push(...(result.explanation.warnings ?? []));
  return { ...out, category: `Fleischner ${result.output.category}`, ...guideline };
}

/** One completion of the work-up: every unknowable input known. */
function computeLungNodule(input: Complete): RiskComputation<LungNoduleOutput> {
  const models = malignancyModels(input);
  const pretest = pretestModel(input, models);
  const evidence = furtherEvidence(input, pretest);
  const imaging = imagingGuideline(input);
  const warnings = [...pretest.warnings, ...evidence.warnings, ...imaging.warnings];
  const applicable = pretest.probability !== undefined || imaging.category !== undefined;
  const guideline = pretest.guideline ?? imaging.guideline;
  const output: LungNoduleOutput = {
    modelId: 'lung-nodule',
    applicable,
    ...(applicable ? {} : { notApplicableReason: warnings.join(' ') }),
    ...(pretest.probability !== undefined
      ? { probability: pretest.probability, pretestProbability: pretest.probability }
      : {}),
    ...(evidence.probability !== undefined ? { probabilityAfterEvidence: evidence.probability } : {}),
    ...(pretest.model ? { pretestModel: pretest.model } : {}),
    modelProbabilities: {
      ...(models.brockP !== undefined ? { brock: models.brockP } : {}),
      ...(models.mayoP !== undefined ? { mayo: models.mayoP } : {}),
      ...(pretest.herderP !== undefined ? { herder: pretest.herderP } : {}),
    },
    steps: evidence.steps,
    ...(imaging.category ? { category: imaging.category } : {}),
    ...(imaging.guideline ? { imagingGuideline: imaging.guideline } : {}),
    recommendations: [...imaging.recommendations, ...pretest.recommendations],
    ...(guideline ? { guideline } : {}),
  };
  return {
    output,
    explanation: {
      summary: [
        pretest.probability !== undefined
          ? `${pretest.model} ${percent(pretest.probability)}`
          : 'no malignancy model applies',
        evidence.probability !== undefined
          ? `after further evidence ${percent(evidence.probability)}`
          : undefined,
        imaging.category,
      ]
        .filter(Boolean)
        .join('; '),
      ...(pretest.baseline !== undefined ? { baseline: pretest.baseline } : {}),
      // The headline model's terms: baseline + contributions = the log-odds of `probability`.
      contributions: pretest.terms,
      rulesFired: [...imaging.rules, ...pretest.rules, ...evidence.rules],
      warnings,
    },
  };
}
