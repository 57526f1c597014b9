import { z } from 'zod';
import { ageYears, flag, measurement } from './fields.js';
import { guidelineRef, guidelineSet } from './guidelines.js';
import {
  defineRiskEngine,
  notForChildren,
  points,
  publishedValidation,
  type RiskComputation,
  type RiskOutput,
  recommend,
} from './risk-engine.js';
import {
  computeOverUnknowns,
  maybeUnknown,
  type Unknowable,
  type UnknownInputs,
  YES_NO,
} from './unknowns.js';

/**
 * Wells score for pulmonary embolism.
 *
 * Source: Wells PS, Anderson DR, Rodger M, et al. Derivation of a simple clinical model to categorize patients
 * probability of pulmonary embolism. Thromb Haemost 2000;83:416-20. Next steps: NICE NG158 (2020), two-level score.
 *
 * Points: clinical signs of DVT 3; PE the most likely diagnosis (alternative less likely) 3; heart rate > 100 1.5;
 * immobilisation ≥ 3 days or surgery in the previous 4 weeks 1.5; previous DVT/PE 1.5; haemoptysis 1; malignancy
 * (on treatment, treated in the last 6 months, or palliative) 1. Three levels: < 2 low, 2–6 moderate, > 6 high;
 * two levels: ≤ 4 PE unlikely, > 4 PE likely. Verified against the reference notes [V2] and the paper.
 * [CONFLICT] immobilisation "> 3" vs "≥ 3" days: the paper's definition is bed rest for at least 3 consecutive days,
 * so ≥ 3 days is used.
 */
export const WELLS_PE_SOURCE =
  'Wells PS et al. Derivation of a simple clinical model to categorize patients probability of pulmonary embolism. Thromb Haemost 2000;83:416-20.';

export const wellsPeInputSchema = z
  .object({
    age: ageYears('Age in years (the score was derived in adults).'),
    clinicalSignsDvt: maybeUnknown(
      flag('Clinical signs and symptoms of DVT (leg swelling and pain on palpation of the deep veins).'),
    ),
    peMostLikely: maybeUnknown(
      flag(
        'PE is the most likely diagnosis, or equally likely (an alternative diagnosis is less likely than PE).',
      ),
    ),
    heartRate: measurement('beats/min', 0, 300, 'Heart rate in beats per minute.'),
    immobilizationOrRecentSurgery: maybeUnknown(
      flag('Immobilisation for ≥ 3 consecutive days, or surgery in the previous 4 weeks.'),
    ),
    previousPeOrDvt: maybeUnknown(flag('Previous objectively diagnosed PE or DVT.')),
    hemoptysis: maybeUnknown(flag('Haemoptysis.')),
    malignancy: maybeUnknown(flag('Cancer on treatment, treated within the last 6 months, or palliative.')),
  })
  .strict()
  .describe('Wells score for pulmonary embolism inputs.');

export type WellsPeInput = z.infer<typeof wellsPeInputSchema>;

/** Yes/no inputs that may be unknown (left out or `'unknown'`): the answer then covers both values (`unknowns.ts`). */
export const WELLS_PE_UNKNOWABLE: Unknowable = {
  clinicalSignsDvt: YES_NO,
  peMostLikely: YES_NO,
  immobilizationOrRecentSurgery: YES_NO,
  previousPeOrDvt: YES_NO,
  hemoptysis: YES_NO,
  malignancy: YES_NO,
};

const WELLS_PE_LABELS: Record<string, string> = {
  clinicalSignsDvt: 'clinical signs of DVT',
  peMostLikely: 'PE the most likely diagnosis',
  immobilizationOrRecentSurgery: 'immobilisation or recent surgery',
  previousPeOrDvt: 'previous PE or DVT',
  hemoptysis: 'haemoptysis',
  malignancy: 'malignancy',
};

/** A complete input: every yes/no input known. */
type WellsPeModelInput = Omit<
  z.output<typeof wellsPeInputSchema>,
  | 'clinicalSignsDvt'
  | 'peMostLikely'
  | 'immobilizationOrRecentSurgery'
  | 'previousPeOrDvt'
  | 'hemoptysis'
  | 'malignancy'
> &
  Record<
    | 'clinicalSignsDvt'
    | 'peMostLikely'
    | 'immobilizationOrRecentSurgery'
    | 'previousPeOrDvt'
    | 'hemoptysis'
    | 'malignancy',
    boolean
  >;

