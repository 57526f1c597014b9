import { z } from 'zod';
import type { Recommendation } from '../clinical/outputs.js';
import { flag, measurement, oneOf } from './fields.js';
import { guidelineRef, guidelineSet } from './guidelines.js';
import {
  defineRiskEngine,
  guidelineWarnings,
  notApplicable,
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
 * ADA Standards of Care in Diabetes, criteria for the diagnosis of diabetes and prediabetes (non-pregnant adults).
 * The edition is taken from the guideline registry (`guidelines.ts`): the current one by default (2025), the
 * superseded 2023 and 2024 editions selectable with `standardsEdition`; the diagnostic thresholds below are the same
 * in all three (checked against the 2023 text and the later editions' Section 2 tables).
 *
 * Source: American Diabetes Association. 2. Classification and Diagnosis of Diabetes: Standards of Care in
 * Diabetes—2023. Diabetes Care 2023;46(Suppl 1):S19-S40 (Tables 2.2 and 2.5).
 *
 * Diabetes: A1C ≥ 6.5 % (48 mmol/mol); FPG ≥ 126 mg/dL (7.0 mmol/L); 2-h PG ≥ 200 mg/dL (11.1 mmol/L) in a 75-g
 * OGTT; or random PG ≥ 200 mg/dL with classic symptoms of hyperglycaemia or a hyperglycaemic crisis. Without
 * unequivocal hyperglycaemia, two abnormal results are needed: two different tests from the same sample, or the same
 * test on two occasions. Prediabetes: A1C 5.7–6.4 %; FPG 100–125 mg/dL; 2-h PG 140–199 mg/dL. Verified against the
 * reference notes [V2] and what I know of the Standards. Glucose in mmol/L must be converted by the caller
 * (× 18.016): values below 20 mg/dL are rejected as probably mmol/L.
 */
export const ADA_SOURCE =
  'American Diabetes Association. 2. Classification and Diagnosis of Diabetes: Standards of Care in Diabetes—2023. Diabetes Care 2023;46(Suppl 1):S19-S40; unchanged thresholds in the 2024 and 2025 Standards (Diabetes Care 2024;47 Suppl 1, 2025;48 Suppl 1).';

const MMOL_HINT = 'below 20 mg/dL looks like mmol/L: multiply by 18';

export const adaDiabetesInputSchema = z
  .object({
    hba1cPercent: measurement(
      '%',
      3,
      20,
      'HbA1c in % (NGSP/DCCT); mmol/mol: (% − 2.15) × 10.929.',
      'is it in mmol/mol?',
    ).optional(),
    fastingGlucoseMgDl: measurement(
      'mg/dL',
      0,
      1500,
      `Fasting (≥ 8 h) plasma glucose in mg/dL (values ${MMOL_HINT}).`,
    ).optional(),
    ogtt2hGlucoseMgDl: measurement(
      'mg/dL',
      0,
      1500,
      '2-hour plasma glucose in a 75-g OGTT, mg/dL.',
    ).optional(),
    randomGlucoseMgDl: measurement('mg/dL', 0, 1500, 'Random plasma glucose in mg/dL.').optional(),
    classicSymptoms: maybeUnknown(
      flag(
        'Classic symptoms of hyperglycaemia (polyuria, polydipsia, unexplained weight loss) or hyperglycaemic crisis.',
      ),
    ),
    confirmedOnRepeat: flag(
      'The abnormal result was already abnormal on an earlier occasion (same test, different day).',
    ).default(false),
    // Optional with a default: the criteria are for non-pregnant adults; not stated is read so, with a warning.
    pregnant: flag(
      'Pregnant (these criteria are not for gestational diabetes). Not stated: read as not pregnant, with a warning.',
    ).optional(),
    standardsEdition: oneOf(
      ['2025', '2024', '2023'] as const,
      'Edition of the ADA Standards of Care; the current one (2025) by default. 2023 and 2024 are superseded and answer with a warning.',
    ).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (
      [input.hba1cPercent, input.fastingGlucoseMgDl, input.ogtt2hGlucoseMgDl, input.randomGlucoseMgDl].every(
        (v) => v === undefined,
      )
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['hba1cPercent'],
        message:
          'give at least one of hba1cPercent, fastingGlucoseMgDl, ogtt2hGlucoseMgDl, randomGlucoseMgDl',
      });
    }
    for (const key of ['fastingGlucoseMgDl', 'ogtt2hGlucoseMgDl', 'randomGlucoseMgDl'] as const) {
      const v = input[key];
      if (v !== undefined && v < 20) ctx.addIssue({ code: 'custom', path: [key], message: MMOL_HINT });
    }
  })
  .describe('ADA Standards of Care diabetes and prediabetes criteria inputs (results from one occasion).');

export type AdaDiabetesInput = z.input<typeof adaDiabetesInputSchema>;

/** Yes/no inputs that may be unknown (left out or `'unknown'`): the answer then covers both values (`unknowns.ts`). */
export const ADA_UNKNOWABLE: Unknowable = {
  classicSymptoms: YES_NO,
};

const ADA_LABELS: Record<string, string> = {
  classicSymptoms: 'classic symptoms of hyperglycaemia',
};

/** A complete input: every yes/no input known. */
type AdaDiabetesModelInput = Omit<z.output<typeof adaDiabetesInputSchema>, 'classicSymptoms'> &
  Record<'classicSymptoms', boolean>;

export type AdaCategory = 'diabetes' | 'diabetes-range-unconfirmed' | 'prediabetes' | 'normal';

export interface AdaDiabetesOutput extends RiskOutput, UnknownInputs {
  readonly diagnosis?: AdaCategory;
  readonly diabetesRangeTests?: readonly string[];
  readonly prediabetesRangeTests?: readonly string[];
}

