import { describe, expect, it } from 'vitest';
import type { ClinicalCase } from '../clinical/case.js';
import { HealthGptError } from '../engine/errors.js';
import { intakeEngine } from './engine.js';

const clinicalCase = (note?: string): ClinicalCase => ({
  id: 'c1',
  title: 'x',
  patient: {},
  findings: [],
  observations: [],
  images: [],
  ...(note !== undefined ? { note } : {}),
  createdAt: '2026-11-25T00:00:00Z',
  updatedAt: '2026-11-25T00:00:00Z',
});

describe('intakeEngine', () => {
  it('runs on a case note and explains which triggers decided the context', async () => {
    const input = intakeEngine.fromCase?.(clinicalCase('Cough for 3 days. Denies fever.'));
    expect(input).toEqual({ text: 'Cough for 3 days. Denies fever.' });
    const result = await intakeEngine.run(input!);
    expect(result.output.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ conceptId: 'fever', status: 'absent' })]),
    );
    expect(result.explanation.rulesFired?.some((rule) => rule.includes('Denies'))).toBe(true);
    // What drove the record: each finding with the words it was read from, the cough included (no trigger).
    expect(result.explanation.rulesFired?.some((rule) => /present.*from "Cough"/i.test(rule))).toBe(true);
    expect(result.explanation.summary).not.toBe('');
    expect(result.provenance.engineId).toBe('intake.consultation');
  });

  it('needs a non-empty note, and rejects empty text as a 422 problem', async () => {
    expect(intakeEngine.fromCase?.(clinicalCase('  '))).toBeUndefined();
    expect(intakeEngine.fromCase?.(clinicalCase())).toBeUndefined();
    await expect(async () => intakeEngine.run({ text: ' ' })).rejects.toBeInstanceOf(HealthGptError);
  });
});
