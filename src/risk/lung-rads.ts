import { z } from 'zod';
import type { Recommendation } from '../clinical/outputs.js';
import { diameterMm, flag, oneOf } from './fields.js';
import { type GuidelineSet, guidelineRef, guidelineSet } from './guidelines.js';
import { MASS_THRESHOLD_TENTHS, mmText, tenths } from './measure.js';
import {
  defineRiskEngine,
  guidelineWarnings,
  notApplicable,
  publishedValidation,
  type RiskOutput,
  recommend,
} from './risk-engine.js';

/**
 * ACR Lung-RADS assessment of one nodule on a lung cancer screening low-dose CT, v2022 (default, current) or v1.1.
 *
 * Sources: ACR Lung-RADS v2022 (released Nov 2022; ACR/RSNA CDE RDES267; summary: Christensen J et al., CHEST
 * 2024;165:738-53) and ACR Lung-RADS v1.1 (2019; NCBI Bookshelf NBK568579 Appendix A). Checked against the shared
 * reference notes, which are [V2] for both tables, and against what I know of the ACR charts:
 * - size is the mean diameter ((long + short axis)/2, one decimal place); growth is an increase > 1.5 mm within
 *   12 months; size thresholds apply at first detection and when a nodule grows into a higher size category;
 * - v2022 changes from v1.1: juxtapleural (not only perifissural) nodules < 10 mm → 2; airway nodules (subsegmental
 *   → 2, segmental or more proximal → 4A, persistent at 3-month CT → 4B; v1.1: any endobronchial nodule → 4A);
 *   atypical cysts (3/4A/4B); stepped management (3 stable or decreased at 6 months → 2; 4A stable or decreased at
 *   3 months → 3, airway nodules excluded; v1.1: 3 or 4 unchanged ≥ 3 months → 2); infection → 0 with 1–3-month
 *   LDCT; slow growth over several exams → 4B;
 * - 4X: a category 3 or 4 nodule with features that raise suspicion (e.g. spiculation, lymphadenopathy); a
 *   category 2 nodule is never raised to 4X; S: a modifier for significant findings unrelated to lung cancer.
 *
 * One nodule per call: code the exam by its most suspicious nodule.
 */
export const LUNG_RADS_SOURCE = 'American College of Radiology. Lung-RADS v2022 (and v1.1, 2019).';

export const LUNG_RADS_CATEGORIES = ['0', '1', '2', '3', '4A', '4B', '4X'] as const;
export type LungRadsCategory = (typeof LUNG_RADS_CATEGORIES)[number];

const RANK: Record<LungRadsCategory, number> = { '0': 0, '1': 1, '2': 2, '3': 3, '4A': 4, '4B': 5, '4X': 6 };

