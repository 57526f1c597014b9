import type { ClinicalCase } from '../clinical/case.js';
import { classifierEvidence, type Evidence } from '../ml/likelihood-ratio.js';

/**
 * Image-model findings as evidence for a risk model. A vision analysis writes its finding on the case (concept id,
 * value = calibrated probability); a risk model may use it only when the finding is about that model's target
 * condition. Each source names its target risk engine (`targetModelId`) and the prevalence the image model's
 * probabilities were calibrated under, so the likelihood ratio is odds(p) / odds(prevalence) (`classifierEvidence`).
 */
export interface ImageEvidenceSource {
  /** The finding concept the vision analysis writes on the case. */
  readonly conceptId: string;
  /** Risk engine id whose target condition the finding is about (e.g. `lung-nodule` for nodule malignancy). */
  readonly targetModelId: string;
  readonly label: string;
  /** Prevalence of the finding in the split the image model was calibrated on. */
  readonly trainingPrevalence: number;
  /** Model card or paper. */
  readonly source: string;
  /** Risk-model inputs the image model also sees (for dependence warnings). */
  readonly correlatesWith: readonly string[];
}

const MAX_LIKELIHOOD_RATIO = 10_000;

/** Evidence ids of image models start with this prefix (the risk panel marks those steps as image-derived). */
export const IMAGE_EVIDENCE_PREFIX = 'image:';

/**
 * The image models whose findings are evidence for a risk model. None today: the vision tasks HealthGPT trains
 * (chest X-ray pneumonia, breast ultrasound malignancy, thyroid ultrasound TI-RADS band) are not about the target of
 * any risk model here (see `NOT_RISK_EVIDENCE`). A lung-nodule malignancy model on CT would be listed here with
 * `targetModelId: 'lung-nodule'`.
 */
export const IMAGE_EVIDENCE_SOURCES: readonly ImageEvidenceSource[] = [];

/** Image-model findings deliberately not used as risk evidence, with why. */
export const NOT_RISK_EVIDENCE: Readonly<Record<string, string>> = {
  'imaging.chest-xray.pneumonia':
    'pneumonia on a chest X-ray is not lung-nodule malignancy; CURB-65 grades severity of a diagnosed pneumonia',
  'imaging.breast-us.malignant': 'breast malignancy is not evidence for lung or thyroid cancer',
  'imaging.thyroid-us.tirads-4a-5':
    'the model predicts a TI-RADS band from the image, not malignancy; the TI-RADS score is computed from the features',
};

/**
 * Evidence for risk model `targetModelId` from a case's image-model findings: the patient's own findings with a
 * probability in [0, 1] whose source targets that model; findings for other targets are never crossed over.
 */
export function imageEvidenceFor(
  clinicalCase: ClinicalCase,
  targetModelId: string,
  sources: readonly ImageEvidenceSource[] = IMAGE_EVIDENCE_SOURCES,
): Evidence[] {
  const evidence: Evidence[] = [];
  for (const source of sources) {
    if (source.targetModelId !== targetModelId) continue;
    const finding = clinicalCase.findings.find(
      (f) =>
        f.conceptId === source.conceptId &&
        f.status !== 'unknown' &&
        f.experiencer !== 'other' &&
        f.temporality !== 'hypothetical' &&
        typeof f.value === 'number' &&
        f.value >= 0 &&
        f.value <= 1,
    );
    if (!finding) continue;
    // The case keeps 3 decimals: read a stored 0 or 1 as 0.001 / 0.999 so the LR stays finite.
    const probability = Math.min(0.999, Math.max(0.001, finding.value as number));
    const item = classifierEvidence({
      id: `${IMAGE_EVIDENCE_PREFIX}${source.conceptId}`,
      label: `${source.label} (image model)`,
      probability,
      trainingPrevalence: source.trainingPrevalence,
      source: source.source,
      correlatesWith: source.correlatesWith,
    });
    // The lung-nodule input schema refuses LRs above 10,000 (not plausible); cap rather than lose the whole prefill.
    evidence.push({ ...item, likelihoodRatio: Math.min(MAX_LIKELIHOOD_RATIO, item.likelihoodRatio) });
  }
  return evidence;
}
