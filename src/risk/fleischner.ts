import { z } from 'zod';
import type { Recommendation } from '../clinical/outputs.js';
import { ageYears, flag, lungDiameterMm, oneOf } from './fields.js';
import { guidelineRef, guidelineSet } from './guidelines.js';
import { MASS_THRESHOLD_TENTHS, mmText, tenths } from './measure.js';
import {
  defineRiskEngine,
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
 * Fleischner Society 2017 guidelines for the management of incidental pulmonary nodules in adults.
 *
 * Source: MacMahon H, Naidich DP, Goo JM, et al. Guidelines for management of incidental pulmonary nodules detected
 * on CT images: from the Fleischner Society 2017. Radiology 2017;284:228-43.
 *
 * Verified here against the reference notes ([V2]: Radiopaedia, U. Washington, World J Radiol 2017 Tables 1–4) and
 * what I know of the paper's Table 1:
 * - scope: incidental nodules in patients ≥ 35 years; not for lung cancer screening, known primary cancer or
 *   immunosuppression (the engine then answers "not applicable" and says why);
 * - size = average of long and short axes, rounded to the nearest millimetre (the table's footnote; [MEM] in the
 *   notes, consistent with Bankier et al., Radiology 2017;285:584-600): 5.6 mm counts as 6 mm;
 * - [CONFLICT] single solid 6–8 mm, high risk: "CT at 6–12 months, then CT at 18–24 months" (not "consider"), as
 *   in the original table and most secondary sources; the U. Washington table's "consider" is not followed.
 */
export const FLEISCHNER_SOURCE =
  'MacMahon H et al. Guidelines for management of incidental pulmonary nodules detected on CT images: from the Fleischner Society 2017. Radiology 2017;284:228-43.';

export const fleischnerInputSchema = z
  .object({
    age: ageYears('Age in years (the guideline is for adults ≥ 35).'),
    screening: flag('The CT is a lung cancer screening exam (use Lung-RADS instead).'),
    knownCancer: maybeUnknown(
      flag('Known primary cancer (risk of metastases: the guideline does not apply).'),
    ),
    immunosuppressed: maybeUnknown(
      flag('Immunosuppressed patient (risk of infection: the guideline does not apply).'),
    ),
    noduleType: oneOf(
      ['solid', 'part-solid', 'nonsolid'] as const,
      'Nodule type; nonsolid = pure ground-glass.',
    ),
    noduleDiameterMm: lungDiameterMm(
      'Average of long and short axes in mm (rounded to the nearest mm by the engine). Over 30 mm is a mass: not applicable.',
    ),
    solidComponentMm: lungDiameterMm('Part-solid nodules: solid component in mm.').optional(),
    multiple: maybeUnknown(flag('More than one nodule: manage by the most suspicious one.')),
    highRisk: maybeUnknown(
      flag(
        'High clinical risk (e.g. heavy smoking, exposure to asbestos, radon or uranium, family history of lung cancer, older age, emphysema or fibrosis, upper-lobe location, spiculation).',
      ),
    ),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (
      input.solidComponentMm !== undefined &&
      tenths(input.solidComponentMm) > tenths(input.noduleDiameterMm)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['solidComponentMm'],
        message: 'the solid component cannot be larger than the nodule',
      });
  })
  .describe('Fleischner 2017 inputs for an incidental pulmonary nodule.');

export type FleischnerInput = z.infer<typeof fleischnerInputSchema>;

/**
 * Yes/no inputs that may be unknown: the answer then covers both values (a category only when they agree).
 * Required: age, screening, nodule type and diameter.
 */
export const FLEISCHNER_UNKNOWABLE: Unknowable = {
  knownCancer: YES_NO,
  immunosuppressed: YES_NO,
  multiple: YES_NO,
  highRisk: YES_NO,
};

type FleischnerFlag = 'knownCancer' | 'immunosuppressed' | 'multiple' | 'highRisk';

/** A complete Fleischner input: every yes/no input known. */
export type FleischnerModelInput = Omit<FleischnerInput, FleischnerFlag> & Record<FleischnerFlag, boolean>;

const FLEISCHNER_LABELS: Record<string, string> = {
  knownCancer: 'known primary cancer',
  immunosuppressed: 'immunosuppression',
  multiple: 'single or multiple nodules',
  highRisk: 'clinical risk (high or low)',
};

export interface FleischnerOutput extends RiskOutput, UnknownInputs {
  /** Size band the rounded size falls in. */
  readonly sizeBand?: '<6 mm' | '6-8 mm' | '>8 mm' | '≥6 mm';
  readonly roundedDiameterMm?: number;
}

/** Why Fleischner 2017 does not apply, or undefined. */
export function fleischnerNotApplicable(input: FleischnerModelInput): string | undefined {
  const reasons: string[] = [];
  if (input.screening) reasons.push('it is not for lung cancer screening (use Lung-RADS)');
  if (input.age < 35) reasons.push('it is for patients aged 35 or older');
  if (input.knownCancer)
    reasons.push('it is not for patients with a known primary cancer (risk of metastases)');
  if (input.immunosuppressed) reasons.push('it is not for immunosuppressed patients (risk of infection)');
  if (tenths(input.noduleDiameterMm) > MASS_THRESHOLD_TENTHS)
    reasons.push(
      `a lesion of ${mmText(tenths(input.noduleDiameterMm))} mm is a mass (over 30 mm), not a nodule: refer for diagnostic work-up`,
    );
  return reasons.length ? `Fleischner 2017 does not apply: ${reasons.join('; ')}.` : undefined;
}

