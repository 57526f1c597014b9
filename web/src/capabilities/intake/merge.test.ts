import { describe, expect, it } from 'vitest';
import type { ClinicalCase } from '../../../../src/clinical/case.js';
import { mergeIntoCase } from './merge.js';

const base: ClinicalCase = {
  id: 'c1',
  title: 'Cough',
  patient: { ageYears: 40 },
  findings: [{ conceptId: 'cough', status: 'present' }],
  observations: [],
  images: [],
  note: 'Cough. No fever. 45 yo F.',
  createdAt: '2026-11-25T00:00:00Z',
  updatedAt: '2026-11-25T00:00:00Z',
};

describe('mergeIntoCase', () => {
  it('adds new findings and values, keeps what the case has', () => {
    const merged = mergeIntoCase(base, {
      findings: [
        { conceptId: 'cough', status: 'present' },
        { conceptId: 'fever', status: 'absent' },
      ],
      observations: [
        { code: { system: 'http://loinc.org', code: '30525-0' }, value: { value: 45, unit: 'a' } },
      ],
      patient: { ageYears: 45, sex: 'female' },
    });
    expect(merged.findings.map((f) => f.conceptId)).toEqual(['cough', 'fever']);
    expect(merged.observations).toHaveLength(1);
    expect(merged.patient).toEqual({ ageYears: 40, sex: 'female' });
    expect(merged.note).toBe(base.note);
    expect('id' in merged).toBe(false);
  });
});