export const lungRadsInputSchema = z
  .object({
    version: oneOf(
      ['v2022', 'v1.1'] as const,
      'Lung-RADS version; v2022 is current, v1.1 is superseded.',
    ).default('v2022'),
    scan: oneOf(
      ['baseline', 'follow-up'] as const,
      'Baseline (first) screening CT or a follow-up screening CT.',
    ),
    finding: oneOf(
      [
        'none',
        'benign',
        'solid',
        'part-solid',
        'nonsolid',
        'juxtapleural',
        'airway',
        'atypical-cyst',
      ] as const,
      'What the most suspicious finding is: none; benign (complete, central, popcorn or concentric-ring calcification, or fat); solid, part-solid or nonsolid nodule; juxtapleural (incl. perifissural) nodule that is solid, smooth and oval, lentiform or triangular; airway (endobronchial) nodule; atypical (thick-walled or multilocular) pulmonary cyst.',
    ),
    meanDiameterMm: diameterMm(
      'Mean diameter ((long + short axis)/2) in mm, to one decimal place.',
    ).optional(),
    solidComponentMm: diameterMm(
      'Part-solid nodules: mean diameter of the solid component in mm.',
    ).optional(),
    change: oneOf(
      ['new', 'growing', 'stable', 'decreased', 'slow-growing'] as const,
      'Follow-up scans: new since the prior CT, growing (mean diameter > 1.5 mm larger within 12 months; for part-solid nodules, the solid component), stable, decreased, or slow-growing over several screening exams.',
    ).optional(),
    priorMeanDiameterMm: diameterMm(
      'Follow-up scans: mean diameter at the prior CT (for part-solid nodules, of the solid component); with monthsSincePrior it gives `change` when that is not given.',
    ).optional(),
    monthsSincePrior: z
      .number({ error: 'must be a number of months' })
      .min(0, { error: 'must be 0 or more months' })
      .max(240, { error: 'must be at most 240 months' })
      .optional()
      .describe('Follow-up scans: months since the prior CT.'),
    priorCategory: oneOf(
      LUNG_RADS_CATEGORIES,
      'Follow-up scans: the category given at the prior CT (0, 1, 2, 3, 4A, 4B or 4X). Enables stepped management (3 stable at the 6-month CT → 2; 4A stable at the 3-month CT → 3), keeps a nodule already stepped down to 2 at 2 while it stays stable, and keeps an existing 4B from being downgraded.',
    ).optional(),
    provenBenign: flag('A category 4B finding proven benign after diagnostic work-up.').optional(),
    airwayLocation: oneOf(
      ['subsegmental', 'segmental-or-proximal'] as const,
      'Airway nodules: location.',
    ).optional(),
    cyst: oneOf(
      [
        'thick-walled',
        'multilocular',
        'growing-cystic-component',
        'became-multilocular',
        'growing-wall-or-nodularity',
        'growing-multilocular',
        'increased-loculation-or-opacity',
      ] as const,
      'Atypical pulmonary cysts (v2022): the feature seen. Thin-walled unilocular cysts are not scored.',
    ).optional(),
    suspiciousFeatures: flag(
      'Additional features that increase suspicion (e.g. spiculation, lymphadenopathy, metastatic disease): makes a category 3 or 4 nodule 4X.',
    ).default(false),
    incomplete: oneOf(
      ['prior-ct-being-located', 'lungs-not-evaluable', 'infection-suspected'] as const,
      'Category 0: prior CT being located, part of the lungs not evaluable, or findings suggesting infection or inflammation.',
    ).optional(),
    significantOtherFinding: flag(
      'S modifier: a clinically significant finding unrelated to lung cancer.',
    ).default(false),
  })
  .strict()
  .describe('Lung-RADS inputs for one nodule (the most suspicious) on a screening LDCT.');

export type LungRadsInput = z.input<typeof lungRadsInputSchema>;
type ParsedLungRadsInput = z.output<typeof lungRadsInputSchema>;

export interface LungRadsOutput extends RiskOutput {
  readonly lungRadsCategory?: LungRadsCategory;
  readonly sModifier?: boolean;
  /** Malignancy risk band of the category, as the ACR chart gives it. */
  readonly malignancyRisk?: string;
  readonly screenResult?: 'negative' | 'positive' | 'incomplete';
}

const RISK_BAND: Record<LungRadsCategory, string> = {
  '0': 'n/a',
  '1': '< 1 %',
  '2': '< 1 %',
  '3': '1–2 %',
  '4A': '5–15 %',
  '4B': '> 15 %',
  '4X': '> 15 %',
};

interface Classified {
  readonly category: LungRadsCategory;
  readonly rule: string;
}

/** An input the category needs is missing or inconsistent; `field` names it for the problem document. */
class InputMissing extends Error {
  readonly field: string;
  constructor(message: string) {
    super(message);
    // Every message starts with the field's name.
    this.field = message.split(' ')[0] ?? '';
  }
}

function need<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new InputMissing(message);
  return value;
}

/** The size/type category (before 4X and S), or an error naming the missing input. */
/**
 * Growth from measurements (Lung-RADS v2022: an increase in mean diameter > 1.5 mm within a 12-month interval; for
 * part-solid nodules, of the solid component). Longer intervals are not called growth here: with more than 12 months
 * between the scans the caller must say whether the nodule grew slowly over several exams (`slow-growing`).
 */
export function changeFromMeasurements(
  currentMm: number,
  priorMm: number,
  monthsSincePrior: number,
): 'growing' | 'stable' | 'decreased' | undefined {
  // Whole tenths of a mm: growth is > 15 tenths, so 3.9 → 5.4 and 4.0 → 5.5 (+1.5 mm) are both not growth.
  const delta = tenths(currentMm) - tenths(priorMm);
  if (delta > 15) return monthsSincePrior <= 12 ? 'growing' : undefined;
  if (delta < -15) return 'decreased';
  return 'stable';
}

