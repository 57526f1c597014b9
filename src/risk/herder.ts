import type { z } from 'zod';
import { oneOf } from './fields.js';
import { guidelineSet } from './guidelines.js';
import {
  MAYO_LABELS,
  MAYO_UNKNOWABLE,
  type MayoModelInput,
  mayoContributions,
  mayoInputSchema,
  mayoNotApplicable,
  mayoProbability,
} from './mayo.js';
import { btsHerderPathway } from './nodule-pathway.js';
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
import { computeOverUnknowns, type UnknownInputs } from './unknowns.js';

/**
 * Herder model: the Mayo probability updated with FDG-PET uptake.
 *
 * Source: Herder GJ, van Tinteren H, Golding RP, et al. Clinical prediction model to characterize pulmonary nodules:
 * validation and added value of 18F-fluorodeoxyglucose positron emission tomography. Chest 2005;128:2490-6.
 *
 *   y = −4.739 + 3.691·P_mayo + PET;  PET: absent 0, faint 2.322, moderate 4.617, intense 4.771;  P = 1/(1+e^−y)
 *
 * P_mayo is the Mayo probability as a fraction. Verified here: coefficients agree between the reference notes' two
 * independent implementations [V2] and with the BTS 2015 guideline's use of the model; the different form printed
 * by oncotoolkit.com ("0.04 + 0.78·MayoLogit…") is not used.
 */
export const HERDER_SOURCE =
  'Herder GJ et al. Clinical prediction model to characterize pulmonary nodules: added value of FDG-PET. Chest 2005;128:2490-6.';

export const HERDER_COEFFICIENTS = {
  intercept: -4.739,
  mayoProbability: 3.691,
  pet: { absent: 0, faint: 2.322, moderate: 4.617, intense: 4.771 },
} as const;

export const herderInputSchema = mayoInputSchema
  .extend({
    petUptake: oneOf(
      ['absent', 'faint', 'moderate', 'intense'] as const,
      'FDG-PET uptake of the nodule: absent (≤ background), faint (≤ mediastinal blood pool), moderate (> mediastinal blood pool), intense (markedly > blood pool).',
    ),
    noduleType: oneOf(
      ['solid', 'part-solid', 'nonsolid'] as const,
      'Nodule type, when known: Herder was derived on solid nodules, so a part-solid or ground-glass nodule is refused (BTS 2015 manages those without PET-CT).',
    ).optional(),
  })
  .strict()
  .describe('Herder model inputs: the Mayo inputs plus FDG-PET uptake.');

export type HerderInput = z.infer<typeof herderInputSchema>;

/** A complete Herder input: the Mayo yes/no inputs known. */
type HerderModelInput = MayoModelInput & {
  readonly petUptake: HerderInput['petUptake'];
  readonly noduleType?: HerderInput['noduleType'];
};

export interface HerderOutput extends RiskOutput, UnknownInputs {
  readonly probability?: number;
  readonly mayoProbability?: number;
  readonly logit?: number;
}

export const herderEngine = defineRiskEngine<typeof herderInputSchema, HerderOutput>({
  id: 'herder',
  family: 'lung-nodule',
  title: 'Herder lung nodule malignancy after PET-CT',
  version: '1.0.0',
  description: 'Mayo probability updated with FDG-PET uptake (Herder 2005), with the BTS 2015 next step.',
  source: HERDER_SOURCE,
  validation: publishedValidation(HERDER_SOURCE),
  inputSchema: herderInputSchema,
  example: {
    age: 58,
    smoker: true,
    extrathoracicCancerOver5y: false,
    noduleDiameterMm: 9,
    spiculation: true,
    upperLobe: true,
    petUptake: 'moderate',
  },
  compute(input) {
    return computeOverUnknowns(
      input,
      MAYO_UNKNOWABLE,
      (c) => computeHerder(c as HerderModelInput),
      MAYO_LABELS,
    );
  },
});

/** One complete input: every yes/no input known. */
function computeHerder(input: HerderModelInput): RiskComputation<HerderOutput> {
  const mayoReason = mayoNotApplicable(input);
  const reason =
    input.noduleType !== undefined && input.noduleType !== 'solid'
      ? `Herder was derived on solid nodules; a ${input.noduleType} nodule follows the BTS 2015 subsolid pathway (algorithm 3), without PET-CT.`
      : mayoReason
        ? `Herder uses the Mayo model: ${mayoReason}`
        : undefined;
  if (reason) {
    return {
      output: notApplicable('herder', reason, {}),
      explanation: { summary: `Not applicable: ${reason}`, contributions: [] },
    };
  }
  const { petUptake, noduleType: _type, ...mayoInput } = input;
  const pMayo = mayoProbability(mayoInput);
  const c = HERDER_COEFFICIENTS;
  const contributions = [
    logOdds(
      'mayoProbability',
      `Mayo probability ${percent(pMayo)} × 3.691`,
      Number(pMayo.toFixed(4)),
      c.mayoProbability * pMayo,
    ),
    logOdds('petUptake', 'FDG-PET uptake', petUptake, c.pet[petUptake]),
  ];
  const linear = sumTerms(contributions, c.intercept);
  const probability = logistic(linear);
  const pathway = btsHerderPathway(guidelineSet('bts-pulmonary-nodules'), probability);
  return {
    output: {
      modelId: 'herder',
      applicable: true,
      probability,
      mayoProbability: pMayo,
      logit: linear,
      recommendations: pathway.recommendations,
      guideline: pathway.guideline,
    },
    explanation: {
      summary: `Herder probability ${percent(probability)} (Mayo ${percent(pMayo)} before PET; log-odds ${linear.toFixed(3)}). The Mayo terms act through the Mayo probability: ${mayoContributions(
        mayoInput,
      )
        .filter((t) => t.contribution !== 0)
        .map((t) => `${t.input} ${t.contribution >= 0 ? '+' : ''}${t.contribution.toFixed(3)}`)
        .join(', ')}.`,
      baseline: c.intercept,
      contributions,
      rulesFired: pathway.rules,
      warnings: [],
    },
  };
}
