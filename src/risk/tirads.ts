import { z } from 'zod';
import type { Contribution } from '../clinical/outputs.js';
import { diameterMm, oneOf } from './fields.js';
import { guidelineRef, guidelineSet } from './guidelines.js';
import { defineRiskEngine, points, publishedValidation, type RiskOutput, recommend } from './risk-engine.js';

/**
 * ACR TI-RADS 2017: points, level and FNA / follow-up thresholds for a thyroid nodule on ultrasound.
 *
 * Source: Tessler FN, Middleton WD, Grant EG, et al. ACR Thyroid Imaging, Reporting and Data System (TI-RADS): white
 * paper of the ACR TI-RADS committee. J Am Coll Radiol 2017;14:587-95 (chart, Fig. 1); ACR/RSNA CDE RDES152.
 *
 * Verified here against the reference notes ([V2]) and what I know of the ACR chart:
 * - composition: cystic 0, spongiform 0, mixed cystic-solid 1, solid 2; echogenicity: anechoic 0, hyper/isoechoic 1,
 *   hypoechoic 2, very hypoechoic 3; shape: taller-than-wide 3; margin: smooth 0, ill-defined 0,
 *   lobulated/irregular 2, extrathyroidal extension 3; echogenic foci (all that apply, ADDED): none or large
 *   comet-tail 0, macrocalcifications 1, peripheral (rim) 2, punctate 3. The radcalcs.org variant (iso 2, only the
 *   highest focus) is wrong against the chart and is not followed.
 * - spongiform: the chart says not to add points from other categories, so a spongiform nodule scores 0 (TR1).
 * - levels: TR1 0 points, TR2 2, TR3 3, TR4 4–6, TR5 ≥ 7. The chart lists no 1-point level; HealthGPT maps a
 *   1-point total to TR1 (as most implementations do) and says so in the explanation.
 * - FNA if ≥ 2.5 cm (TR3), ≥ 1.5 cm (TR4), ≥ 1.0 cm (TR5); follow-up if ≥ 1.5 cm (TR3), ≥ 1.0 cm (TR4), ≥ 0.5 cm
 *   (TR5). The thresholds are "≥" (ACR), not ">" as one secondary source prints.
 */
export const TIRADS_SOURCE =
  'Tessler FN et al. ACR Thyroid Imaging, Reporting and Data System (TI-RADS): white paper of the ACR TI-RADS committee. J Am Coll Radiol 2017;14:587-95.';

export const TIRADS_POINTS = {
  composition: { cystic: 0, spongiform: 0, mixed: 1, solid: 2 },
  echogenicity: { anechoic: 0, hyperechoic: 1, isoechoic: 1, hypoechoic: 2, 'very-hypoechoic': 3 },
  shape: { 'wider-than-tall': 0, 'taller-than-wide': 3 },
  margin: { smooth: 0, 'ill-defined': 0, 'lobulated-irregular': 2, 'extrathyroidal-extension': 3 },
  echogenicFoci: { none: 0, 'comet-tail': 0, macrocalcifications: 1, peripheral: 2, punctate: 3 },
} as const;

const FOCI = ['none', 'comet-tail', 'macrocalcifications', 'peripheral', 'punctate'] as const;

export const tiradsInputSchema = z
  .object({
    composition: oneOf(
      ['cystic', 'spongiform', 'mixed', 'solid'] as const,
      'Composition: cystic or almost completely cystic; spongiform; mixed cystic and solid; solid or almost completely solid.',
    ),
    echogenicity: oneOf(
      ['anechoic', 'hyperechoic', 'isoechoic', 'hypoechoic', 'very-hypoechoic'] as const,
      'Echogenicity (very hypoechoic = more hypoechoic than the strap muscles).',
    ),
    shape: oneOf(['wider-than-tall', 'taller-than-wide'] as const, 'Shape on the transverse image.'),
    margin: oneOf(
      ['smooth', 'ill-defined', 'lobulated-irregular', 'extrathyroidal-extension'] as const,
      'Margin.',
    ),
    echogenicFoci: z
      .array(oneOf(FOCI, 'Echogenic focus type.'), { error: 'must be an array of echogenic focus types' })
      .min(1, { error: "list at least one echogenic focus type, or ['none']" })
      .refine((foci) => !(foci.includes('none') && foci.length > 1), {
        error: "'none' cannot be combined with other echogenic foci",
      })
      .describe(
        'All echogenic foci present (their points add up): none, comet-tail (large), macrocalcifications, peripheral (rim), punctate.',
      ),
    maxDiameterMm: diameterMm(
      'Maximum diameter of the nodule in mm (the thresholds are 5, 10, 15 and 25 mm).',
    ),
  })
  .strict()
  .describe('ACR TI-RADS 2017 inputs for one thyroid nodule.');

export type TiradsInput = z.infer<typeof tiradsInputSchema>;
export type TiradsLevel = 'TR1' | 'TR2' | 'TR3' | 'TR4' | 'TR5';

export interface TiradsOutput extends RiskOutput {
  readonly points: number;
  readonly level: TiradsLevel;
  readonly recommendation: 'fna' | 'follow-up' | 'none';
  readonly score: number;
  readonly category: TiradsLevel;
}

