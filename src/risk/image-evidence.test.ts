import { describe, expect, it } from 'vitest';
import type { ClinicalCase } from '../clinical/case.js';
import type { Finding } from '../clinical/finding.js';
import { prefillFromCase } from './case-inputs.js';
import { riskEngine } from './engines.js';
import { odds } from './fusion.js';
import {
  IMAGE_EVIDENCE_SOURCES,
  type ImageEvidenceSource,
  imageEvidenceFor,
  NOT_RISK_EVIDENCE,
} from './image-evidence.js';
import { lungNoduleEngine, lungNoduleInputSchema } from './lung-nodule.js';

function makeCase(findings: readonly Finding[]): ClinicalCase {
  return {
    id: 'c1',
    title: 'test',
    patient: { ageYears: 62, sex: 'male' },
    findings,
    observations: [],
    images: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

const nodule: Finding[] = [
  { conceptId: 'smoker', status: 'present' },
  { conceptId: 'lung-nodule.diameter-mm', status: 'present', value: 12 },
  { conceptId: 'lung-nodule.type', status: 'present', value: 'solid' },
  { conceptId: 'lung-nodule.count', status: 'present', value: 1 },
  { conceptId: 'lung-nodule.upper-lobe', status: 'present' },
];

/** What the vision tasks write on a case today (src/vision/tasks.ts). */
const visionFindings: Finding[] = [
  { conceptId: 'imaging.chest-xray.pneumonia', status: 'present', value: 0.97 },
  { conceptId: 'imaging.breast-us.malignant', status: 'present', value: 0.9 },
  { conceptId: 'imaging.thyroid-us.tirads-4a-5', status: 'present', value: 0.95 },
];

/** A hand-made lung-nodule CT model (none is trained here): calibrated at 30 % malignancy. */
const ctNoduleModel: ImageEvidenceSource = {
  conceptId: 'imaging.chest-ct.nodule-malignant',
  targetModelId: 'lung-nodule',
  label: 'CT nodule model: malignant',
  trainingPrevalence: 0.3,
  source: 'test model card',
  correlatesWith: ['noduleDiameterMm', 'spiculation'],
};
/** The same kind of model aimed at another risk engine. */
const thyroidModel: ImageEvidenceSource = {
  ...ctNoduleModel,
  conceptId: 'imaging.thyroid-us.malignant',
  targetModelId: 'tirads',
};

describe('image-model evidence for risk models', () => {
  it('uses none of the current vision findings for any risk model (no crossing of organs or conditions)', () => {
    expect(IMAGE_EVIDENCE_SOURCES).toEqual([]);
    for (const f of visionFindings) expect(NOT_RISK_EVIDENCE[f.conceptId]).toBeTruthy();
    const c = makeCase([...nodule, ...visionFindings]);
    expect(prefillFromCase('lung-nodule', c).values.evidence).toBeUndefined();
    const input = riskEngine('lung-nodule')!.fromCase!(c) as Record<string, unknown>;
    expect(input).toBeDefined();
    expect(input.evidence).toBeUndefined();
  });

  it('turns a finding for the target model into an LR, and only for that model', () => {
    const c = makeCase([
      ...nodule,
      { conceptId: 'imaging.chest-ct.nodule-malignant', status: 'present', value: 0.8 },
      { conceptId: 'imaging.thyroid-us.malignant', status: 'present', value: 0.9 },
      ...visionFindings,
    ]);
    const evidence = imageEvidenceFor(c, 'lung-nodule', [ctNoduleModel, thyroidModel]);
    expect(evidence).toHaveLength(1);
    expect(evidence[0]!.id).toBe('image:imaging.chest-ct.nodule-malignant');
    expect(evidence[0]!.likelihoodRatio).toBeCloseTo(odds(0.8) / odds(0.3), 9);
    expect(imageEvidenceFor(c, 'tirads', [ctNoduleModel, thyroidModel])[0]!.id).toBe(
      'image:imaging.thyroid-us.malignant',
    );
    expect(imageEvidenceFor(c, 'brock', [ctNoduleModel, thyroidModel])).toEqual([]);
  });

  it('the lung-nodule work-up from a case fuses the image evidence as its own step', () => {
    const c = makeCase([
      ...nodule,
      { conceptId: 'imaging.chest-ct.nodule-malignant', status: 'present', value: 0.8 },
    ]);
    const prefill = prefillFromCase('lung-nodule', c, [ctNoduleModel]);
    expect(prefill.sources.evidence).toMatch(/imaging\.chest-ct\.nodule-malignant/);
    // The case leaves the other risk factors unknown; give them here so the arithmetic has one number to check.
    const known = {
      familyHistoryLungCancer: false,
      emphysema: false,
      extrathoracicCancerOver5y: false,
      spiculation: false,
      knownCancer: false,
      immunosuppressed: false,
    };
    const input = lungNoduleInputSchema.parse({ ...prefill.values, ...known });
    const result = lungNoduleEngine.run(input);
    const without = lungNoduleEngine.run({ ...input, evidence: undefined });
    const step = result.output.steps.find((s) => s.evidenceId.startsWith('image:'))!;
    expect(step.likelihoodRatio).toBeCloseTo(odds(0.8) / odds(0.3), 9);
    // The headline stays the model's; the image evidence updates it as its own step.
    expect(result.output.probability).toBe(without.output.probability);
    expect(step.probabilityBefore).toBeCloseTo(without.output.probability!, 9);
    expect(odds(result.output.probabilityAfterEvidence!) / odds(without.output.probability!)).toBeCloseTo(
      step.likelihoodRatio,
      6,
    );
    // The image model sees the nodule's size too: dependence is flagged.
    expect(result.explanation.warnings?.join(' ')).toMatch(/noduleDiameterMm/);
  });

  it('skips findings without a probability or about relatives, and caps the LR of a stored 1.000', () => {
    const skip = makeCase([
      { conceptId: 'imaging.chest-ct.nodule-malignant', status: 'present' },
      { conceptId: 'imaging.chest-ct.nodule-malignant', status: 'present', value: 0.9, experiencer: 'other' },
    ]);
    expect(imageEvidenceFor(skip, 'lung-nodule', [ctNoduleModel])).toEqual([]);
    const rare = { ...ctNoduleModel, trainingPrevalence: 0.00001 };
    const one = makeCase([{ conceptId: 'imaging.chest-ct.nodule-malignant', status: 'present', value: 1 }]);
    expect(imageEvidenceFor(one, 'lung-nodule', [rare])[0]!.likelihoodRatio).toBe(10_000);
  });
});
