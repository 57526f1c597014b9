import { describe, expect, it } from 'vitest';
import type { ClinicalCase } from '../clinical/case.js';
import { odds } from '../ml/likelihood-ratio.js';
import { ddxEngine } from './ddx-engine.js';
import { imagingEvidenceFromFindings, visionModelPrior } from './imaging-evidence.js';
import { DdxInputError } from './kb-bridge.js';

const engine = ddxEngine();
const cough = {
  patient: { ageYears: 40, sex: 'female' as const },
  findings: [
    { conceptId: 'cough', status: 'present' as const },
    { conceptId: 'fever', status: 'present' as const },
  ],
};

// The imaging update is checked on the model's own posterior (`modelProbability`); the shown share is hedge.ts's.
const probabilities = (entries: readonly { conditionId: string; modelProbability?: number }[]) =>
  new Map(entries.map((e) => [e.conditionId, e.modelProbability!]));

function caseWith(findings: ClinicalCase['findings']): ClinicalCase {
  return {
    id: 'c1',
    title: 'test',
    patient: { ageYears: 40, sex: 'female' },
    findings,
    observations: [],
    images: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

describe('imaging evidence in the differential', () => {
  const lr = 4.5;
  const without = engine.run(cough);
  const withImage = engine.run({
    ...cough,
    imagingEvidence: [
      { conditionId: 'pneumonia', likelihoodRatio: lr, source: 'chest X-ray model, P = 0.93' },
    ],
  });

  it('multiplies the odds of the condition by the LR and renormalises the rest', () => {
    const before = probabilities(without.output.differential.entries);
    const after = probabilities(withImage.output.differential.entries);
    const p0 = before.get('pneumonia')!;
    const p1 = after.get('pneumonia')!;
    expect(p0).toBeGreaterThan(0);
    expect(p1).toBeGreaterThan(p0);
    expect(odds(p1) / odds(p0)).toBeCloseTo(lr, 6);
    // Every other condition is scaled by the same factor (1 − p1) / (1 − p0).
    for (const [id, p] of before) {
      if (id === 'pneumonia' || !after.has(id)) continue;
      expect(after.get(id)! / p).toBeCloseTo((1 - p1) / (1 - p0), 9);
    }
  });

  it('lowers the probability for an LR below 1', () => {
    const lower = engine.run({
      ...cough,
      imagingEvidence: [{ conditionId: 'pneumonia', likelihoodRatio: 0.2, source: 'chest X-ray model' }],
    });
    const p0 = probabilities(without.output.differential.entries).get('pneumonia')!;
    const p1 = probabilities(lower.output.differential.entries).get('pneumonia') ?? 0;
    expect(p1).toBeLessThan(p0);
    if (p1 > 0) expect(odds(p1) / odds(p0)).toBeCloseTo(0.2, 6);
  });

  it('shows the image as its own signed contribution, and the contributions still add up', () => {
    const entry = withImage.output.differential.entries.find((e) => e.conditionId === 'pneumonia')!;
    const plain = without.output.differential.entries.find((e) => e.conditionId === 'pneumonia')!;
    const term = entry.explanation.contributions.find((c) => c.input.startsWith('imaging:'))!;
    expect(term.contribution).toBeCloseTo(Math.log(lr), 12);
    expect(term.label).toMatch(/chest X-ray model, P = 0\.93 → LR 4\.50/);
    expect(entry.explanation.score).toBeCloseTo(plain.explanation.score + Math.log(lr), 12);
    expect(plain.explanation.contributions.length).toBeLessThan(12);
    const sum =
      entry.explanation.baseline + entry.explanation.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(sum).toBeCloseTo(entry.explanation.score, 9);
    // Other conditions carry no imaging term.
    const other = withImage.output.differential.entries.find((e) => e.conditionId !== 'pneumonia')!;
    expect(other.explanation.contributions.some((c) => c.input.startsWith('imaging:'))).toBe(false);
  });

  it('warns that the image and the symptoms may not be independent', () => {
    expect(withImage.output.warnings.some((w) => /conditionally independent/.test(w))).toBe(true);
    expect(without.output.warnings.some((w) => /independent/.test(w))).toBe(false);
  });

  it('gives the same differential as before without imaging evidence', () => {
    const empty = engine.run({ ...cough, imagingEvidence: [] });
    expect(empty.output).toEqual(without.output);
    const predicted = engine.model.predict(engine.stateOf(cough.patient, cough.findings));
    for (const entry of without.output.differential.entries) {
      expect(entry.modelProbability).toBe(predicted[engine.bridge.conditionIndexOf(entry.conditionId)!]);
    }
  });

  it('names an unknown condition as a field error', () => {
    try {
      engine.run({
        ...cough,
        imagingEvidence: [{ conditionId: 'breast-cancer', likelihoodRatio: 3, source: 'x' }],
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DdxInputError);
      expect((error as DdxInputError).fieldErrors[0]!.field).toBe('/imagingEvidence/0/conditionId');
    }
  });
});

describe('imaging evidence from a case', () => {
  const prior = visionModelPrior('pneumonia');

  it('reads the committed pneumonia model header', () => {
    expect(prior.modelId).toMatch(/^vision-pneumonia-/);
    expect(prior.trainingPrevalence).toBeGreaterThan(0.5);
    expect(prior.trainingPrevalence).toBeLessThan(0.9);
  });

  it('turns the chest X-ray finding into an LR for pneumonia and ignores breast and thyroid findings', () => {
    const clinicalCase = caseWith([
      { conceptId: 'cough', status: 'present' },
      { conceptId: 'imaging.chest-xray.pneumonia', status: 'present', value: 0.93, certainty: 'possible' },
      { conceptId: 'imaging.breast-us.malignant', status: 'present', value: 0.8 },
      { conceptId: 'imaging.thyroid-us.tirads-4a-5', status: 'absent', value: 0.3 },
    ]);
    const input = engine.fromCase(clinicalCase)!;
    expect(input.findings.map((f) => f.conceptId)).toEqual(['cough']);
    expect(input.imagingEvidence).toHaveLength(1);
    const evidence = input.imagingEvidence![0]!;
    expect(evidence.conditionId).toBe('pneumonia');
    expect(evidence.likelihoodRatio).toBeCloseTo(odds(0.93) / odds(prior.trainingPrevalence), 9);
    expect(evidence.source).toMatch(/chest X-ray model .*P = 0\.93/);
    const result = engine.run(input);
    const term = result.output.differential.entries
      .find((e) => e.conditionId === 'pneumonia')!
      .explanation.contributions.find((c) => c.input.startsWith('imaging:'));
    expect(term?.contribution).toBeCloseTo(Math.log(evidence.likelihoodRatio), 9);
  });

  it('builds an input from an image finding alone, and none without image or known findings', () => {
    const only = engine.fromCase(
      caseWith([{ conceptId: 'imaging.chest-xray.pneumonia', status: 'absent', value: 0.1 }]),
    );
    expect(only?.findings).toEqual([]);
    expect(only?.imagingEvidence?.[0]?.likelihoodRatio).toBeLessThan(1);
    expect(
      engine.fromCase(
        caseWith([{ conceptId: 'imaging.breast-us.malignant', status: 'present', value: 0.9 }]),
      ),
    ).toBe(undefined);
    const plain = engine.fromCase(caseWith([{ conceptId: 'cough', status: 'present' }]));
    expect(plain && 'imagingEvidence' in plain).toBe(false);
  });

  it('skips findings without a probability, about relatives, and clamps a stored 1.000', () => {
    const evidence = imagingEvidenceFromFindings(
      [
        { conceptId: 'imaging.chest-xray.pneumonia', status: 'present' },
        { conceptId: 'imaging.chest-xray.pneumonia', status: 'present', value: 0.9, experiencer: 'other' },
        { conceptId: 'imaging.chest-xray.pneumonia', status: 'unknown', value: 0.9 },
        { conceptId: 'imaging.chest-xray.pneumonia', status: 'present', value: 1 },
      ],
      () => ({ modelId: 'm', modelVersion: 'v', trainingPrevalence: 0.5 }),
    );
    expect(evidence).toHaveLength(1);
    expect(evidence[0]!.likelihoodRatio).toBeCloseTo(999, 6);
  });
});
