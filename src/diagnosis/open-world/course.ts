import type { OnsetCourse } from '../../triage/index.js';
import type { CombinedDifferential } from './combine.js';

/**
 * A chronic condition (named "Chronic …" in the knowledge base: chronic rhinosinusitis, chronic back pain, chronic
 * pancreatitis …) rarely explains a complaint that began within the last week: its share of the named mass is
 * lowered by `factor` and handed to the other named conditions in proportion, the "something else" share kept. The
 * factor is the project's judgement, checked on the tuning half of avey_dev only (see docs/diagnosis.md).
 */
export const NEW_COMPLAINT_CHRONIC_FACTOR = 0.3;

const CHRONIC = /^chronic\b/i;

export function weighChronicByCourse(
  differential: CombinedDifferential,
  course: OnsetCourse,
  factor = NEW_COMPLAINT_CHRONIC_FACTOR,
): CombinedDifferential {
  if (course !== 'new') return differential;
  const named = differential.entries.reduce((sum, e) => sum + e.probability, 0);
  const lowered = differential.entries.map((e) =>
    CHRONIC.test(e.label) ? { ...e, probability: e.probability * factor } : e,
  );
  const after = lowered.reduce((sum, e) => sum + e.probability, 0);
  if (after <= 0 || after === named) return differential;
  const scale = named / after;
  return {
    ...differential,
    entries: lowered
      .map((e) => ({ ...e, probability: e.probability * scale }))
      .sort((a, b) => b.probability - a.probability),
  };
}