function withDerivedChange(input: ParsedLungRadsInput, rules: string[]): ParsedLungRadsInput {
  if (input.scan !== 'follow-up' || input.change !== undefined) return input;
  if (input.priorMeanDiameterMm === undefined || input.monthsSincePrior === undefined) return input;
  const current = input.finding === 'part-solid' ? input.solidComponentMm : input.meanDiameterMm;
  if (current === undefined) return input;
  const change = changeFromMeasurements(current, input.priorMeanDiameterMm, input.monthsSincePrior);
  if (!change) return input;
  rules.push(
    `change from measurements: ${mmText(tenths(input.priorMeanDiameterMm))} → ${mmText(tenths(current))} mm in ${input.monthsSincePrior} months (growth = > 1.5 mm within 12 months, compared in tenths of a mm) → ${change}`,
  );
  return { ...input, change };
}

/**
 * The category, with the follow-up rules that keep a category from moving the wrong way: an existing 4B (or 4X) is
 * not downgraded on a follow-up scan unless proven benign; a nodule already at 2 (e.g. a 3 stepped down at its
 * 6-month CT) stays at 2 while stable or decreased, so it is not re-flagged at each annual scan.
 */
function classify(input: ParsedLungRadsInput): Classified {
  const base = classifyBase(input);
  const prior = input.scan === 'follow-up' ? input.priorCategory : undefined;
  const change = input.change;
  if (!prior || input.provenBenign || input.incomplete) return base;
  const v = input.version;
  if ((prior === '4B' || prior === '4X') && change !== 'decreased' && RANK[base.category] < RANK['4B']) {
    return {
      category: '4B',
      rule: `${v}: category ${prior} at the prior CT, ${change ?? 'not decreased'} now → stays 4B (an existing 4B is not downgraded unless proven benign); by size alone: ${base.rule}`,
    };
  }
  if (
    (prior === '1' || prior === '2') &&
    (change === 'stable' || change === 'decreased') &&
    RANK[base.category] > RANK['2'] &&
    input.finding !== 'airway'
  ) {
    return {
      category: '2',
      rule: `${v}: category ${prior} at the prior CT and ${change} now → 2 (a nodule stepped down to 2 stays at 2 while stable; continue annual screening)`,
    };
  }
  return base;
}

