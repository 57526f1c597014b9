import { z } from 'zod';
import { BUN_MG_DL_PER_UREA_MMOL_L } from '../clinical/units.js';
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
 * CURB-65 severity score for community-acquired pneumonia in adults.
 *
 * Source: Lim WS, van der Eerden MM, Laing R, et al. Defining community acquired pneumonia severity on presentation
 * to hospital: an international derivation and validation study. Thorax 2003;58:377-82. Management bands: BTS CAP
 * guideline 2009 (Lim WS et al., Thorax 2009;64 Suppl 3).
 *
 * One point each: Confusion (new disorientation, or AMT ≤ 8); Urea > 7 mmol/L; Respiratory rate ≥ 30/min; Blood
 * pressure SBP < 90 or DBP ≤ 60 mmHg; age ≥ 65. Verified here against the reference notes [V2] and the paper: the
 * thresholds are ≥ 30 and ≤ 60 (not "> 30" / "< 60" as some pages print).
 * [CONFLICT] BUN threshold in US units (> 19 vs > 20 mg/dL): HealthGPT keeps the published mmol/L threshold and
 * converts BUN exactly: urea (mmol/L) = BUN (mg/dL) / 2.8 (urea nitrogen 28 g/mol per mmol urea), so the cut-off is
 * BUN > 19.6 mg/dL.
 * 30-day mortality by score (0–5: 0.7, 3.2, 13.0, 17.0, 41.5, 57.0 %) is the derivation + validation figure as
 * given by secondary sources [V1 in the notes], shown for orientation only.
 */
export const CURB65_SOURCE =
  'Lim WS et al. Defining community acquired pneumonia severity on presentation to hospital. Thorax 2003;58:377-82.';

/** mg/dL of urea nitrogen per mmol/L of urea (the shared factor in `src/clinical/units.ts`). */
export { BUN_MG_DL_PER_UREA_MMOL_L };

export const CURB65_MORTALITY_30D = [0.007, 0.032, 0.13, 0.17, 0.415, 0.57] as const;

export const curb65InputSchema = z
  .object({
    confusion: maybeUnknown(flag('New confusion (disorientation in person, place or time, or AMT ≤ 8).')),
    ureaMmolL: measurement(
      'mmol/L',
      0,
      100,
      'Serum urea in mmol/L (give this or bunMgDl, not both).',
      'is this a BUN in mg/dL? then use bunMgDl',
    ).optional(),
    bunMgDl: measurement(
      'mg/dL',
      0,
      300,
      'Blood urea nitrogen in mg/dL (give this or ureaMmolL, not both).',
    ).optional(),
    respiratoryRate: measurement('breaths/min', 0, 80, 'Respiratory rate in breaths per minute.'),
    systolicBp: measurement('mmHg', 0, 300, 'Systolic blood pressure in mmHg.'),
    diastolicBp: measurement('mmHg', 0, 200, 'Diastolic blood pressure in mmHg.'),
    age: ageYears('Age in years (CURB-65 is for adults).'),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.ureaMmolL === undefined && input.bunMgDl === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ureaMmolL'],
        message: 'give ureaMmolL (mmol/L) or bunMgDl (mg/dL)',
      });
    }
    if (input.ureaMmolL !== undefined && input.bunMgDl !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['bunMgDl'], message: 'give ureaMmolL or bunMgDl, not both' });
    }
    if (input.diastolicBp >= input.systolicBp) {
      ctx.addIssue({
        code: 'custom',
        path: ['diastolicBp'],
        message: 'diastolicBp must be lower than systolicBp (are they swapped?)',
      });
    }
  })
  .describe('CURB-65 inputs.');

export type Curb65Input = z.infer<typeof curb65InputSchema>;

/** Yes/no inputs that may be unknown (left out or `'unknown'`): the answer then covers both values (`unknowns.ts`). */
export const CURB65_UNKNOWABLE: Unknowable = {
  confusion: YES_NO,
};

const CURB65_LABELS: Record<string, string> = {
  confusion: 'new confusion',
};

/** A complete input: every yes/no input known. */
type Curb65ModelInput = Omit<z.output<typeof curb65InputSchema>, 'confusion'> & Record<'confusion', boolean>;

export interface Curb65Output extends RiskOutput, UnknownInputs {
  readonly score?: number;
  readonly ureaMmolL?: number;
  readonly thirtyDayMortality?: number;
}

