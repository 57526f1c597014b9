import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseToBundle } from './export-bundle.js';
import { ageOn, bundleToCase, FhirImportError } from './import-bundle.js';

const fixture = JSON.parse(readFileSync('test/fixtures/fhir-bundle-chest-pain.json', 'utf8')) as unknown;
const today = new Date('2026-11-25T00:00:00Z');

describe('ageOn', () => {
  it('counts completed years, before and after the birthday', () => {
    expect(ageOn('1968-03-14', new Date('2026-03-13T00:00:00Z'))).toBe(57);
    expect(ageOn('1968-03-14', new Date('2026-03-14T00:00:00Z'))).toBe(58);
    expect(ageOn('1968', today)).toBe(58);
    expect(ageOn('14/03/1968', today)).toBeUndefined();
    // Below 2 years, the exact fraction: a baby of 8 weeks is not "0 years" (the under-3-months rules).
    expect(ageOn('2026-01-17', new Date('2026-03-14T00:00:00Z'))).toBeCloseTo(56 / 365.25, 6);
    expect(ageOn('2025-05-14', new Date('2026-03-14T00:00:00Z'))).toBeCloseTo(304 / 365.25, 6);
    expect(ageOn('2025', new Date('2026-03-14T00:00:00Z'))).toBe(1);
  });
});

describe('bundleToCase', () => {
  it('reads patient, measured values, findings (absent kept) and conditions', () => {
    const c = bundleToCase(fixture, { today });
    expect(c.patient).toEqual({ sex: 'male', ageYears: 58 });
    expect(c.observations.map((o) => [o.code.code, o.value.value, o.value.unit])).toEqual([
      ['8480-6', 142, 'mm[Hg]'],
      ['2039-6', 6.2, 'ng/mL'],
    ]);
    expect(c.observations[1]?.referenceRange?.high).toEqual({ value: 5, unit: 'ng/mL' });
    expect(c.findings.map(({ source, ...f }) => f)).toEqual([
      { conceptId: 'fever', status: 'absent' },
      { conceptId: 'history.hypertension', label: 'Hypertension', status: 'present' },
    ]);
    // The ICD-10 coding as sent is kept beside the knowledge-base id.
    expect(c.findings[1]?.source).toMatchObject({
      resourceType: 'Condition',
      coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10', display: 'Hypertension' }],
      status: 'active',
    });
  });

  it('rejects what is not a bundle, naming the field', () => {
    expect(() => bundleToCase({ resourceType: 'Patient' })).toThrow(FhirImportError);
    expect(() => bundleToCase('nope')).toThrow(/resourceType/);
  });

  it('collects every bad resource in one error', () => {
    const bad = {
      resourceType: 'Bundle',
      entry: [
        { resource: { resourceType: 'Patient', gender: 'robot', birthDate: 'yesterday' } },
        {
          resource: {
            resourceType: 'Observation',
            code: { coding: [{ code: 'x' }] },
            valueQuantity: { value: 'high' },
          },
        },
        { nothing: true },
      ],
    };
    try {
      bundleToCase(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FhirImportError);
      expect((error as FhirImportError).fieldErrors.map((e) => e.field)).toEqual([
        '/entry/0/resource/gender',
        '/entry/0/resource/birthDate',
        '/entry/1/resource/valueQuantity/value',
        '/entry/2/resource',
      ]);
    }
  });
});

describe('caseToBundle', () => {
  it('round-trips a case through export and import, absent findings and age included', () => {
    const imported = bundleToCase(fixture, { today });
    const stored = { ...imported, id: 'c1', createdAt: 'x', updatedAt: 'x' };
    const exported = caseToBundle(stored, []);
    const back = bundleToCase(exported, { today, title: imported.title });
    expect(back.patient).toEqual(imported.patient);
    expect(back.findings).toEqual(imported.findings);
    expect(back.observations.map((o) => o.value)).toEqual(imported.observations.map((o) => o.value));
  });

  it('exports risk and differential assessments with provenance notes', () => {
    const stored = { ...bundleToCase(fixture, { today }), id: 'c1', createdAt: 'x', updatedAt: 'x' };
    const provenance = { engineId: 'brock', engineVersion: '1.0.0', generatedAt: '2026-11-25T00:00:00Z' };
    const bundle = caseToBundle(stored, [
      {
        id: 'a1',
        caseId: 'c1',
        engineId: 'brock',
        risk: { modelId: 'brock', probability: 0.12, applicable: true },
        explanation: { contributions: [{ input: 'age', label: 'Age', contribution: 0.3, unit: 'log-odds' }] },
        provenance,
        createdAt: '2026-11-25T00:00:00Z',
      },
      {
        id: 'a2',
        caseId: 'c1',
        engineId: 'ddx',
        differential: {
          entries: [{ conditionId: 'pneumonia', label: 'Pneumonia', icd10: 'J18.9', probability: 0.7 }],
        },
        explanation: { contributions: [] },
        provenance: { ...provenance, engineId: 'ddx' },
        createdAt: '2026-11-25T00:00:00Z',
      },
    ]);
    const types = bundle.entry?.map((e) => e.resource?.resourceType);
    expect(types).toContain('RiskAssessment');
    expect(types).toContain('ClinicalImpression');
    const risk = bundle.entry?.find((e) => e.resource?.resourceType === 'RiskAssessment')?.resource;
    expect(risk).toMatchObject({ prediction: [{ probabilityDecimal: 0.12 }] });
    expect(JSON.stringify(risk)).toContain('Produced by brock 1.0.0');
  });
});
