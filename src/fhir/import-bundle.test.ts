import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import type { ClinicalCase } from '../clinical/case.js';
import { caseToBundle } from './export-bundle.js';
import { ageOn, bundleToCase, DECEASED_CONCEPT_ID, FhirImportError, importBundle } from './import-bundle.js';

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

  it('reports the first 100 problems of a 12 MB bad bundle and a count of the rest, not a list twice its size', () => {
    // A heart rate that is a word in every entry: one problem per entry, ~100 000 entries.
    const entry = (i: number) => ({
      resource: {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
        valueQuantity: { value: `fast-${i}`, unit: '/min' },
      },
    });
    const size = 12 * 1024 * 1024;
    const perEntry = JSON.stringify(entry(0)).length + 1;
    const count = Math.floor(size / perEntry);
    const bad = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: Array.from({ length: count }, (_, i) => entry(i)),
    };
    let error: unknown;
    try {
      importBundle(bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FhirImportError);
    const e = error as FhirImportError;
    expect(e.code).toBe('unprocessable');
    expect(e.fieldErrors).toHaveLength(100);
    expect(e.fieldErrors[0]).toEqual({
      field: '/entry/0/resource/valueQuantity/value',
      message: 'must be a number',
    });
    expect(e.fieldErrors[99]?.field).toBe('/entry/99/resource/valueQuantity/value');
    expect(e.details).toEqual({ errorCount: count, errorsShown: 100 });
    expect(e.message).toMatch(
      new RegExp(`^invalid FHIR bundle: ${count} problems, the first 100: /entry/0/`),
    );
    expect(e.message).toMatch(new RegExp(`; and ${count - 100} more$`));
    expect(e.message.length + JSON.stringify(e.fieldErrors).length).toBeLessThan(32 * 1024);
  });

  it('keeps a short list as it was: every problem, no details, and clips a long quoted value', () => {
    const bad = {
      resourceType: 'Bundle',
      entry: [{ resource: { resourceType: 'Patient', gender: 'x'.repeat(100_000) } }],
    };
    try {
      bundleToCase(bad);
      expect.unreachable();
    } catch (error) {
      const e = error as FhirImportError;
      expect(e.fieldErrors).toHaveLength(1);
      expect(e.details).toBeUndefined();
      expect(e.fieldErrors[0]?.message.length).toBeLessThanOrEqual(300);
      expect(e.fieldErrors[0]?.message).toMatch(/^unknown gender 'xxx.*…$/);
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

const patientBundle = (patient: Record<string, unknown>, ...others: Record<string, unknown>[]) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { resource: { resourceType: 'Patient', id: 'p', gender: 'female', ...patient } },
    ...others.map((resource) => ({ resource })),
  ],
});

describe('a deceased patient (Patient.deceased[x])', () => {
  it('is aged at death, not refused for a long-ago death, and the case says the patient died', () => {
    const { case: c, report } = importBundle(
      patientBundle({ birthDate: '1900-01-01', deceasedDateTime: '1960-05-01T00:00:00Z' }),
      { today },
    );
    expect(c.patient.ageYears).toBe(60);
    const dead = c.findings.find((f) => f.conceptId === DECEASED_CONCEPT_ID);
    expect(dead).toMatchObject({
      status: 'present',
      onset: '1960-05-01T00:00:00Z',
      label: 'Deceased on 1960-05-01, aged 60 years',
    });
    expect(report.notes.join(' ')).toMatch(/died on 1960-05-01: age is the age at death/);
    // An infant who died at 15 months is 15 months old on the record, not the age he would have today.
    const infant = bundleToCase(patientBundle({ birthDate: '1972-03-30', deceasedDateTime: '1973-07-19' }), {
      today,
    });
    expect(infant.patient.ageYears).toBeCloseTo(476 / 365.25, 6);
    expect(infant.findings[0]?.label).toBe('Deceased on 1973-07-19, aged 15 months');
  });

  it('deceasedBoolean: deceased with no age (the age at death is not known); false is alive', () => {
    const { case: c, report } = importBundle(
      patientBundle({ birthDate: '1950-01-01', deceasedBoolean: true }),
      { today },
    );
    expect(c.patient.ageYears).toBeUndefined();
    expect(c.findings.map((f) => [f.conceptId, f.label])).toEqual([[DECEASED_CONCEPT_ID, 'Deceased']]);
    expect(report.notes.join(' ')).toMatch(/age at death is not known/);
    const alive = bundleToCase(patientBundle({ birthDate: '1950-01-01', deceasedBoolean: false }), { today });
    expect(alive.patient.ageYears).toBe(76);
    expect(alive.findings).toEqual([]);
  });

  it('refuses a death date that is not a date, is in the future or comes before the birth', () => {
    const fields = (patient: Record<string, unknown>) => {
      try {
        bundleToCase(patientBundle(patient), { today });
      } catch (error) {
        return (error as FhirImportError).fieldErrors.map((e) => e.field);
      }
      return [];
    };
    expect(fields({ deceasedDateTime: 'yesterday' })).toEqual(['/entry/0/resource/deceasedDateTime']);
    expect(fields({ deceasedDateTime: '2030-01-01' })).toEqual(['/entry/0/resource/deceasedDateTime']);
    expect(fields({ deceasedBoolean: 'yes' })).toEqual(['/entry/0/resource/deceasedBoolean']);
    expect(fields({ birthDate: '1960-01-01', deceasedDateTime: '1950-01-01' })).toEqual([
      '/entry/0/resource/birthDate',
    ]);
  });

  it('goes back on the exported Patient and survives a re-import', () => {
    const c = bundleToCase(
      patientBundle({ birthDate: '1900-01-01', deceasedDateTime: '1960-05-01T00:00:00Z' }),
      { today },
    );
    const stored: ClinicalCase = {
      ...c,
      id: 'c1',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    };
    const exported = caseToBundle(stored, []);
    expect(exported.entry?.[0]?.resource).toMatchObject({
      resourceType: 'Patient',
      deceasedDateTime: '1960-05-01T00:00:00Z',
    });
    const again = bundleToCase(exported, { today });
    expect(again.patient.ageYears).toBe(60);
    expect(again.findings.filter((f) => f.conceptId === DECEASED_CONCEPT_ID)).toHaveLength(1);
  });
});

describe('Condition abatement', () => {
  it('a Condition with an abatement and no clinical status is historical', () => {
    const condition = (extra: Record<string, unknown>) => ({
      resourceType: 'Condition',
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '62106007',
            display: 'Concussion with no loss of consciousness',
          },
        ],
      },
      onsetDateTime: '2020-01-01T00:00:00Z',
      ...extra,
    });
    const c = bundleToCase(
      patientBundle(
        { birthDate: '1950-01-01' },
        condition({ abatementDateTime: '2020-02-01T00:00:00Z' }),
        condition({ abatementString: 'in childhood' }),
        condition({}),
      ),
      { today },
    );
    expect(c.findings.map((f) => f.temporality)).toEqual(['historical', 'historical', undefined]);
  });
});

describeWithDataset(
  'deceased patients in the public Synthea R4 bundles',
  ['fhir', 'synthea_r4', 'bundles'],
  (dir) => {
    it('Garrett_Thompson (born 1972-03-30, died 1973-07-19) is a deceased 15-month-old, not a living 54-year-old', () => {
      const file = readdirSync(dir).find((f) => f.startsWith('Garrett_Thompson_')) as string;
      const c = bundleToCase(JSON.parse(readFileSync(join(dir, file), 'utf8')), { today });
      expect(c.patient.ageYears).toBeCloseTo(476 / 365.25, 6);
      expect(c.findings.find((f) => f.conceptId === DECEASED_CONCEPT_ID)?.onset?.slice(0, 10)).toBe(
        '1973-07-19',
      );
    });
  },
);
