import { z } from 'zod';
import type { Contribution } from '../clinical/outputs.js';
import { ageYears, flag, lungDiameterMm } from './fields.js';
import { guidelineSet } from './guidelines.js';
import { MASS_THRESHOLD_TENTHS, tenths } from './measure.js';
import { accpPathway } from './nodule-pathway.js';
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
 * Mayo Clinic model of the probability of malignancy in a solitary pulmonary nodule.
 *
 * Source: Swensen SJ, Silverstein MD, Ilstrup DM, Schleck CD, Edell ES. The probability of malignancy in solitary
 * pulmonary nodules: application to small radiologically indeterminate nodules. Arch Intern Med 1997;157:849-55.
 *
 *   x = −6.8272 + 0.0391·age + 0.7917·smoker + 1.3388·cancer + 0.1274·diameter(mm) + 1.0407·spiculation
 *       + 0.7838·upperLobe;  P = eˣ / (1 + eˣ)
 *
 * Verified here: these coefficients are the ones in the published paper as reproduced by several independent
 * implementations [V2 in the reference notes] and match what I know of the paper. The reference notes list two
 * other intercepts seen on calculator sites (−6.8238, −6.872): both are transcription errors; −6.8272 is used.
 * Smoker = current or former; cancer = extrathoracic cancer diagnosed more than 5 years before (patients with a
 * cancer within 5 years were excluded from the derivation cohort). Derivation: 629 patients with radiologically
 * indeterminate nodules 4–30 mm on chest radiographs.
 */
export const MAYO_SOURCE =
  'Swensen SJ et al. The probability of malignancy in solitary pulmonary nodules. Arch Intern Med 1997;157:849-55.';

export const MAYO_COEFFICIENTS = {
  intercept: -6.8272,
  agePerYear: 0.0391,
  smoker: 0.7917,
  extrathoracicCancerOver5y: 1.3388,
  perMm: 0.1274,
  spiculation: 1.0407,
  upperLobe: 0.7838,
} as const;

export const mayoInputSchema = z
  .object({
    age: ageYears('Age in years.'),
    smoker: maybeUnknown(flag('Current or former smoker.')),
    extrathoracicCancerOver5y: maybeUnknown(
      flag(
        'History of extrathoracic cancer diagnosed more than 5 years ago. (A cancer within 5 years: the model does not apply.)',
      ),
    ),
    noduleDiameterMm: lungDiameterMm('Nodule diameter in mm. Model range 4–30 mm; over 30 mm is a mass.'),
    spiculation: maybeUnknown(flag('Spiculated margin.')),
    upperLobe: maybeUnknown(flag('Nodule in an upper lobe.')),
  })
  .strict()
  .describe('Mayo Clinic solitary pulmonary nodule model inputs.');

export type MayoInput = z.infer<typeof mayoInputSchema>;

/** Yes/no inputs that may be unknown (the answer then covers both values); age and diameter are required. */
export const MAYO_UNKNOWABLE: Unknowable = {
  smoker: YES_NO,
  extrathoracicCancerOver5y: YES_NO,
  spiculation: YES_NO,
  upperLobe: YES_NO,
};

type MayoFlag = 'smoker' | 'extrathoracicCancerOver5y' | 'spiculation' | 'upperLobe';

/** A complete Mayo input: every yes/no input known. */
export type MayoModelInput = Omit<MayoInput, MayoFlag> & Record<MayoFlag, boolean>;

export const MAYO_LABELS: Record<string, string> = {
  smoker: 'smoking history',
  extrathoracicCancerOver5y: 'extrathoracic cancer over 5 years ago',
  spiculation: 'spiculation',
  upperLobe: 'upper-lobe location',
};

export interface MayoOutput extends RiskOutput, UnknownInputs {
  readonly probability?: number;
  readonly logit?: number;
}