export const curb65Engine = defineRiskEngine<typeof curb65InputSchema, Curb65Output>({
  id: 'curb65',
  family: 'pneumonia',
  title: 'CURB-65 pneumonia severity',
  version: '1.0.0',
  description:
    'CURB-65 severity of community-acquired pneumonia in adults, with the BTS place-of-care advice.',
  source: CURB65_SOURCE,
  validation: publishedValidation(CURB65_SOURCE),
  inputSchema: curb65InputSchema,
  example: { confusion: true, bunMgDl: 40, respiratoryRate: 23, systolicBp: 105, diastolicBp: 52, age: 77 },
  compute(input) {
    return computeOverUnknowns(
      input,
      CURB65_UNKNOWABLE,
      (c) => computeCurb65(c as Curb65ModelInput),
      CURB65_LABELS,
    );
  },
});

/** One complete input: every yes/no input known. */
function computeCurb65(input: Curb65ModelInput): RiskComputation<Curb65Output> {
  const set = guidelineSet('bts-cap');
  if (input.age < 18) return notForChildren('curb65', 'CURB-65', set);
  // Rounded to 1e-9 so that BUN 19.6 mg/dL is exactly 7 mmol/L (floating point gives 7.000000000000001).
  const urea =
    input.ureaMmolL ?? Math.round(((input.bunMgDl as number) / BUN_MG_DL_PER_UREA_MMOL_L) * 1e9) / 1e9;
  const ureaLabel =
    input.ureaMmolL !== undefined
      ? `Urea > 7 mmol/L`
      : `Urea > 7 mmol/L (BUN ${input.bunMgDl} mg/dL = ${urea.toFixed(1)} mmol/L urea)`;
  const contributions = [
    points('confusion', 'Confusion', input.confusion, input.confusion ? 1 : 0),
    points(
      input.ureaMmolL !== undefined ? 'ureaMmolL' : 'bunMgDl',
      ureaLabel,
      input.ureaMmolL ?? input.bunMgDl,
      urea > 7 ? 1 : 0,
    ),
    points(
      'respiratoryRate',
      'Respiratory rate ≥ 30/min',
      input.respiratoryRate,
      input.respiratoryRate >= 30 ? 1 : 0,
    ),
    points(
      input.systolicBp < 90 ? 'systolicBp' : 'diastolicBp',
      'SBP < 90 or DBP ≤ 60 mmHg',
      `${input.systolicBp}/${input.diastolicBp}`,
      input.systolicBp < 90 || input.diastolicBp <= 60 ? 1 : 0,
    ),
    points('age', 'Age ≥ 65', input.age, input.age >= 65 ? 1 : 0),
  ];
  const score = contributions.reduce((s, c) => s + c.contribution, 0);
  const rule = `CURB-65 ${score}`;
  const recommendations =
    score <= 1
      ? [
          recommend(
            set,
            'outpatient',
            'Low severity: likely suitable for home treatment.',
            `${rule} (0–1) → low severity`,
          ),
        ]
      : score === 2
        ? [
            recommend(
              set,
              'short-stay',
              'Moderate severity: consider a short hospital stay or hospital-supervised outpatient treatment.',
              `${rule} (2) → moderate severity`,
            ),
          ]
        : [
            recommend(
              set,
              'hospital',
              'High severity: manage in hospital as severe pneumonia.',
              `${rule} (3–5) → high severity`,
            ),
            ...(score >= 4
              ? [recommend(set, 'icu', 'Assess for intensive care.', `${rule} (4–5) → consider ICU`)]
              : []),
          ];
  const category = score <= 1 ? 'low' : score === 2 ? 'moderate' : 'high';
  return {
    output: {
      modelId: 'curb65',
      applicable: true,
      score,
      category,
      ureaMmolL: urea,
      thirtyDayMortality: CURB65_MORTALITY_30D[score],
      recommendations,
      guideline: guidelineRef(set),
    },
    explanation: {
      summary: `CURB-65 ${score}/5 (${category} severity; 30-day mortality about ${((CURB65_MORTALITY_30D[score] ?? 0) * 100).toFixed(1)} % in the derivation and validation cohorts).`,
      baseline: 0,
      contributions,
      rulesFired: recommendations.map((r) => r.rule ?? ''),
      warnings: ['CURB-65 supports, and does not replace, clinical judgement on place of care.'],
    },
  };
}
