import type { Concept } from '../../types.js';
import { CARDIOVASCULAR_NEUROLOGICAL_CONCEPTS } from './cardiovascular-neurological.js';
import { DIGESTIVE_ENT_SKIN_CONCEPTS } from './digestive-ent-skin.js';
import { EXPOSURES_FAMILY_CONCEPTS } from './exposures-family.js';
import { EXTENSION_CONCEPTS } from './extensions.js';
import { GENERAL_CONCEPTS } from './general.js';
import { MEDICAL_HISTORY_CONCEPTS } from './medical-history.js';
import { PAIN_CONCEPTS } from './pain.js';
import { RESPIRATORY_CONCEPTS } from './respiratory.js';

/** Every concept: one per DDXPlus evidence, then the project's extensions. */
export const CONCEPTS: readonly Concept[] = [
  ...GENERAL_CONCEPTS,
  ...PAIN_CONCEPTS,
  ...RESPIRATORY_CONCEPTS,
  ...CARDIOVASCULAR_NEUROLOGICAL_CONCEPTS,
  ...DIGESTIVE_ENT_SKIN_CONCEPTS,
  ...MEDICAL_HISTORY_CONCEPTS,
  ...EXPOSURES_FAMILY_CONCEPTS,
  ...EXTENSION_CONCEPTS,
];