/** Points for each feature; spongiform nodules get no points from other categories (ACR chart note). */
export function tiradsContributions(input: TiradsInput): Contribution[] {
  const p = TIRADS_POINTS;
  const spongiform = input.composition === 'spongiform';
  const foci = [...new Set(input.echogenicFoci)];
  return [
    points('composition', 'Composition', input.composition, p.composition[input.composition]),
    points(
      'echogenicity',
      'Echogenicity',
      input.echogenicity,
      spongiform ? 0 : p.echogenicity[input.echogenicity],
    ),
    points('shape', 'Shape', input.shape, spongiform ? 0 : p.shape[input.shape]),
    points('margin', 'Margin', input.margin, spongiform ? 0 : p.margin[input.margin]),
    ...foci.map((focus) =>
      points('echogenicFoci', `Echogenic foci: ${focus}`, focus, spongiform ? 0 : p.echogenicFoci[focus]),
    ),
  ];
}

/** TI-RADS level of a point total (1 point → TR1, HealthGPT's documented choice). */
export function tiradsLevel(total: number): TiradsLevel {
  if (total <= 1) return 'TR1';
  if (total === 2) return 'TR2';
  if (total === 3) return 'TR3';
  if (total <= 6) return 'TR4';
  return 'TR5';
}

const THRESHOLDS_MM: Record<TiradsLevel, { fna?: number; followUp?: number; risk: string }> = {
  TR1: { risk: 'benign (0.3 %)' },
  TR2: { risk: 'not suspicious (1.5 %)' },
  TR3: { fna: 25, followUp: 15, risk: 'mildly suspicious (4.8 %)' },
  TR4: { fna: 15, followUp: 10, risk: 'moderately suspicious (9.1 %)' },
  TR5: { fna: 10, followUp: 5, risk: 'highly suspicious (35 %)' },
};

const FOLLOW_UP_SCHEDULE: Partial<Record<TiradsLevel, string>> = {
  TR3: 'ultrasound at 1, 3 and 5 years',
  TR4: 'ultrasound at 1, 2, 3 and 5 years',
  TR5: 'ultrasound every year for up to 5 years',
};

export const tiradsEngine = defineRiskEngine<typeof tiradsInputSchema, TiradsOutput>({
  id: 'tirads',
  family: 'thyroid-nodule',
  title: 'ACR TI-RADS thyroid nodule',
  version: '1.0.0',
  description:
    'ACR TI-RADS 2017 points, level (TR1–TR5) and FNA or follow-up recommendation for a thyroid nodule.',
  source: TIRADS_SOURCE,
  validation: publishedValidation(TIRADS_SOURCE, 'points and categories'),
  inputSchema: tiradsInputSchema,
  example: {
    composition: 'solid',
    echogenicity: 'hypoechoic',
    shape: 'wider-than-tall',
    margin: 'smooth',
    echogenicFoci: ['none'],
    maxDiameterMm: 16,
  },
  compute(input) {
    const set = guidelineSet('acr-tirads');
    const contributions = tiradsContributions(input);
    const total = contributions.reduce((s, c) => s + c.contribution, 0);
    const level = tiradsLevel(total);
    const t = THRESHOLDS_MM[level];
    const d = input.maxDiameterMm;
    const rules = [`ACR TI-RADS 2017: ${total} points → ${level} (${t.risk})`];
    if (input.composition === 'spongiform')
      rules.unshift('ACR TI-RADS 2017: spongiform nodule → no points added from other categories');
    if (total === 1) rules.push('1 point is not listed on the ACR chart; HealthGPT maps it to TR1');
    let recommendation: TiradsOutput['recommendation'] = 'none';
    let rule: string;
    if (t.fna !== undefined && d >= t.fna) {
      recommendation = 'fna';
      rule = `${level} with maximum diameter ${d} mm ≥ ${t.fna} mm → FNA`;
    } else if (t.followUp !== undefined && d >= t.followUp) {
      recommendation = 'follow-up';
      rule = `${level} with maximum diameter ${d} mm ≥ ${t.followUp} mm (FNA threshold ${t.fna} mm) → follow-up ultrasound`;
    } else {
      rule =
        t.followUp === undefined
          ? `${level} → no FNA`
          : `${level} with maximum diameter ${d} mm < ${t.followUp} mm → no FNA and no follow-up`;
    }
    rules.push(rule);
    const recommendations =
      recommendation === 'fna'
        ? [recommend(set, 'fna', 'Fine-needle aspiration (FNA).', rule)]
        : recommendation === 'follow-up'
          ? [recommend(set, 'us-follow-up', `Follow-up ${FOLLOW_UP_SCHEDULE[level]}.`, rule)]
          : [recommend(set, 'no-fna', 'No FNA and no ultrasound follow-up for this nodule.', rule)];
    return {
      output: {
        modelId: 'tirads',
        applicable: true,
        points: total,
        score: total,
        level,
        category: level,
        recommendation,
        recommendations,
        guideline: guidelineRef(set),
      },
      explanation: {
        summary: `ACR TI-RADS ${total} points → ${level}, ${t.risk}; ${recommendation === 'fna' ? 'FNA' : recommendation}.`,
        baseline: 0,
        contributions,
        rulesFired: rules,
        warnings:
          d < 3
            ? [
                `A maximum diameter of ${d} mm is very small for a sonographic nodule: check it was given in mm, not cm.`,
              ]
            : [],
      },
    };
  },
});