export const fleischnerEngine = defineRiskEngine<typeof fleischnerInputSchema, FleischnerOutput>({
  id: 'fleischner',
  family: 'lung-nodule',
  title: 'Fleischner 2017 incidental pulmonary nodule',
  version: '1.0.0',
  description: 'Follow-up of an incidental pulmonary nodule on CT in adults ≥ 35 (Fleischner Society 2017).',
  source: FLEISCHNER_SOURCE,
  validation: publishedValidation(FLEISCHNER_SOURCE, 'recommendations'),
  inputSchema: fleischnerInputSchema,
  example: {
    age: 58,
    screening: false,
    knownCancer: false,
    immunosuppressed: false,
    noduleType: 'solid',
    noduleDiameterMm: 9,
    multiple: false,
    highRisk: true,
  },
  compute(input) {
    return computeOverUnknowns(
      input,
      FLEISCHNER_UNKNOWABLE,
      (c) => computeFleischner(c as FleischnerModelInput),
      FLEISCHNER_LABELS,
    );
  },
});

/** One complete input: every yes/no input known. */
function computeFleischner(input: FleischnerModelInput): RiskComputation<FleischnerOutput> {
  const set = guidelineSet('fleischner');
  const reason = fleischnerNotApplicable(input);
  if (reason) {
    return {
      output: notApplicable('fleischner', reason, { guideline: guidelineRef(set) }),
      explanation: { summary: reason, contributions: [] },
    };
  }
  // Nearest whole mm, from tenths (5.5 → 6, 5.4 → 5), so 5.45 typed as 5.5 and 5.5 agree.
  const size = Math.floor((tenths(input.noduleDiameterMm) + 5) / 10);
  const risk = input.highRisk ? 'high risk' : 'low risk';
  const count = input.multiple ? 'multiple' : 'single';
  const r = (action: string, text: string, rule: string) => recommend(set, action, text, rule);
  let rule: string;
  let recommendations: Recommendation[];
  let sizeBand: FleischnerOutput['sizeBand'];
  const warnings: string[] = [];
  if (input.noduleType === 'solid') {
    sizeBand = size < 6 ? '<6 mm' : size <= 8 ? '6-8 mm' : '>8 mm';
    rule = `Fleischner 2017: solid, ${count}, ${sizeBand} (${input.noduleDiameterMm} mm → ${size} mm), ${risk}`;
    if (sizeBand === '<6 mm') {
      recommendations = input.highRisk
        ? [
            r(
              'ct-12-months-optional',
              'Optional CT at 12 months (particularly with suspicious morphology or upper-lobe location).',
              rule,
            ),
          ]
        : [r('no-follow-up', 'No routine follow-up.', rule)];
    } else if (sizeBand === '6-8 mm') {
      recommendations = input.multiple
        ? [
            r(
              'ct-3-6-months',
              `CT at 3–6 months, then ${input.highRisk ? '' : 'consider '}CT at 18–24 months.`,
              rule,
            ),
          ]
        : [
            r(
              'ct-6-12-months',
              `CT at 6–12 months, then ${input.highRisk ? '' : 'consider '}CT at 18–24 months.`,
              rule,
            ),
          ];
    } else if (input.multiple) {
      recommendations = [
        r(
          'ct-3-6-months',
          `CT at 3–6 months, then ${input.highRisk ? '' : 'consider '}CT at 18–24 months.`,
          rule,
        ),
      ];
    } else {
      recommendations = [
        r('pet-ct', 'Consider PET/CT,', rule),
        r('tissue-sampling', 'or tissue sampling,', rule),
        r('ct-3-months', 'or CT at 3 months.', rule),
      ];
    }
  } else {
    sizeBand = size < 6 ? '<6 mm' : '≥6 mm';
    const kind = input.noduleType === 'nonsolid' ? 'ground-glass' : 'part-solid';
    rule = `Fleischner 2017: subsolid (${kind}), ${count}, ${sizeBand} (${input.noduleDiameterMm} mm → ${size} mm)`;
    if (input.multiple) {
      recommendations =
        sizeBand === '<6 mm'
          ? [r('ct-3-6-months', 'CT at 3–6 months; if stable, consider CT at 2 and 4 years.', rule)]
          : [
              r(
                'ct-3-6-months',
                'CT at 3–6 months; subsequent management based on the most suspicious nodule(s).',
                rule,
              ),
            ];
    } else if (sizeBand === '<6 mm') {
      recommendations = [r('no-follow-up', 'No routine follow-up.', rule)];
      if (kind === 'ground-glass')
        warnings.push('For a suspicious ground-glass nodule < 6 mm, consider follow-up at 2 and 4 years.');
    } else if (kind === 'ground-glass') {
      recommendations = [
        r(
          'ct-6-12-months',
          'CT at 6–12 months to confirm persistence, then CT every 2 years until 5 years.',
          rule,
        ),
      ];
    } else {
      recommendations = [
        r(
          'ct-3-6-months',
          'CT at 3–6 months to confirm persistence; if unchanged and the solid component remains < 6 mm, annual CT for 5 years.',
          rule,
        ),
      ];
      if (input.solidComponentMm !== undefined && tenths(input.solidComponentMm) >= 60) {
        warnings.push('A persistent part-solid nodule with a solid component ≥ 6 mm is highly suspicious.');
      }
    }
  }
  return {
    output: {
      modelId: 'fleischner',
      applicable: true,
      category: `${input.noduleType} ${count} ${sizeBand} ${input.noduleType === 'solid' ? risk : ''}`.trim(),
      sizeBand,
      roundedDiameterMm: size,
      recommendations,
      guideline: guidelineRef(set),
    },
    explanation: {
      summary: `${rule}: ${recommendations.map((x) => x.text).join(' ')}`,
      contributions: [],
      rulesFired: [rule],
      warnings,
    },
  };
}
