import { z } from 'zod';
import { ageYears, flag, measurement } from './fields.js';
import { guidelineRef, guidelineSet } from './guidelines.js';
import {
  defineRiskEngine,
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
 * qSOFA (quick Sequential Organ Failure Assessment), Sepsis-3.
 *
 * Source: Seymour CW, Liu VX, Iwashyna TJ, et al. Assessment of clinical criteria for sepsis. JAMA 2016;315:762-74;
 * Singer M et al. JAMA 2016;315:801-10.
 *
 * One point each: respiratory rate ≥ 22/min; altered mentation (GCS < 15); systolic BP ≤ 100 mmHg. ≥ 2 in an adult
 * with suspected infection outside the ICU identifies a higher risk of death or prolonged ICU stay. Verified against
 * the reference notes [V2] and the paper ("> 22" / "< 100" printed by some pages is wrong). The Surviving Sepsis
 * Campaign 2021 recommends against qSOFA alone as a screening tool (compared with SIRS, NEWS or MEWS): the engine
 * says so.
 */
export const QSOFA_SOURCE =
  'Seymour CW et al. Assessment of clinical criteria for sepsis (Sepsis-3). JAMA 2016;315:762-74.';

export const qsofaInputSchema = z
  .object({
    age: ageYears('Age in years (qSOFA was derived in adults).'),
    suspectedInfection: maybeUnknown(flag('Infection is suspected (qSOFA is only meaningful then).')),
    respiratoryRate: measurement('breaths/min', 0, 80, 'Respiratory rate in breaths per minute.'),
    systolicBp: measurement('mmHg', 0, 300, 'Systolic blood pressure in mmHg.'),
    alteredMentation: maybeUnknown(flag('Altered mentation (Glasgow Coma Scale < 15).')),
  })
  .strict()
  .describe('qSOFA inputs.');

export type QsofaInput = z.infer<typeof qsofaInputSchema>;

/** Yes/no inputs that may be unknown (left out or `'unknown'`): the answer then covers both values (`unknowns.ts`). */
export const QSOFA_UNKNOWABLE: Unknowable = {
  suspectedInfection: YES_NO,
  alteredMentation: YES_NO,
};

const QSOFA_LABELS: Record<string, string> = {
  suspectedInfection: 'suspected infection',
  alteredMentation: 'altered mentation',
};

/** A complete input: every yes/no input known. */
type QsofaModelInput = Omit<z.output<typeof qsofaInputSchema>, 'suspectedInfection' | 'alteredMentation'> &
  Record<'suspectedInfection' | 'alteredMentation', boolean>;

export interface QsofaOutput extends RiskOutput, UnknownInputs {
  readonly score?: number;
}

export const qsofaEngine = defineRiskEngine<typeof qsofaInputSchema, QsofaOutput>({
  id: 'qsofa',
  family: 'sepsis',
  title: 'qSOFA sepsis screening',
  version: '1.0.0',
  description: 'qSOFA (Sepsis-3) in adults with suspected infection outside the ICU.',
  source: QSOFA_SOURCE,
  validation: publishedValidation(QSOFA_SOURCE),
  inputSchema: qsofaInputSchema,
  example: {
    age: 70,
    suspectedInfection: true,
    respiratoryRate: 24,
    systolicBp: 95,
    alteredMentation: false,
  },
  compute(input) {
    return computeOverUnknowns(
      input,
      QSOFA_UNKNOWABLE,
      (c) => computeQsofa(c as QsofaModelInput),
      QSOFA_LABELS,
    );
  },
});

/** One complete input: every yes/no input known. */
function computeQsofa(input: QsofaModelInput): RiskComputation<QsofaOutput> {
  const set = guidelineSet('sepsis-3');
  if (input.age < 18 || !input.suspectedInfection) {
    const reason =
      input.age < 18
        ? 'qSOFA was derived in adults; it is not for children.'
        : 'qSOFA is for adults with suspected infection; it is not a screen for sepsis in patients without one.';
    return {
      output: notApplicable('qsofa', reason, { guideline: guidelineRef(set) }),
      explanation: { summary: `Not applicable: ${reason}`, contributions: [] },
    };
  }
  const contributions = [
    points(
      'respiratoryRate',
      'Respiratory rate ≥ 22/min',
      input.respiratoryRate,
      input.respiratoryRate >= 22 ? 1 : 0,
    ),
    points(
      'alteredMentation',
      'Altered mentation (GCS < 15)',
      input.alteredMentation,
      input.alteredMentation ? 1 : 0,
    ),
    points('systolicBp', 'Systolic BP ≤ 100 mmHg', input.systolicBp, input.systolicBp <= 100 ? 1 : 0),
  ];
  const score = contributions.reduce((s, c) => s + c.contribution, 0);
  const positive = score >= 2;
  const rule = `qSOFA ${score} (${positive ? '≥ 2' : '< 2'})`;
  const recommendations = positive
    ? [
        recommend(
          set,
          'sepsis-workup',
          'Higher risk of poor outcome: assess for organ dysfunction (SOFA), start or escalate treatment, consider critical care referral.',
          `${rule} → higher risk`,
        ),
      ]
    : [
        recommend(
          set,
          'reassess',
          'Not positive: keep monitoring; a negative qSOFA does not rule out sepsis.',
          `${rule} → not positive`,
        ),
      ];
  return {
    output: {
      modelId: 'qsofa',
      applicable: true,
      score,
      category: positive ? 'positive' : 'negative',
      recommendations,
      guideline: guidelineRef(set),
    },
    explanation: {
      summary: `qSOFA ${score}/3: ${positive ? 'positive' : 'negative'}.`,
      baseline: 0,
      contributions,
      rulesFired: [`${rule} → ${positive ? 'positive' : 'negative'}`],
      warnings: [
        'Surviving Sepsis Campaign 2021 recommends against using qSOFA alone as a single screening tool for sepsis.',
      ],
    },
  };
}