function classifyBase(input: ParsedLungRadsInput): Classified {
  const v = input.version;
  const followUp = input.scan === 'follow-up';
  const change = followUp
    ? need(
        input.change,
        'change is required on a follow-up scan (new, growing, stable, decreased, slow-growing)',
      )
    : undefined;
  if (input.incomplete) {
    return { category: '0', rule: `${v}: incomplete exam (${input.incomplete}) → 0` };
  }
  if (input.provenBenign) {
    return { category: '2', rule: `${v}: category 4B finding proven benign after work-up → 2` };
  }
  if (input.finding === 'none' || input.finding === 'benign') {
    return { category: '1', rule: `${v}: no nodules, or nodules with benign calcification or fat → 1` };
  }
  if (
    (input.finding === 'solid' || input.finding === 'part-solid' || input.finding === 'juxtapleural') &&
    input.meanDiameterMm !== undefined &&
    tenths(input.meanDiameterMm) > MASS_THRESHOLD_TENTHS
  ) {
    throw new OutOfScope(
      `A ${input.finding} lesion of ${mmText(tenths(input.meanDiameterMm))} mm is a mass (over 30 mm), not a nodule: Lung-RADS nodule categories do not apply; refer for diagnostic work-up.`,
    );
  }
  // Stepped management.
  if (
    followUp &&
    (change === 'stable' || change === 'decreased') &&
    input.priorCategory &&
    input.finding !== 'airway'
  ) {
    if (v === 'v1.1') {
      return { category: '2', rule: 'v1.1: category 3 or 4 nodule unchanged at ≥ 3-month follow-up → 2' };
    }
    if (input.priorCategory === '3')
      return { category: '2', rule: 'v2022: category 3 stable or decreased at 6-month LDCT → 2' };
    if (input.priorCategory === '4A')
      return { category: '3', rule: 'v2022: category 4A stable or decreased at 3-month LDCT → 3' };
  }
  if (
    followUp &&
    change === 'slow-growing' &&
    (input.finding === 'solid' || input.finding === 'part-solid')
  ) {
    if (v === 'v2022')
      return {
        category: '4B',
        rule: 'v2022: solid or part-solid nodule growing slowly over several screening exams → 4B',
      };
  }
  switch (input.finding) {
    case 'airway': {
      const location = need(input.airwayLocation, 'airwayLocation is required for an airway nodule');
      if (v === 'v1.1') return { category: '4A', rule: 'v1.1: endobronchial nodule → 4A' };
      if (location === 'subsegmental')
        return { category: '2', rule: 'v2022: subsegmental airway nodule → 2' };
      if (followUp && (change === 'stable' || change === 'growing' || change === 'slow-growing')) {
        return {
          category: '4B',
          rule: `v2022: segmental or more proximal airway nodule ${change === 'stable' ? 'stable' : 'growing'} on follow-up LDCT → 4B`,
        };
      }
      return {
        category: '4A',
        rule: `v2022: segmental or more proximal airway nodule${followUp ? `, ${change}` : ''} → 4A`,
      };
    }
    case 'atypical-cyst': {
      if (v === 'v1.1')
        throw new OutOfScope('Lung-RADS v1.1 has no category for pulmonary cysts (added in v2022).');
      const cyst = need(input.cyst, 'cyst is required for an atypical pulmonary cyst');
      if (cyst === 'growing-cystic-component')
        return { category: '3', rule: 'v2022: growing cystic component of a thick-walled cyst → 3' };
      if (cyst === 'thick-walled' || cyst === 'multilocular' || cyst === 'became-multilocular') {
        return { category: '4A', rule: `v2022: atypical cyst (${cyst}) → 4A` };
      }
      return { category: '4B', rule: `v2022: atypical cyst (${cyst}) → 4B` };
    }
    case 'juxtapleural': {
      const d = need(input.meanDiameterMm, 'meanDiameterMm is required for a nodule');
      if (
        tenths(d) < 100 &&
        (!followUp || change === 'new' || change === 'stable' || change === 'decreased')
      ) {
        return {
          category: '2',
          rule:
            v === 'v2022'
              ? 'v2022: juxtapleural nodule < 10 mm, solid, smooth, oval/lentiform/triangular → 2'
              : 'v1.1: perifissural nodule < 10 mm → 2 (v1.1 names perifissural nodules only)',
        };
      }
      return solid(input, d, change, 'juxtapleural nodule ≥ 10 mm or growing, classified as solid');
    }
    case 'solid':
      return solid(input, need(input.meanDiameterMm, 'meanDiameterMm is required for a nodule'), change);
    case 'part-solid':
      return partSolid(input, change);
    case 'nonsolid': {
      const d = need(input.meanDiameterMm, 'meanDiameterMm is required for a nodule');
      if (tenths(d) < 300) return { category: '2', rule: `${v}: nonsolid nodule < 30 mm → 2` };
      if (followUp && (change === 'stable' || change === 'slow-growing' || change === 'decreased')) {
        return { category: '2', rule: `${v}: nonsolid nodule ≥ 30 mm, stable or slowly growing → 2` };
      }
      return { category: '3', rule: `${v}: nonsolid nodule ≥ 30 mm at baseline or new → 3` };
    }
  }
}

