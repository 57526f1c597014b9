import type { GuidelineRef, Recommendation } from '../clinical/outputs.js';
import { type GuidelineSet, guidelineRef } from './guidelines.js';
import { percent, recommend } from './risk-engine.js';

/** The next step a nodule guideline gives for a malignancy probability. */
export interface NodulePathway {
  readonly guideline: GuidelineRef;
  readonly recommendations: readonly Recommendation[];
  readonly rules: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * BTS 2015 pulmonary nodule pathway (Callister et al., Thorax 2015;70 Suppl 2, algorithm 1): nodules < 5 mm need no
 * follow-up; 5 to < 8 mm are followed by CT surveillance; for ≥ 8 mm the Brock probability decides — < 10 %: CT
 * surveillance, ≥ 10 %: PET-CT (then the Herder model).
 */
export function btsBrockPathway(set: GuidelineSet, probability: number, diameterMm: number): NodulePathway {
  const p = percent(probability);
  if (diameterMm < 5) {
    const rule = 'BTS 2015: solid nodule < 5 mm → no follow-up';
    return pathway(set, [recommend(set, 'no-follow-up', 'No nodule follow-up needed (< 5 mm).', rule)], rule);
  }
  if (diameterMm < 8) {
    const rule = 'BTS 2015: nodule 5 to < 8 mm → CT surveillance (volumetry at 3 months, then 1 and 2 years)';
    return pathway(
      set,
      [
        recommend(
          set,
          'ct-surveillance',
          'CT surveillance with volumetry (3 months, 1 year, 2 years).',
          rule,
        ),
      ],
      rule,
    );
  }
  if (probability < 0.1) {
    const rule = `BTS 2015: nodule ≥ 8 mm with Brock ${p} (< 10 %) → CT surveillance`;
    return pathway(set, [recommend(set, 'ct-surveillance', 'CT surveillance with volumetry.', rule)], rule);
  }
  const rule = `BTS 2015: nodule ≥ 8 mm with Brock ${p} (≥ 10 %) → PET-CT, then Herder risk`;
  return pathway(
    set,
    [recommend(set, 'pet-ct', 'PET-CT, then recompute the risk with the Herder model.', rule)],
    rule,
  );
}

/**
 * BTS 2015 after PET-CT (Herder model): < 10 % → CT surveillance; 10–70 % → consider image-guided biopsy, excision
 * or CT surveillance by patient preference; > 70 % → consider excision or non-surgical treatment (biopsy may be
 * considered first).
 */
export function btsHerderPathway(set: GuidelineSet, probability: number): NodulePathway {
  const p = percent(probability);
  if (probability < 0.1) {
    const rule = `BTS 2015: Herder ${p} (< 10 %) → CT surveillance`;
    return pathway(set, [recommend(set, 'ct-surveillance', 'CT surveillance.', rule)], rule);
  }
  if (probability <= 0.7) {
    const rule = `BTS 2015: Herder ${p} (10–70 %) → image-guided biopsy, excision or CT surveillance by patient preference`;
    return pathway(
      set,
      [
        recommend(set, 'tissue-sampling', 'Consider image-guided biopsy (tissue sampling).', rule),
        recommend(
          set,
          'excision',
          'Or excision, or CT surveillance, according to the patient’s informed preference.',
          rule,
        ),
      ],
      rule,
    );
  }
  const rule = `BTS 2015: Herder ${p} (> 70 %) → excision or non-surgical treatment; biopsy may be considered`;
  return pathway(
    set,
    [
      recommend(
        set,
        'excision',
        'Consider excision, or non-surgical treatment where surgery is not appropriate.',
        rule,
      ),
      recommend(set, 'tissue-sampling', 'Biopsy (tissue sampling) may be considered first.', rule),
    ],
    rule,
  );
}

/**
 * ACCP 2013 (Gould et al., Chest 2013;143:e93S) for a solid nodule 8–30 mm by clinical pre-test probability:
 * < 5 % → CT surveillance; 5–65 % → FDG PET-CT; > 65 % → surgical diagnosis (or non-surgical biopsy).
 */
export function accpPathway(set: GuidelineSet, probability: number, diameterMm: number): NodulePathway {
  const p = percent(probability);
  if (diameterMm < 8) {
    const rule =
      'ACCP 2013: solid nodule < 8 mm → CT surveillance by size and risk (Fleischner-style intervals)';
    return pathway(
      set,
      [recommend(set, 'ct-surveillance', 'CT surveillance at intervals set by size and risk.', rule)],
      rule,
    );
  }
  if (probability < 0.05) {
    const rule = `ACCP 2013: nodule 8–30 mm with pre-test probability ${p} (< 5 %) → CT surveillance`;
    return pathway(set, [recommend(set, 'ct-surveillance', 'CT surveillance.', rule)], rule);
  }
  if (probability <= 0.65) {
    const rule = `ACCP 2013: nodule 8–30 mm with pre-test probability ${p} (5–65 %) → FDG PET-CT`;
    return pathway(set, [recommend(set, 'pet-ct', 'FDG PET-CT to characterise the nodule.', rule)], rule);
  }
  const rule = `ACCP 2013: nodule 8–30 mm with pre-test probability ${p} (> 65 %) → surgical diagnosis or tissue sampling`;
  return pathway(
    set,
    [
      recommend(set, 'tissue-sampling', 'Tissue diagnosis: surgical resection or non-surgical biopsy.', rule),
      recommend(set, 'pet-ct', 'PET-CT for staging before treatment.', rule),
    ],
    rule,
  );
}

/** Chooses the pathway by guideline id. */
export function nodulePathway(
  set: GuidelineSet,
  model: 'Brock' | 'Mayo',
  probability: number,
  diameterMm: number,
): NodulePathway {
  return model === 'Brock'
    ? btsBrockPathway(set, probability, diameterMm)
    : accpPathway(set, probability, diameterMm);
}

function pathway(set: GuidelineSet, recommendations: Recommendation[], rule: string): NodulePathway {
  return { guideline: guidelineRef(set), recommendations, rules: [rule], warnings: [] };
}
