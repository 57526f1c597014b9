import { z } from 'zod';
import type { Recommendation } from '../clinical/outputs.js';
import { ageYears, flag, oneOf } from './fields.js';
import { type GuidelineSet, guidelineRef, guidelineSet } from './guidelines.js';
import {
  defineRiskEngine,
  guidelineWarnings,
  notApplicable,
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
 * CHA₂DS₂-VASc stroke risk in atrial fibrillation, with the anticoagulation advice of the ESC AF guideline.
 *
 * Source: Lip GYH, Nieuwlaat R, Pisters R, Lane DA, Crijns HJGM. Refining clinical risk stratification for predicting
 * stroke and thromboembolism in atrial fibrillation using a novel risk factor-based approach. Chest 2010;137:263-72.
 *
 * Points: CHF/LV dysfunction 1, hypertension 1, age ≥ 75 2, diabetes 1, stroke/TIA/thromboembolism 2, vascular
 * disease 1, age 65–74 1, female sex 1 (range 0–9; the age bands exclude each other). Verified against the reference
 * notes [V2] and the paper.
 * Guideline versions (verified from what I know of the guidelines; [MEM] in the notes): ESC 2024 (current) uses
 * CHA₂DS₂-VA, i.e. without the sex point — OAC recommended at ≥ 2, should be considered at 1; ESC 2020 used
 * CHA₂DS₂-VASc — OAC recommended at ≥ 2 (men) / ≥ 3 (women), considered at 1 (men) / 2 (women). The score itself is
 * always reported as CHA₂DS₂-VASc, with CHA₂DS₂-VA beside it. Not for AF with a mechanical heart valve or
 * moderate-to-severe mitral stenosis (anticoagulation with a VKA is indicated whatever the score).
 * Annual risks (Friberg et al., Eur Heart J 2012;33:1500-10, via the notes [V1]) are not reproduced.
 */
export const CHA2DS2_VASC_SOURCE =
  'Lip GYH et al. Refining clinical risk stratification for predicting stroke and thromboembolism in atrial fibrillation. Chest 2010;137:263-72.';

export const cha2ds2VascInputSchema = z
  .object({
    age: ageYears('Age in years.'),
    sex: oneOf(['female', 'male'] as const, 'Sex.'),
    congestiveHeartFailure: maybeUnknown(flag('Congestive heart failure or LV dysfunction.')),
    hypertension: maybeUnknown(flag('Hypertension.')),
    diabetes: maybeUnknown(flag('Diabetes mellitus.')),
    strokeTiaThromboembolism: maybeUnknown(flag('Prior stroke, TIA or thromboembolism.')),
    vascularDisease: maybeUnknown(
      flag('Vascular disease: prior myocardial infarction, peripheral artery disease or aortic plaque.'),
    ),
    // Optional with a default: the score is defined for AF without a mechanical valve or moderate-to-severe mitral
    // stenosis (its derivation population); not stated is read as that population and said in the warnings.
    mechanicalValveOrMitralStenosis: flag(
      'Mechanical heart valve or moderate-to-severe mitral stenosis (the score does not apply). Not stated: the score is computed for non-valvular AF, with a warning.',
    ).optional(),
    guidelineVersion: oneOf(
      ['2024', '2020'] as const,
      'ESC AF guideline version for the advice; 2024 is current.',
    ).default('2024'),
  })
  .strict()
  .describe('CHA₂DS₂-VASc inputs for a patient with atrial fibrillation.');

export type Cha2ds2VascInput = z.input<typeof cha2ds2VascInputSchema>;

/** Yes/no inputs that may be unknown (left out or `'unknown'`): the answer then covers both values (`unknowns.ts`). */
export const CHA2DS2_VASC_UNKNOWABLE: Unknowable = {
  congestiveHeartFailure: YES_NO,
  hypertension: YES_NO,
  diabetes: YES_NO,
  strokeTiaThromboembolism: YES_NO,
  vascularDisease: YES_NO,
};

const CHA2DS2_VASC_LABELS: Record<string, string> = {
  congestiveHeartFailure: 'heart failure',
  hypertension: 'hypertension',
  diabetes: 'diabetes',
  strokeTiaThromboembolism: 'prior stroke, TIA or thromboembolism',
  vascularDisease: 'vascular disease',
};

/** A complete input: every yes/no input known. */
type Cha2ds2VascModelInput = Omit<
  z.output<typeof cha2ds2VascInputSchema>,
  'congestiveHeartFailure' | 'hypertension' | 'diabetes' | 'strokeTiaThromboembolism' | 'vascularDisease'
> &
  Record<
    'congestiveHeartFailure' | 'hypertension' | 'diabetes' | 'strokeTiaThromboembolism' | 'vascularDisease',
    boolean
  >;

export interface Cha2ds2VascOutput extends RiskOutput, UnknownInputs {
  readonly score?: number;
  /** The ESC 2024 score without the sex point. */
  readonly cha2ds2vaScore?: number;
}

function advice(set: GuidelineSet, vasc: number, va: number, female: boolean): Recommendation[] {
  if (set.version === '2024') {
    if (va >= 2)
      return [
        recommend(
          set,
          'anticoagulate',
          'Oral anticoagulation is recommended.',
          `ESC 2024: CHA₂DS₂-VA ${va} (≥ 2) → OAC recommended`,
        ),
      ];
    if (va === 1)
      return [
        recommend(
          set,
          'consider-anticoagulation',
          'Oral anticoagulation should be considered.',
          `ESC 2024: CHA₂DS₂-VA 1 → OAC should be considered`,
        ),
      ];
    return [
      recommend(
        set,
        'no-anticoagulation',
        'No anticoagulation for stroke prevention.',
        'ESC 2024: CHA₂DS₂-VA 0 → no OAC',
      ),
    ];
  }
  const high = female ? 3 : 2;
  if (vasc >= high) {
    return [
      recommend(
        set,
        'anticoagulate',
        'Oral anticoagulation is recommended.',
        `ESC 2020: CHA₂DS₂-VASc ${vasc} (≥ ${high} in ${female ? 'women' : 'men'}) → OAC recommended`,
      ),
    ];
  }
  if (vasc === high - 1) {
    return [
      recommend(
        set,
        'consider-anticoagulation',
        'Oral anticoagulation should be considered.',
        `ESC 2020: CHA₂DS₂-VASc ${vasc} → OAC should be considered`,
      ),
    ];
  }
  return [
    recommend(
      set,
      'no-anticoagulation',
      'No anticoagulation for stroke prevention.',
      `ESC 2020: CHA₂DS₂-VASc ${vasc} → no OAC`,
    ),
  ];
}

export const cha2ds2VascEngine = defineRiskEngine<typeof cha2ds2VascInputSchema, Cha2ds2VascOutput>({
  id: 'cha2ds2-vasc',
  family: 'atrial-fibrillation',
  title: 'CHA₂DS₂-VASc stroke risk in atrial fibrillation',
  version: '1.0.0',
  description:
    'CHA₂DS₂-VASc (and CHA₂DS₂-VA) in atrial fibrillation, with the ESC 2024 anticoagulation advice (2020 selectable).',
  source: CHA2DS2_VASC_SOURCE,
  validation: publishedValidation(CHA2DS2_VASC_SOURCE),
  inputSchema: cha2ds2VascInputSchema,
  example: {
    age: 72,
    sex: 'female',
    congestiveHeartFailure: false,
    hypertension: true,
    diabetes: false,
    strokeTiaThromboembolism: false,
    vascularDisease: false,
  },
  compute(input) {
    return computeOverUnknowns(
      input,
      CHA2DS2_VASC_UNKNOWABLE,
      (c) => computeCha2Ds2Vasc(c as Cha2ds2VascModelInput),
      CHA2DS2_VASC_LABELS,
    );
  },
});

/** One complete input: every yes/no input known. */
function computeCha2Ds2Vasc(input: Cha2ds2VascModelInput): RiskComputation<Cha2ds2VascOutput> {
  const set = guidelineSet('esc-af', input.guidelineVersion);
  if (input.age < 18 || input.mechanicalValveOrMitralStenosis) {
    const reason =
      input.age < 18
        ? `CHA₂DS₂-VASc does not apply at age ${input.age}: it was derived and validated in adults with atrial fibrillation, and the ESC guideline is for adults.`
        : 'CHA₂DS₂-VASc does not apply with a mechanical heart valve or moderate-to-severe mitral stenosis: anticoagulation (VKA) is indicated regardless of the score.';
    return {
      output: notApplicable('cha2ds2-vasc', reason, { guideline: guidelineRef(set) }),
      explanation: { summary: reason, contributions: [], warnings: guidelineWarnings(set) },
    };
  }
  const contributions = [
    points(
      'congestiveHeartFailure',
      'Heart failure',
      input.congestiveHeartFailure,
      input.congestiveHeartFailure ? 1 : 0,
    ),
    points('hypertension', 'Hypertension', input.hypertension, input.hypertension ? 1 : 0),
    points(
      'age',
      input.age >= 75 ? 'Age ≥ 75' : 'Age 65–74',
      input.age,
      input.age >= 75 ? 2 : input.age >= 65 ? 1 : 0,
    ),
    points('diabetes', 'Diabetes', input.diabetes, input.diabetes ? 1 : 0),
    points(
      'strokeTiaThromboembolism',
      'Stroke, TIA or thromboembolism',
      input.strokeTiaThromboembolism,
      input.strokeTiaThromboembolism ? 2 : 0,
    ),
    points('vascularDisease', 'Vascular disease', input.vascularDisease, input.vascularDisease ? 1 : 0),
    points('sex', 'Female sex (not counted in CHA₂DS₂-VA)', input.sex, input.sex === 'female' ? 1 : 0),
  ];
  const score = contributions.reduce((s, c) => s + c.contribution, 0);
  const va = score - (input.sex === 'female' ? 1 : 0);
  const recommendations = advice(set, score, va, input.sex === 'female');
  return {
    output: {
      modelId: 'cha2ds2-vasc',
      applicable: true,
      score,
      cha2ds2vaScore: va,
      category: recommendations[0]?.action,
      recommendations,
      guideline: guidelineRef(set),
    },
    explanation: {
      summary: `CHA₂DS₂-VASc ${score} (CHA₂DS₂-VA ${va}).`,
      baseline: 0,
      contributions,
      rulesFired: recommendations.map((r) => r.rule ?? ''),
      warnings: guidelineWarnings(set, [
        ...(input.mechanicalValveOrMitralStenosis === undefined
          ? [
              'Mechanical valve or moderate-to-severe mitral stenosis not stated: the score is for AF without them (with them, anticoagulation with a VKA is indicated whatever the score).',
            ]
          : []),
        'Weigh bleeding risk and patient preference; this is not an instruction to prescribe.',
      ]),
    },
  };
}