function solid(
  input: ParsedLungRadsInput,
  d: number,
  change: ParsedLungRadsInput['change'],
  note = '',
): Classified {
  const v = input.version;
  const t = tenths(d);
  const prefix = `${v}: ${note ? `${note}; ` : ''}solid nodule ${mmText(t)} mm`;
  if (change === 'new') {
    if (t < 40) return { category: '2', rule: `${prefix}, new, < 4 mm → 2` };
    if (t < 60) return { category: '3', rule: `${prefix}, new, 4 to < 6 mm → 3` };
    if (t < 80) return { category: '4A', rule: `${prefix}, new, 6 to < 8 mm → 4A` };
    return { category: '4B', rule: `${prefix}, new, ≥ 8 mm → 4B` };
  }
  if (change === 'growing' || change === 'slow-growing') {
    if (t < 80) return { category: '4A', rule: `${prefix}, growing, < 8 mm → 4A` };
    return { category: '4B', rule: `${prefix}, growing, ≥ 8 mm → 4B` };
  }
  const when = change ? `${change} (size criteria as at first detection)` : 'baseline';
  if (t < 60) return { category: '2', rule: `${prefix}, ${when}, < 6 mm → 2` };
  if (t < 80) return { category: '3', rule: `${prefix}, ${when}, 6 to < 8 mm → 3` };
  if (t < 150) return { category: '4A', rule: `${prefix}, ${when}, 8 to < 15 mm → 4A` };
  return { category: '4B', rule: `${prefix}, ${when}, ≥ 15 mm → 4B` };
}

function partSolid(input: ParsedLungRadsInput, change: ParsedLungRadsInput['change']): Classified {
  const v = input.version;
  const total = need(
    input.meanDiameterMm,
    'meanDiameterMm (total mean diameter) is required for a part-solid nodule',
  );
  const core = need(input.solidComponentMm, 'solidComponentMm is required for a part-solid nodule');
  const totalT = tenths(total);
  const coreT = tenths(core);
  if (coreT > totalT) throw new InputMissing('solidComponentMm cannot be larger than meanDiameterMm');
  const prefix = `${v}: part-solid nodule ${mmText(totalT)} mm with ${mmText(coreT)} mm solid component`;
  if (change === 'new' || change === 'growing' || change === 'slow-growing') {
    if (coreT >= 40) return { category: '4B', rule: `${prefix}, ${change}, solid component ≥ 4 mm → 4B` };
    if (change === 'new' && totalT < 60) return { category: '3', rule: `${prefix}, new, < 6 mm total → 3` };
    return { category: '4A', rule: `${prefix}, ${change}, solid component < 4 mm → 4A` };
  }
  if (totalT < 60) return { category: '2', rule: `${prefix}, < 6 mm total → 2` };
  if (coreT < 60) return { category: '3', rule: `${prefix}, ≥ 6 mm total with solid component < 6 mm → 3` };
  if (coreT < 80) return { category: '4A', rule: `${prefix}, solid component 6 to < 8 mm → 4A` };
  return { category: '4B', rule: `${prefix}, solid component ≥ 8 mm → 4B` };
}

class OutOfScope extends Error {}

/** Management of a category, in the wording of the version used. */
export function lungRadsManagement(
  set: GuidelineSet,
  category: LungRadsCategory,
  input: ParsedLungRadsInput,
  rule: string,
): Recommendation[] {
  const solidMm = input.finding === 'part-solid' ? input.solidComponentMm : input.meanDiameterMm;
  const petEligible =
    (input.finding === 'solid' || input.finding === 'part-solid' || input.finding === 'juxtapleural') &&
    tenths(solidMm ?? 0) >= 80;
  const v2022 = set.version === 'v2022';
  switch (category) {
    case '0':
      return input.incomplete === 'infection-suspected'
        ? [
            recommend(
              set,
              'ldct-1-3-months',
              'LDCT in 1–3 months for suspected infectious or inflammatory process.',
              rule,
            ),
          ]
        : [
            recommend(
              set,
              'comparison-or-additional-ldct',
              'Compare with the prior chest CT and/or obtain additional LDCT images.',
              rule,
            ),
          ];
    case '1':
    case '2':
      return [recommend(set, 'ldct-12-months', 'Continue annual screening: LDCT in 12 months.', rule)];
    case '3':
      return [recommend(set, 'ldct-6-months', 'LDCT in 6 months.', rule)];
    case '4A': {
      const out = [recommend(set, 'ldct-3-months', 'LDCT in 3 months.', rule)];
      if (petEligible) {
        out.push(
          recommend(
            set,
            'pet-ct',
            v2022
              ? 'PET/CT may be considered (solid nodule or solid component ≥ 8 mm).'
              : 'PET/CT may be used (solid component ≥ 8 mm).',
            rule,
          ),
        );
      }
      return out;
    }
    case '4B':
    case '4X': {
      const out = [recommend(set, 'diagnostic-ct', 'Diagnostic chest CT with or without contrast.', rule)];
      if (petEligible) {
        out.push(
          recommend(
            set,
            'pet-ct',
            v2022 ? 'PET/CT may be considered (solid component ≥ 8 mm).' : 'PET/CT (solid component ≥ 8 mm).',
            rule,
          ),
        );
      }
      out.push(recommend(set, 'tissue-sampling', 'Tissue sampling.', rule));
      out.push(
        recommend(
          set,
          'referral',
          v2022
            ? 'And/or referral for further clinical evaluation; management depends on clinical evaluation, patient preference and probability of malignancy.'
            : 'Depending on the probability of malignancy and comorbidities.',
          rule,
        ),
      );
      return out;
    }
  }
}