export function mayoContributions(input: MayoModelInput): Contribution[] {
  const c = MAYO_COEFFICIENTS;
  return [
    logOdds('age', 'Age', input.age, c.agePerYear * input.age),
    logOdds('smoker', 'Current or former smoker', input.smoker, input.smoker ? c.smoker : 0),
    logOdds(
      'extrathoracicCancerOver5y',
      'Extrathoracic cancer > 5 years ago',
      input.extrathoracicCancerOver5y,
      input.extrathoracicCancerOver5y ? c.extrathoracicCancerOver5y : 0,
    ),
    logOdds('noduleDiameterMm', 'Nodule diameter', input.noduleDiameterMm, c.perMm * input.noduleDiameterMm),
    logOdds('spiculation', 'Spiculation', input.spiculation, input.spiculation ? c.spiculation : 0),
    logOdds('upperLobe', 'Upper-lobe location', input.upperLobe, input.upperLobe ? c.upperLobe : 0),
  ];
}

/** Mayo probability as a plain number (no applicability check): used by Herder and the benchmark. */
export function mayoProbability(input: MayoModelInput): number {
  return logistic(sumTerms(mayoContributions(input), MAYO_COEFFICIENTS.intercept));
}

/** Why the Mayo model does not apply, or undefined. */
export function mayoNotApplicable(input: Pick<MayoInput, 'age' | 'noduleDiameterMm'>): string | undefined {
  if (input.age < 35) {
    return 'The Mayo model was derived in adults with indeterminate nodules; it is not for patients under 35, in whom lung cancer is rare.';
  }
  const d = tenths(input.noduleDiameterMm);
  if (d < 40 || d > MASS_THRESHOLD_TENTHS) {
    return `The Mayo model was derived on nodules 4–30 mm; ${input.noduleDiameterMm} mm is outside that range.`;
  }
  return undefined;
}

export const mayoEngine = defineRiskEngine<typeof mayoInputSchema, MayoOutput>({
  id: 'mayo',
  family: 'lung-nodule',
  title: 'Mayo Clinic solitary pulmonary nodule malignancy',
  version: '1.0.0',
  description:
    'Probability that a solitary pulmonary nodule is malignant (Swensen 1997), with the ACCP 2013 next step.',
  source: MAYO_SOURCE,
  validation: publishedValidation(MAYO_SOURCE),
  inputSchema: mayoInputSchema,
  example: {
    age: 58,
    smoker: true,
    extrathoracicCancerOver5y: false,
    noduleDiameterMm: 9,
    spiculation: true,
    upperLobe: true,
  },
  compute(input) {
    return computeOverUnknowns(input, MAYO_UNKNOWABLE, (c) => computeMayo(c as MayoModelInput), MAYO_LABELS);
  },
});

/** One complete input: every yes/no input known. */
function computeMayo(input: MayoModelInput): RiskComputation<MayoOutput> {
  const reason = mayoNotApplicable(input);
  if (reason) {
    return {
      output: notApplicable('mayo', reason, {}),
      explanation: { summary: `Not applicable: ${reason}`, contributions: [] },
    };
  }
  const contributions = mayoContributions(input);
  const linear = sumTerms(contributions, MAYO_COEFFICIENTS.intercept);
  const probability = logistic(linear);
  const pathway = accpPathway(guidelineSet('accp-lung-nodules'), probability, input.noduleDiameterMm);
  return {
    output: {
      modelId: 'mayo',
      applicable: true,
      probability,
      logit: linear,
      category: probability < 0.05 ? 'low' : probability <= 0.65 ? 'intermediate' : 'high',
      recommendations: pathway.recommendations,
      guideline: pathway.guideline,
    },
    explanation: {
      summary: `Mayo probability of malignancy ${percent(probability)} (log-odds ${linear.toFixed(3)}).`,
      baseline: MAYO_COEFFICIENTS.intercept,
      contributions,
      rulesFired: pathway.rules,
      warnings: [
        'The Mayo model was derived on chest radiographs of solitary nodules; on screening CT it tends to overestimate risk.',
      ],
    },
  };
}
