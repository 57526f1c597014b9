import { describe, expect, it } from 'vitest';
import { createEngineRegistry } from '../app/capabilities.js';
import type { ClinicalCase } from '../clinical/case.js';
import { LOINC } from '../clinical/observation.js';
import { riskCapability } from '../risk/capability.js';
import { answerWithoutModel } from './without-model.js';

const septic: ClinicalCase = {
  id: 'c1',
  title: 'fever and confusion',
  patient: { ageYears: 72, sex: 'female' },
  findings: [
    { conceptId: 'confusion', label: 'confusion', status: 'present' },
    { conceptId: 'fever', label: 'fever', status: 'present' },
  ],
  observations: [
    {
      code: { system: LOINC, code: '9279-1', display: 'Respiratory rate' },
      value: { value: 31, unit: '/min' },
    },
    {
      code: { system: LOINC, code: '8480-6', display: 'Systolic blood pressure' },
      value: { value: 88, unit: 'mm[Hg]' },
    },
  ],
  images: [],
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
};

describe('answers without a model', () => {
  it('runs the engines that can read the attached case and cites each result, labelled not generated', async () => {
    const answer = await answerWithoutModel(
      'How severe is this?',
      createEngineRegistry([riskCapability]),
      septic,
    );
    expect(answer.content).toMatch(/^No language model is configured: this answer is not generated/);
    const qsofa = answer.citations.find((c) => c.kind === 'tool' && c.engineId === 'risk.qsofa');
    expect(qsofa).toMatchObject({ ok: true, arguments: { respiratoryRate: 31, systolicBp: 88 } });
    expect((qsofa as { result: { output: { score: number } } }).result.output.score).toBe(3);
    expect(answer.content).toContain('risk.qsofa');
    expect(answer.citations.some((c) => c.kind === 'guideline')).toBe(true);
  }, 60_000);

  it('without a case, only guideline passages', async () => {
    const answer = await answerWithoutModel('What does NEWS2 score?', createEngineRegistry([riskCapability]));
    expect(answer.citations.every((c) => c.kind === 'guideline')).toBe(true);
    expect(answer.citations.length).toBeGreaterThan(0);
  }, 60_000);
});
