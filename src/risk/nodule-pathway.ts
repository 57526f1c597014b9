import type { GuidelineRef, Recommendation } from '../clinical/outputs.js';
import { type GuidelineSet, guidelineRef } from './guidelines.js';
import { tenths } from './measure.js';
import { percent, recommend } from './risk-engine.js';

/** The next step a nodule guideline gives for a malignancy probability. */
export interface NodulePathway {
  readonly guideline: GuidelineRef;
  readonly recommendations: readonly Recommendation[];
  readonly rules: readonly string[];
  readonly warnings: readonly string[];
}

/** Nodule type as the pathways see it. */
export type NoduleType = 'solid' | 'part-solid' | 'nonsolid';

/**
 * BTS 2015 pulmonary nodule pathway (Callister et al., Thorax 2015;70 Suppl 2; algorithms 1–3), sizes compared in
 * tenths of a mm.
 *
 * Solid nodules (algorithms 1 and 2): by volume when volumetry is given (BTS prefers it) — < 80 mm³: no follow-up;
 * 80 to < 300 mm³: CT at 3 months (volumetry, then by volume-doubling time); ≥ 300 mm³: Brock. By maximum diameter
 * otherwise — < 5 mm: no follow-up; 5 to < 6 mm: CT at 12 months (if stable by volumetry discharge, by diameter
 * repeat at 24 months); 6 to < 8 mm: CT at 3 months; ≥ 8 mm: Brock < 10 % → CT surveillance, ≥ 10 % → PET-CT,
 * then the Herder model.
 *
 * Subsolid (part-solid and pure ground-glass) nodules follow algorithm 3, never the PET/Herder route: PET-CT is not
 * sensitive for ground-glass lesions and the Herder model was derived on solid nodules. < 5 mm: no follow-up;
 * ≥ 5 mm: CT at 3 months to confirm persistence (many resolve), then, with the Brock risk and growth as the risk
 * assessment, CT surveillance at 1, 2 and 4 years or — for higher risk — image-guided biopsy, resection or
 * non-surgical treatment by the patient’s informed preference. BTS gives no probability threshold for subsolid
 * nodules.
 */
