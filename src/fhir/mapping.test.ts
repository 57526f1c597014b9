import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../knowledge/index.js';
import { ICD10_CONCEPTS, SMOKING_ANSWERS, SNOMED_CONCEPTS, targetOfCoding } from './mapping.js';

/** Ids the risk models read that are not knowledge-base concepts (emphysema on CT). */
const RISK_ONLY_IDS = new Set(['emphysema']);

describe('code mapping tables', () => {
  const kb = loadKnowledgeBase() as unknown as {
    concepts: readonly { id: string }[];
    conditions: readonly { id: string }[];
  };
  const known = new Set([
    ...kb.concepts.map((c) => c.id),
    ...kb.conditions.map((c) => c.id),
    ...RISK_ONLY_IDS,
  ]);

  it('maps only to ids that exist in the knowledge base', () => {
    const targets = [
      ...Object.values(SNOMED_CONCEPTS).flatMap((t) => [t.id, ...(t.resolvedId ? [t.resolvedId] : [])]),
      ...Object.values(ICD10_CONCEPTS).flatMap((t) => [t.id, ...(t.resolvedId ? [t.resolvedId] : [])]),
      ...Object.values(SMOKING_ANSWERS).map((a) => a.id),
    ];
    expect(targets.filter((id) => !known.has(id))).toEqual([]);
  });

  it('COPD is COPD, never emphysema; the longest ICD-10 prefix wins', () => {
    expect(targetOfCoding({ system: 'http://snomed.info/sct', code: '13645005' })?.id).toBe('history.copd');
    expect(targetOfCoding({ system: 'http://hl7.org/fhir/sid/icd-10', code: 'J44.9' })?.id).toBe(
      'history.copd',
    );
    expect(targetOfCoding({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I80.29' })?.id).toBe(
      'history.dvt',
    );
    expect(targetOfCoding({ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I80.0' })).toBeUndefined();
    expect(targetOfCoding({ system: 'http://snomed.info/sct', code: '15777000' })).toBeUndefined(); // prediabetes
  });
});
