import { join } from 'node:path';
import { z } from 'zod';
import type { Finding } from '../clinical/finding.js';
import { odds } from '../ml/likelihood-ratio.js';
import { committedModelsDir, readModelJson } from '../ml/model-file.js';

/**
 * Image-model evidence for the differential: a likelihood ratio for one differential condition, applied after the
 * symptom model's calibrated posterior as odds(c) × LR with the other conditions renormalised (Bayes' theorem in
 * odds form; Deeks JJ, Altman DG. Diagnostic tests 4: likelihood ratios. BMJ 2004;329:168-9).
 */
export const imagingEvidenceSchema = z
  .object({
    conditionId: z
      .string()
      .min(1)
      .max(100)
      .describe('Differential condition the evidence is about (e.g. pneumonia).'),
    likelihoodRatio: z
      .number({ error: 'must be a positive number' })
      .gt(0, { error: 'a likelihood ratio must be greater than 0' })
      .max(10_000, { error: 'a likelihood ratio above 10,000 is not plausible' })
      .describe('P(image result | condition) / P(image result | not the condition).'),
    source: z
      .string()
      .min(1)
      .max(300)
      .describe('What produced the evidence, shown in the explanation (e.g. "chest X-ray model, P = 0.93").'),
  })
  .strict();

export type ImagingEvidence = z.infer<typeof imagingEvidenceSchema>;

/**
 * Image-model findings the differential knows: the finding concept a vision analysis writes on a case
 * (`src/vision/tasks.ts`) → the DDXPlus condition it is evidence for. Breast (`imaging.breast-us.malignant`) and
 * thyroid (`imaging.thyroid-us.tirads-4a-5`) findings have no DDXPlus condition and are not listed.
 */
export const IMAGING_FINDINGS: Readonly<
  Record<string, { readonly conditionId: string; readonly task: string; readonly name: string }>
> = {
  'imaging.chest-xray.pneumonia': { conditionId: 'pneumonia', task: 'pneumonia', name: 'chest X-ray model' },
};

/**
 * The case stores the image model's probability to 3 decimals, so a probability is read as at least 0.001 and at most
 * 0.999 (a stored 1.000 would otherwise give an unbounded likelihood ratio).
 */
const STORED_PROBABILITY_FLOOR = 0.001;

const visionModelsDir = () => committedModelsDir('vision');

/** The committed default vision model of a task: id, version and the finding's prevalence in its calibration split. */
export interface VisionModelPrior {
  readonly modelId: string;
  readonly modelVersion: string;
  /** Prevalence of the finding (label 1 for pneumonia) the model's calibrated probabilities were fitted under. */
  readonly trainingPrevalence: number;
}

const priors = new Map<string, VisionModelPrior>();

/**
 * Reads the header of the task's default committed vision model (`models/vision/defaults.json`, then
 * `<task>/<arch>/model.json`; JSON only, no weights). The LR of a calibrated probability p is
 * odds(p) / odds(prevalence) — the same formula as `classifierEvidence` in `src/risk/fusion.ts`, which the vision
 * analysis used.
 */
export function visionModelPrior(task: string, root = visionModelsDir()): VisionModelPrior {
  const key = `${root}|${task}`;
  const cached = priors.get(key);
  if (cached) return cached;
  const defaults = readModelJson<Record<string, { arch: string }>>(join(root, 'defaults.json'));
  const arch = defaults[task]?.arch;
  if (!arch) throw new Error(`no default vision model for task '${task}'`);
  const header = readModelJson<{
    modelId: string;
    modelVersion: string;
    operatingPoint: { prevalence: number };
  }>(join(root, task, arch, 'model.json'));
  const prior = {
    modelId: header.modelId,
    modelVersion: header.modelVersion,
    trainingPrevalence: header.operatingPoint.prevalence,
  };
  priors.set(key, prior);
  return prior;
}

/**
 * Imaging evidence from a case's findings: each patient's own, non-hypothetical image-model finding the differential
 * knows, with a numeric probability, becomes an LR for its condition. The vision analysis stores only the
 * probability on the case; the LR is recomputed from the task's default model header. If the image was analysed with
 * a non-default architecture the prevalence is the same (both are fitted on the same calibration split).
 */
export function imagingEvidenceFromFindings(
  findings: readonly Finding[],
  priorOf: (task: string) => VisionModelPrior = (task) => visionModelPrior(task),
): ImagingEvidence[] {
  const evidence: ImagingEvidence[] = [];
  for (const finding of findings) {
    const known = IMAGING_FINDINGS[finding.conceptId];
    if (!known || finding.status === 'unknown') continue;
    if (finding.experiencer === 'other' || finding.temporality === 'hypothetical') continue;
    if (typeof finding.value !== 'number' || !(finding.value >= 0 && finding.value <= 1)) continue;
    const prior = priorOf(known.task);
    const p = Math.min(1 - STORED_PROBABILITY_FLOOR, Math.max(STORED_PROBABILITY_FLOOR, finding.value));
    evidence.push({
      conditionId: known.conditionId,
      likelihoodRatio: odds(p) / odds(prior.trainingPrevalence),
      source: `${known.name} ${prior.modelId} ${prior.modelVersion}, P = ${finding.value.toFixed(2)} (training prevalence ${prior.trainingPrevalence.toFixed(2)})`,
    });
  }
  return evidence;
}

/** Log-LR shift of each condition index (conditions without evidence are absent). */
export function logLikelihoodShifts(
  evidence: readonly ImagingEvidence[],
  indexOf: (conditionId: string) => number,
): Map<number, number> {
  const shifts = new Map<number, number>();
  for (const item of evidence) {
    const c = indexOf(item.conditionId);
    shifts.set(c, (shifts.get(c) ?? 0) + Math.log(item.likelihoodRatio));
  }
  return shifts;
}

/**
 * Posterior after the LR updates: p'_c ∝ p_c · LR_c (LR = 1 for conditions without evidence). For one condition this
 * is exactly odds'(c) = odds(c) × LR with the remaining conditions scaled by the same factor, so their relative order
 * is unchanged; in the softmax it is adding ln LR to the condition's score.
 */
export function applyLikelihoodShifts(
  probabilities: ArrayLike<number>,
  shifts: ReadonlyMap<number, number>,
): number[] {
  if (shifts.size === 0) return Array.from(probabilities);
  const weighted = Array.from(probabilities, (p, c) => p * Math.exp(shifts.get(c) ?? 0));
  const total = weighted.reduce((s, x) => s + x, 0);
  return weighted.map((x) => x / total);
}

/** The warning the differential shows whenever imaging evidence was fused. */
export function imagingDependenceWarning(
  evidence: readonly ImagingEvidence[],
  label: (id: string) => string,
) {
  const parts = evidence.map(
    (e) => `${label(e.conditionId)} × LR ${e.likelihoodRatio.toFixed(2)} (${e.source})`,
  );
  return `Image-model evidence multiplied into the differential's odds: ${parts.join('; ')}. This assumes the image and the reported symptoms are conditionally independent given the condition; they may not be (a sicker patient tends to have both more symptoms and a more abnormal image), so the combined probability may be overconfident. The image model compares its finding with normal images, not with the other conditions here (see its model card).`;
}