export const adaDiabetesEngine = defineRiskEngine<typeof adaDiabetesInputSchema, AdaDiabetesOutput>({
  id: 'ada-diabetes',
  family: 'diabetes',
  title: 'ADA Standards of Care diabetes and prediabetes criteria',
  version: '1.0.0',
  description:
    'Whether results meet the ADA Standards of Care (current edition) criteria for diabetes or prediabetes, and whether a confirmatory test is needed.',
  source: ADA_SOURCE,
  validation: publishedValidation(ADA_SOURCE, 'diagnostic thresholds'),
  inputSchema: adaDiabetesInputSchema,
  example: { hba1cPercent: 6.7, fastingGlucoseMgDl: 130 },
  compute(input) {
    return computeOverUnknowns(
      input,
      ADA_UNKNOWABLE,
      (c) => computeAda(c as AdaDiabetesModelInput),
      ADA_LABELS,
    );
  },
});

/** One complete input: every yes/no input known. */
function computeAda(input: AdaDiabetesModelInput): RiskComputation<AdaDiabetesOutput> {
  const set = guidelineSet('ada-standards', input.standardsEdition);
  if (input.pregnant) {
    const reason =
      'These criteria are not for pregnancy: use the gestational diabetes criteria (ADA Standards, section 2).';
    return {
      output: notApplicable('ada-diabetes', reason, { guideline: guidelineRef(set) }),
      explanation: { summary: reason, contributions: [] },
    };
  }
  const rules: string[] = [];
  const diabetes: string[] = [];
  const prediabetes: string[] = [];
  const check = (name: string, value: number | undefined, dm: number, pre: number, unit: string) => {
    if (value === undefined) return;
    if (value >= dm) {
      diabetes.push(name);
      rules.push(`${name} ${value} ${unit} ≥ ${dm} → diabetes range`);
    } else if (value >= pre) {
      prediabetes.push(name);
      rules.push(`${name} ${value} ${unit} in ${pre}–<${dm} → prediabetes range`);
    } else {
      rules.push(`${name} ${value} ${unit} < ${pre} → normal`);
    }
  };
  check('hba1cPercent', input.hba1cPercent, 6.5, 5.7, '%');
  check('fastingGlucoseMgDl', input.fastingGlucoseMgDl, 126, 100, 'mg/dL');
  check('ogtt2hGlucoseMgDl', input.ogtt2hGlucoseMgDl, 200, 140, 'mg/dL');
  const randomHigh = input.randomGlucoseMgDl !== undefined && input.randomGlucoseMgDl >= 200;
  let category: AdaCategory;
  let recommendations: Recommendation[];
  if (randomHigh && input.classicSymptoms) {
    category = 'diabetes';
    rules.push(`random glucose ${input.randomGlucoseMgDl} mg/dL ≥ 200 with classic symptoms → diabetes`);
  } else {
    if (randomHigh)
      rules.push(
        `random glucose ${input.randomGlucoseMgDl} mg/dL ≥ 200 without classic symptoms → not diagnostic on its own`,
      );
    if (diabetes.length >= 2) {
      category = 'diabetes';
      rules.push(`two different tests in the diabetes range (${diabetes.join(', ')}) → diabetes`);
    } else if (diabetes.length === 1 && input.confirmedOnRepeat) {
      category = 'diabetes';
      rules.push(`${diabetes[0]} in the diabetes range, confirmed on repeat → diabetes`);
    } else if (diabetes.length === 1 || randomHigh) {
      category = 'diabetes-range-unconfirmed';
      rules.push('one abnormal result without unequivocal hyperglycaemia → repeat to confirm');
    } else if (prediabetes.length > 0) {
      category = 'prediabetes';
    } else {
      category = 'normal';
    }
  }
  const rule = rules[rules.length - 1] ?? '';
  switch (category) {
    case 'diabetes':
      recommendations = [
        recommend(
          set,
          'diabetes-care',
          'Criteria for diabetes are met: classify the type and begin diabetes care.',
          rule,
        ),
      ];
      break;
    case 'diabetes-range-unconfirmed':
      recommendations = [
        recommend(
          set,
          'repeat-test',
          'Repeat the test (or another test) on a new sample promptly to confirm before diagnosing diabetes.',
          rule,
        ),
      ];
      break;
    case 'prediabetes':
      recommendations = [
        recommend(
          set,
          'prediabetes-care',
          'Prediabetes: lifestyle intervention and yearly testing.',
          `${prediabetes.join(', ')} in the prediabetes range → prediabetes`,
        ),
      ];
      break;
    default:
      recommendations = [
        recommend(
          set,
          'rescreen',
          'Normal: repeat screening at least every 3 years if risk factors persist.',
          'all results in the normal range',
        ),
      ];
  }
  return {
    output: {
      modelId: 'ada-diabetes',
      applicable: true,
      category,
      diagnosis: category,
      diabetesRangeTests: diabetes,
      prediabetesRangeTests: prediabetes,
      recommendations,
      guideline: guidelineRef(set),
    },
    explanation: {
      summary: `ADA Standards of Care ${set.version}: ${category.replaceAll('-', ' ')}.`,
      contributions: [],
      rulesFired: rules,
      warnings: guidelineWarnings(set, [
        ...(input.pregnant === undefined
          ? [
              'Pregnancy not stated: these criteria are for non-pregnant adults (gestational diabetes has its own).',
            ]
          : []),
        ...(input.hba1cPercent !== undefined
          ? [
              'HbA1c is unreliable with haemoglobinopathies, recent blood loss or transfusion, ESA therapy, HIV and some anaemias: use plasma glucose then.',
            ]
          : []),
      ]),
    },
  };
}