export function btsBrockPathway(
  set: GuidelineSet,
  probability: number,
  diameterMm: number,
  noduleType: NoduleType = 'solid',
  volumeMm3?: number,
): NodulePathway {
  const p = percent(probability);
  const d = tenths(diameterMm);
  if (noduleType !== 'solid') {
    const kind = noduleType === 'part-solid' ? 'part-solid' : 'pure ground-glass';
    if (d < 50) {
      const rule = `BTS 2015 (algorithm 3): ${kind} nodule < 5 mm → no follow-up`;
      return pathway(
        set,
        [recommend(set, 'no-follow-up', 'No nodule follow-up needed (< 5 mm).', rule)],
        rule,
      );
    }
    const rule = `BTS 2015 (algorithm 3): ${kind} nodule ≥ 5 mm → CT at 3 months; if persistent, Brock ${p} with growth as the risk assessment → CT surveillance or biopsy/resection by preference (no PET-CT, no Herder: both are for solid nodules)`;
    return pathway(
      set,
      [
        recommend(
          set,
          'ct-3-months',
          'CT at 3 months to confirm persistence (many subsolid nodules resolve).',
          rule,
        ),
        recommend(
          set,
          'ct-surveillance',
          `If persistent: CT surveillance at 1, 2 and 4 years; if the risk is judged high (Brock ${p}, growth or a growing solid component), consider image-guided biopsy, resection or non-surgical treatment according to the patient’s informed preference.`,
          rule,
        ),
      ],
      rule,
    );
  }
  if (volumeMm3 !== undefined && volumeMm3 < 300) {
    if (volumeMm3 < 80) {
      const rule = `BTS 2015: solid nodule ${volumeMm3} mm³ (< 80 mm³) → no follow-up`;
      return pathway(
        set,
        [recommend(set, 'no-follow-up', 'No nodule follow-up needed (< 80 mm³).', rule)],
        rule,
      );
    }
    const rule = `BTS 2015: solid nodule ${volumeMm3} mm³ (80 to < 300 mm³) → CT at 3 months with volumetry, then by volume-doubling time`;
    return pathway(
      set,
      [
        recommend(
          set,
          'ct-3-months',
          'CT at 3 months with volumetry; further surveillance (1 and 2 years) by volume-doubling time.',
          rule,
        ),
      ],
      rule,
    );
  }
  if (volumeMm3 === undefined && d < 50) {
    const rule = 'BTS 2015: solid nodule < 5 mm → no follow-up';
    return pathway(set, [recommend(set, 'no-follow-up', 'No nodule follow-up needed (< 5 mm).', rule)], rule);
  }
  if (volumeMm3 === undefined && d < 60) {
    const rule = 'BTS 2015: solid nodule 5 to < 6 mm (by diameter) → CT at 12 months';
    return pathway(
      set,
      [
        recommend(
          set,
          'ct-12-months',
          'CT at 12 months; if stable by volumetry, discharge; if stable by diameter only, repeat CT at 24 months.',
          rule,
        ),
      ],
      rule,
    );
  }
  if (volumeMm3 === undefined && d < 80) {
    const rule = 'BTS 2015: solid nodule 6 to < 8 mm → CT at 3 months (volumetry), then 1 and 2 years';
    return pathway(
      set,
      [
        recommend(
          set,
          'ct-3-months',
          'CT at 3 months with volumetry; further surveillance (1 and 2 years) by volume-doubling time.',
          rule,
        ),
      ],
      rule,
    );
  }
  const size = volumeMm3 !== undefined ? `${volumeMm3} mm³ (≥ 300 mm³)` : '≥ 8 mm';
  if (probability < 0.1) {
    const rule = `BTS 2015: solid nodule ${size} with Brock ${p} (< 10 %) → CT surveillance`;
    return pathway(set, [recommend(set, 'ct-surveillance', 'CT surveillance with volumetry.', rule)], rule);
  }
  const rule = `BTS 2015: solid nodule ${size} with Brock ${p} (≥ 10 %) → PET-CT, then Herder risk`;
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
export function accpPathway(
  set: GuidelineSet,
  probability: number,
  diameterMm: number,
  noduleType: NoduleType = 'solid',
): NodulePathway {
  const p = percent(probability);
  const d = tenths(diameterMm);
  if (noduleType === 'nonsolid') {
    const rule =
      d <= 50
        ? 'ACCP 2013: pure ground-glass nodule ≤ 5 mm → no further evaluation'
        : 'ACCP 2013: pure ground-glass nodule > 5 mm → annual CT surveillance for at least 3 years';
    return pathway(
      set,
      [
        d <= 50
          ? recommend(set, 'no-follow-up', 'No further evaluation (≤ 5 mm).', rule)
          : recommend(set, 'ct-surveillance', 'Annual CT surveillance for at least 3 years.', rule),
      ],
      rule,
    );
  }
  if (noduleType === 'part-solid') {
    const rule =
      d <= 80
        ? 'ACCP 2013: part-solid nodule ≤ 8 mm → CT at about 3, 12 and 24 months, then annually for 1–3 years'
        : 'ACCP 2013: part-solid nodule > 8 mm → CT at 3 months; if persistent, PET-CT, non-surgical biopsy and/or resection';
    return pathway(
      set,
      d <= 80
        ? [
            recommend(
              set,
              'ct-surveillance',
              'CT at about 3, 12 and 24 months, then annual CT for a further 1–3 years.',
              rule,
            ),
          ]
        : [
            recommend(set, 'ct-3-months', 'CT at 3 months to confirm persistence.', rule),
            recommend(
              set,
              'tissue-sampling',
              'If persistent: further evaluation with PET-CT, non-surgical biopsy and/or surgical resection.',
              rule,
            ),
          ],
      rule,
    );
  }
  if (d < 80) {
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
  noduleType: NoduleType = 'solid',
  volumeMm3?: number,
): NodulePathway {
  return model === 'Brock'
    ? btsBrockPathway(set, probability, diameterMm, noduleType, volumeMm3)
    : accpPathway(set, probability, diameterMm, noduleType);
}

function pathway(set: GuidelineSet, recommendations: Recommendation[], rule: string): NodulePathway {
  return { guideline: guidelineRef(set), recommendations, rules: [rule], warnings: [] };
}