export interface WellsPeOutput extends RiskOutput, UnknownInputs {
  readonly score?: number;
  readonly threeLevel?: 'low' | 'moderate' | 'high';
  readonly twoLevel?: 'pe-unlikely' | 'pe-likely';
}

export const wellsPeEngine = defineRiskEngine<typeof wellsPeInputSchema, WellsPeOutput>({
  id: 'wells-pe',
  family: 'pulmonary-embolism',
  title: 'Wells score for pulmonary embolism',
  version: '1.0.0',
  description: 'Wells clinical probability of pulmonary embolism, with the NICE NG158 next test.',
  source: WELLS_PE_SOURCE,
  validation: publishedValidation(WELLS_PE_SOURCE),
  inputSchema: wellsPeInputSchema,
  example: {
    age: 45,
    clinicalSignsDvt: false,
    peMostLikely: true,
    heartRate: 110,
    immobilizationOrRecentSurgery: false,
    previousPeOrDvt: false,
    hemoptysis: false,
    malignancy: false,
  },
  compute(input) {
    return computeOverUnknowns(
      input,
      WELLS_PE_UNKNOWABLE,
      (c) => computeWellsPe(c as WellsPeModelInput),
      WELLS_PE_LABELS,
    );
  },
});

/** One complete input: every yes/no input known. */
function computeWellsPe(input: WellsPeModelInput): RiskComputation<WellsPeOutput> {
  const set = guidelineSet('nice-vte');
  if (input.age < 18) return notForChildren('wells-pe', 'the Wells score', set);
  const contributions = [
    points(
      'clinicalSignsDvt',
      'Clinical signs of DVT',
      input.clinicalSignsDvt,
      input.clinicalSignsDvt ? 3 : 0,
    ),
    points('peMostLikely', 'PE the most likely diagnosis', input.peMostLikely, input.peMostLikely ? 3 : 0),
    points('heartRate', 'Heart rate > 100/min', input.heartRate, input.heartRate > 100 ? 1.5 : 0),
    points(
      'immobilizationOrRecentSurgery',
      'Immobilisation ≥ 3 days or surgery within 4 weeks',
      input.immobilizationOrRecentSurgery,
      input.immobilizationOrRecentSurgery ? 1.5 : 0,
    ),
    points('previousPeOrDvt', 'Previous PE or DVT', input.previousPeOrDvt, input.previousPeOrDvt ? 1.5 : 0),
    points('hemoptysis', 'Haemoptysis', input.hemoptysis, input.hemoptysis ? 1 : 0),
    points('malignancy', 'Malignancy', input.malignancy, input.malignancy ? 1 : 0),
  ];
  const score = contributions.reduce((s, c) => s + c.contribution, 0);
  const threeLevel = score < 2 ? 'low' : score <= 6 ? 'moderate' : 'high';
  const twoLevel = score <= 4 ? 'pe-unlikely' : 'pe-likely';
  const recommendations =
    twoLevel === 'pe-likely'
      ? [
          recommend(
            set,
            'ctpa',
            'PE likely: CT pulmonary angiogram (CTPA) as soon as possible.',
            `Wells ${score} (> 4) → PE likely`,
          ),
          recommend(
            set,
            'interim-anticoagulation',
            'Interim anticoagulation if CTPA cannot be done immediately.',
            `Wells ${score} (> 4) → PE likely`,
          ),
        ]
      : [
          recommend(
            set,
            'd-dimer',
            'PE unlikely: D-dimer test; CTPA if it is positive.',
            `Wells ${score} (≤ 4) → PE unlikely`,
          ),
        ];
  return {
    output: {
      modelId: 'wells-pe',
      applicable: true,
      score,
      category: twoLevel,
      threeLevel,
      twoLevel,
      recommendations,
      guideline: guidelineRef(set),
    },
    explanation: {
      summary: `Wells ${score}: ${twoLevel === 'pe-likely' ? 'PE likely' : 'PE unlikely'} (two-level); ${threeLevel} probability (three-level).`,
      baseline: 0,
      contributions,
      rulesFired: [
        `three-level: < 2 low, 2–6 moderate, > 6 high → ${threeLevel}`,
        `two-level: ≤ 4 PE unlikely, > 4 PE likely → ${twoLevel}`,
      ],
      warnings: ['Not validated in pregnancy.'],
    },
  };
}
