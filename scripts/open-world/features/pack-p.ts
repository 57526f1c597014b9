import type { FeaturePack } from './pack.js';

/**
 * Lay wording that the forty-fifth to forty-eighth clinical spot-checks (stop 37, 100 held-out presentations each)
 * found read as no finding or as the wrong one. Own wording; P(finding | condition) are editorial estimates.
 */
export const PACK_P: FeaturePack = {
  name: 'lay wording from the forty-fifth to forty-eighth clinical spot-checks (audit 10)',
  findings: [],
  findingPhrases: {},
  symptomPhrases: {
    'leg-swelling': ['leg is swollen', 'leg has swollen up', 'legs have swollen up', 'leg swelled up'],
  },
  classicFeatures: {},
  conditions: [],
};
