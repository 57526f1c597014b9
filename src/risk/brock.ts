import { z } from 'zod';
import type { Contribution } from '../clinical/outputs.js';
import { ageYears, flag, lungDiameterMm, oneOf, typeError, volumeMm3 } from './fields.js';
import { guidelineSet } from './guidelines.js';
import { MASS_THRESHOLD_TENTHS, tenths } from './measure.js';
import { nodulePathway } from './nodule-pathway.js';
import {
  defineRiskEngine,
  logistic,
  logOdds,
  notApplicable,
  percent,
  publishedValidation,
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
 * Brock University (PanCan) model, full model with spiculation ("model 2b").
 *
 * Source: McWilliams A, Tammemagi MC, Mayo JR, et al. Probability of cancer in pulmonary nodules detected on first
 * screening CT. N Engl J Med 2013;369:910-9 (PMC3951177), supplementary appendix; the model the BTS 2015 guideline
 * recommends for nodules ≥ 8 mm (Callister, Thorax 2015).
 *
 * Verified here: the coefficients below are the ones in the shared reference notes [V2]; they agree with the
 * un-centred form of Eur Radiol 2019 (PMC6717521, Table 2) — −6.7892 − 0.0287·62 + 5.3854·1.58113883 + 0.0824·4 =
 * 0.27607 ≈ 0.2761, the published un-centred intercept — and with what I know of the published Brock calculator.
 * The size term is centred at 4 mm ((4/10)^−0.5 = 1.58113883), age at 62 and nodule count at 4. Nodule size is the
 * radiologist-measured maximum (longest) diameter, not the mean of two axes.
 *
 * The parsimonious models (1a/1b) and the no-spiculation model (2a) are deliberately not implemented: their
 * coefficients could not be verified against the primary source.
 */
export const BROCK_SOURCE =
  'McWilliams A et al. Probability of cancer in pulmonary nodules detected on first screening CT. N Engl J Med 2013;369:910-9 (full model with spiculation).';

export const BROCK_COEFFICIENTS = {
  intercept: -6.7892,
  agePerYearFrom62: 0.0287,
  female: 0.6011,
  familyHistoryLungCancer: 0.2961,
  emphysema: 0.2953,
  /** Multiplies ((d/10)^−0.5 − 1.58113883). */
  size: -5.3854,
  sizeCentre: 1.58113883,
  nonsolid: -0.1276,
  partSolid: 0.377,
  upperLobe: 0.6581,
  perNoduleFrom4: -0.0824,
  spiculation: 0.7729,
} as const;

export const brockInputSchema = z
  .object({
    age: ageYears('Age in years. PanCan enrolled current or former smokers aged 50–75.'),
    sex: oneOf(['female', 'male'] as const, 'Sex (the model was fitted for female and male only).'),
    familyHistoryLungCancer: maybeUnknown(flag('Lung cancer in a first-degree relative.')),
    emphysema: maybeUnknown(flag('Emphysema on the CT (a COPD diagnosis alone is not emphysema on CT).')),
    noduleDiameterMm: lungDiameterMm(
      'Maximum (longest) nodule diameter in mm, as measured by the radiologist. Model range 1–30 mm; over 30 mm is a mass (not applicable).',
    ),
    noduleVolumeMm3: volumeMm3(
      'Nodule volume in mm³ from volumetry, when measured: BTS 2015 then follows solid nodules by volume (< 80, 80 to < 300, ≥ 300 mm³). Not a Brock input.',
    ).optional(),
    noduleType: oneOf(
      ['solid', 'part-solid', 'nonsolid'] as const,
      'Nodule type: solid, part-solid, or nonsolid (pure ground-glass).',
    ),
    upperLobe: maybeUnknown(
      flag('Nodule in an upper lobe (right or left; lingula counts as left upper lobe).'),
    ),
    noduleCount: z
      .number({ error: typeError('must be a whole number of nodules') })
      .int({ error: 'must be a whole number of nodules' })
      .min(1, { error: 'must be at least 1 (the nodule being assessed)' })
      .max(100, { error: 'must be at most 100' })
      .describe('Total number of nodules on the scan, including this one.'),
    spiculation: maybeUnknown(flag('Spiculated margin.')),
  })
  .strict()
  .describe('Brock/PanCan full model inputs.');

export type BrockInput = z.infer<typeof brockInputSchema>;

/**
 * Yes/no inputs that may be unknown (left out or `'unknown'`): the answer then covers both values (`unknowns.ts`).
 * Required: age, sex, diameter, type and number of nodules — the model has no default for any of its inputs.
 */
export const BROCK_UNKNOWABLE: Unknowable = {
  familyHistoryLungCancer: YES_NO,
  emphysema: YES_NO,
  upperLobe: YES_NO,
  spiculation: YES_NO,
};

type BrockFlag = 'familyHistoryLungCancer' | 'emphysema' | 'upperLobe' | 'spiculation';

/** A complete Brock input: every yes/no input known. */
export type BrockModelInput = Omit<BrockInput, BrockFlag> & Record<BrockFlag, boolean>;

const BROCK_LABELS: Record<string, string> = {
  familyHistoryLungCancer: 'family history of lung cancer',
  emphysema: 'emphysema on CT',
  upperLobe: 'upper-lobe location',
  spiculation: 'spiculation',
};

export interface BrockOutput extends RiskOutput, UnknownInputs {
  /** Probability of cancer (0–1); absent when the model does not apply. */
  readonly probability?: number;
  readonly logit?: number;
}

/** The linear predictor term by term (log-odds), in the order of the published model. */
export function brockContributions(input: BrockModelInput): Contribution[] {
  const c = BROCK_COEFFICIENTS;
  return [
    logOdds('age', 'Age (centred at 62)', input.age, c.agePerYearFrom62 * (input.age - 62)),
    logOdds('sex', 'Female sex', input.sex, input.sex === 'female' ? c.female : 0),
    logOdds(
      'familyHistoryLungCancer',
      'Family history of lung cancer',
      input.familyHistoryLungCancer,
      input.familyHistoryLungCancer ? c.familyHistoryLungCancer : 0,
    ),
    logOdds('emphysema', 'Emphysema', input.emphysema, input.emphysema ? c.emphysema : 0),
    logOdds(
      'noduleDiameterMm',
      'Nodule size (centred at 4 mm)',
      input.noduleDiameterMm,
      c.size * ((input.noduleDiameterMm / 10) ** -0.5 - c.sizeCentre),
    ),
    logOdds(
      'noduleType',
      'Nodule type (solid is reference)',
      input.noduleType,
      input.noduleType === 'part-solid' ? c.partSolid : input.noduleType === 'nonsolid' ? c.nonsolid : 0,
    ),
    logOdds('upperLobe', 'Upper-lobe location', input.upperLobe, input.upperLobe ? c.upperLobe : 0),
    logOdds(
      'noduleCount',
      'Nodule count (centred at 4)',
      input.noduleCount,
      c.perNoduleFrom4 * (input.noduleCount - 4),
    ),
    logOdds('spiculation', 'Spiculation', input.spiculation, input.spiculation ? c.spiculation : 0),
  ];
}

/** Why the Brock model does not apply, or undefined when it does (HealthGPT rules, documented in docs/risk.md). */
export function brockNotApplicable(input: Pick<BrockInput, 'age' | 'noduleDiameterMm'>): string | undefined {
  if (input.age < 35) {
    return 'Brock/PanCan was derived in current or former smokers aged 50–75 in a screening trial; it is not for patients under 35, in whom lung cancer is rare and nodules are mostly infectious.';
  }
  if (tenths(input.noduleDiameterMm) > MASS_THRESHOLD_TENTHS) {
    return 'A lesion over 30 mm is a mass, not a nodule: Brock/PanCan does not apply; refer for diagnostic work-up.';
  }
  if (tenths(input.noduleDiameterMm) < 10)
    return 'Nodules under 1 mm are below the range of the Brock/PanCan data.';
  return undefined;
}

export const brockEngine = defineRiskEngine<typeof brockInputSchema, BrockOutput>({
  id: 'brock',
  family: 'lung-nodule',
  title: 'Brock (PanCan) lung nodule malignancy',
  version: '1.0.0',
  description:
    'Probability that a lung nodule seen on CT is cancer (Brock/PanCan full model with spiculation), with the BTS 2015 next step.',
  source: BROCK_SOURCE,
  validation: publishedValidation(BROCK_SOURCE),
  inputSchema: brockInputSchema,
  example: {
    age: 58,
    sex: 'male',
    familyHistoryLungCancer: false,
    emphysema: false,
    noduleDiameterMm: 9,
    noduleType: 'solid',
    upperLobe: true,
    noduleCount: 1,
    spiculation: true,
  },
  compute(input) {
    return computeOverUnknowns(
      input,
      BROCK_UNKNOWABLE,
      (c) => computeBrock(c as BrockModelInput),
      BROCK_LABELS,
    );
  },
});

/** The Brock model and the BTS pathway for one complete input. */
function computeBrock(input: BrockModelInput): RiskComputation<BrockOutput> {
  const reason = brockNotApplicable(input);
  if (reason) {
    return {
      output: notApplicable('brock', reason, {}),
      explanation: { summary: `Not applicable: ${reason}`, contributions: [] },
    };
  }
  const contributions = brockContributions(input);
  const linear = sumTerms(contributions, BROCK_COEFFICIENTS.intercept);
  const probability = logistic(linear);
  const warnings: string[] = [];
  if (input.age < 50 || input.age > 75) {
    warnings.push(
      `Age ${input.age} is outside the PanCan derivation range (50–75): the estimate is an extrapolation.`,
    );
  }
  const pathway = nodulePathway(
    guidelineSet('bts-pulmonary-nodules'),
    'Brock',
    probability,
    input.noduleDiameterMm,
    input.noduleType,
    input.noduleVolumeMm3,
  );
  return {
    output: {
      modelId: 'brock',
      applicable: true,
      probability,
      logit: linear,
      recommendations: pathway.recommendations,
      guideline: pathway.guideline,
    },
    explanation: {
      summary: `Brock probability of cancer ${percent(probability)} (log-odds ${linear.toFixed(3)}).`,
      baseline: BROCK_COEFFICIENTS.intercept,
      contributions,
      rulesFired: pathway.rules,
      warnings: [...warnings, ...pathway.warnings],
    },
  };
}