export const lungRadsEngine = defineRiskEngine<typeof lungRadsInputSchema, LungRadsOutput>({
  id: 'lung-rads',
  family: 'lung-nodule',
  title: 'ACR Lung-RADS',
  version: '1.0.0',
  description:
    'Lung-RADS category and management of a nodule on screening LDCT (v2022 by default; v1.1 selectable).',
  source: LUNG_RADS_SOURCE,
  validation: publishedValidation(LUNG_RADS_SOURCE, 'categories and recommendations'),
  inputSchema: lungRadsInputSchema,
  example: { scan: 'baseline', finding: 'solid', meanDiameterMm: 9, suspiciousFeatures: true },
  compute(parsed) {
    const derivationRules: string[] = [];
    const input = withDerivedChange(parsed, derivationRules);
    const set = guidelineSet('lung-rads', input.version);
    let classified: Classified;
    try {
      classified = classify(input);
    } catch (error) {
      if (error instanceof OutOfScope) {
        return {
          output: notApplicable('lung-rads', error.message, { guideline: guidelineRef(set) }),
          explanation: { summary: error.message, contributions: [], warnings: guidelineWarnings(set) },
        };
      }
      if (error instanceof InputMissing) {
        throw new z.ZodError([
          { code: 'custom', message: error.message, path: [error.field], input: parsed },
        ]);
      }
      throw error;
    }
    const rules = [...derivationRules, classified.rule];
    let category = classified.category;
    if (input.suspiciousFeatures && RANK[category] >= RANK['3']) {
      rules.push(`${input.version}: category ${category} nodule with additional suspicious features → 4X`);
      category = '4X';
    } else if (input.suspiciousFeatures) {
      rules.push(
        `${input.version}: suspicious features do not raise a category ${category} finding to 4X (only categories 3 and 4)`,
      );
    }
    const recommendations = lungRadsManagement(set, category, input, rules[rules.length - 1]!);
    if (input.significantOtherFinding) {
      rules.push('S modifier: clinically significant finding unrelated to lung cancer');
      recommendations.push(
        recommend(
          set,
          'manage-incidental',
          'Manage the S finding as appropriate (ACR incidental findings).',
          'S modifier',
        ),
      );
    }
    const warnings: string[] = [];
    if (
      input.scan === 'follow-up' &&
      (input.change === 'stable' || input.change === 'decreased') &&
      !input.priorCategory
    ) {
      warnings.push(
        'Give priorCategory at the 6-month (category 3) or 3-month (category 4A) follow-up to apply stepped management.',
      );
    }
    const label = `${category}${input.significantOtherFinding ? 'S' : ''}`;
    return {
      output: {
        modelId: 'lung-rads',
        applicable: true,
        category: label,
        lungRadsCategory: category,
        sModifier: input.significantOtherFinding,
        malignancyRisk: RISK_BAND[category],
        screenResult: category === '0' ? 'incomplete' : RANK[category] >= RANK['3'] ? 'positive' : 'negative',
        recommendations,
        guideline: guidelineRef(set),
      },
      explanation: {
        summary: `Lung-RADS ${input.version} category ${label} (malignancy risk ${RISK_BAND[category]}).`,
        contributions: [],
        rulesFired: rules,
        warnings: guidelineWarnings(set, warnings),
      },
    };
  },
});
