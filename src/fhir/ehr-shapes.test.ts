import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ClinicalCase } from '../clinical/case.js';
import { caseToBundle } from './export-bundle.js';
import { bundleToCase, FhirImportError, importBundle } from './import-bundle.js';

const bundle = JSON.parse(readFileSync('test/fixtures/fhir-bundle-ehr-shapes.json', 'utf8')) as {
  entry: unknown[];
};
const today = new Date('2026-11-25T00:00:00Z');

function stored(): ClinicalCase {
  return { ...bundleToCase(bundle, { today }), id: 'c1', createdAt: 'x', updatedAt: 'x' };
}

describe('FHIR import of the shapes an EHR sends', () => {
  const { case: c, report } = importBundle(bundle, { today });
  const finding = (conceptId: string) => c.findings.find((f) => f.conceptId === conceptId);
  const observation = (code: string) => c.observations.find((o) => o.code.code === code);

  it('reads a blood-pressure panel through its components, each remembering the panel', () => {
    expect(observation('8480-6')).toMatchObject({
      value: { value: 88, unit: 'mm[Hg]' },
      code: { display: 'Systolic blood pressure' },
      effectiveDateTime: '2026-11-20T09:30:00+01:00',
      source: { panel: { id: 'bp1', coding: [{ code: '85354-9' }] } },
    });
    expect(observation('8462-4')?.value.value).toBe(54);
    // A date-only effective time is kept as midnight UTC.
    expect(observation('8310-5')?.effectiveDateTime).toBe('2026-11-20T00:00:00Z');
  });

  it('maps smoking status 72166-2 by its SNOMED answer, keeping the answer coding and a readable name', () => {
    expect(finding('lifestyle.former-smoker')).toMatchObject({
      status: 'present',
      label: 'Former smoker — Tobacco smoking status: Former smoker',
      source: { valueCoding: [{ system: 'http://snomed.info/sct', code: '8517006' }] },
    });
  });

  it('valueString, valueInteger, valueBoolean and dataAbsentReason are kept; absent data stays unknown', () => {
    expect(c.findings.find((f) => f.conceptId === 'http://loinc.org|8661-1')).toMatchObject({
      status: 'present',
      value: 'Cough for five days',
      label: 'Chief complaint - Reported: Cough for five days',
    });
    expect(observation('PAIN-SCORE')).toMatchObject({ value: { value: 4, unit: '1' } });
    expect(finding('dyspnea')).toMatchObject({ status: 'present', label: 'Dyspnea' });
    expect(c.findings.find((f) => f.conceptId === 'http://loinc.org|9279-1')).toMatchObject({
      status: 'unknown',
      value: 'data-absent:not-performed',
    });
  });

  it('maps conditions to knowledge-base ids by SNOMED code, keeping names; COPD is not emphysema', () => {
    expect(finding('history.copd')).toMatchObject({
      label: 'Chronic obstructive lung disease (disorder)',
      source: { resourceType: 'Condition', id: 'copd' },
    });
    expect(c.findings.some((f) => f.conceptId === 'emphysema')).toBe(false);
    expect(finding('cough')).toMatchObject({ status: 'present', label: 'Cough' });
    // A resolved pneumonia is history, not a current pneumonia.
    expect(finding('history.pneumonia')).toMatchObject({ temporality: 'historical' });
    expect(finding('pneumonia')).toBeUndefined();
  });

  it('derives fever from the latest body temperature ≥ 38.0 °C (and never "no fever" from a normal one)', () => {
    expect(finding('fever')).toMatchObject({
      status: 'present',
      label: 'Fever (Body temperature 38.6 °C on 2026-11-20, ≥ 38.0 °C)',
      source: { derived: 'the most recent body temperature is ≥ 38.0 °C' },
    });
    const normal = structuredClone(bundle);
    (normal.entry[2] as { resource: { valueQuantity: { value: number } } }).resource.valueQuantity.value =
      36.9;
    expect(bundleToCase(normal, { today }).findings.some((f) => f.conceptId === 'fever')).toBe(false);
    // Not exported: the temperature itself is.
    const exported = JSON.stringify(caseToBundle(stored(), []));
    expect(exported).not.toContain('Fever (Body temperature');
    expect(exported).toContain('"code":"8310-5"');
  });

  it('keeps unknown codes by name, never drops them', () => {
    expect(c.findings.find((f) => f.conceptId === 'http://snomed.info/sct|39848009')).toMatchObject({
      label: 'Whiplash injury to neck',
      status: 'present',
    });
  });

  it('reads allergies, medications, procedures and reports as named findings', () => {
    const labels = c.findings.map((f) => f.label);
    expect(labels).toContain('Allergy: Allergy to penicillin');
    expect(labels).toContain('Medication: 200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler');
    expect(labels).toContain('Procedure: Plain chest X-ray');
    expect(
      c.findings.find((f) => f.label === 'Medication ordered: Amoxicillin 250 MG Oral Capsule'),
    ).toMatchObject({
      temporality: 'historical',
    });
    expect(c.findings.find((f) => f.label === 'Report: XR Chest 2V')?.value).toBe('No focal consolidation.');
  });

  it('reports per resource type what was kept, named and mapped, and what was ignored', () => {
    expect(report.byType.Observation).toEqual({ resources: 9, kept: 9, named: 9, mapped: 6 });
    expect(report.byType.Condition).toEqual({ resources: 4, kept: 4, named: 4, mapped: 3 });
    expect(report.ignored).toEqual({ Encounter: 1, Claim: 1 });
    expect(report.notes.join(' ')).toMatch(/panel 58410-2 read through its 1 members/);
  });

  it('refuses the whole bundle when one resource cannot be read, naming it (nothing half-imported)', () => {
    const bad = structuredClone(bundle);
    (bad.entry[1] as { resource: { component: { valueQuantity: { value: unknown } }[] } }).resource
      .component[0]!.valueQuantity.value = 'high';
    try {
      importBundle(bad, { today });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FhirImportError);
      expect((error as FhirImportError).fieldErrors.map((e) => e.field)).toEqual([
        '/entry/1/resource/component/0/valueQuantity/value',
      ]);
    }
  });
});

describe('FHIR export keeps resource types and original codes', () => {
  it('Conditions stay Conditions with their SNOMED coding; smoking keeps its SNOMED answer', () => {
    const exported = caseToBundle(stored(), []);
    const resources = (exported.entry ?? []).map((e) => e.resource as unknown as Record<string, unknown>);
    const conditions = resources.filter((r) => r.resourceType === 'Condition');
    expect(conditions).toHaveLength(4);
    expect(JSON.stringify(conditions)).toContain('"system":"http://snomed.info/sct","code":"13645005"');
    const smoking = resources.find((r) => String(JSON.stringify(r.code)).includes('72166-2'));
    expect(smoking).toMatchObject({
      resourceType: 'Observation',
      valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '8517006' }] },
    });
    const types = resources.map((r) => r.resourceType);
    for (const type of [
      'AllergyIntolerance',
      'MedicationStatement',
      'MedicationRequest',
      'Procedure',
      'DiagnosticReport',
    ])
      expect(types).toContain(type);
    // The blood-pressure panel goes back as one panel with two components.
    const panel = resources.find((r) => String(JSON.stringify(r.code)).includes('85354-9'));
    expect((panel?.component as unknown[] | undefined)?.length).toBe(2);
  });

  it('round-trips: export then import gives the same findings and observations', () => {
    const first = stored();
    const again = bundleToCase(caseToBundle(first, []), { today });
    const strip = (f: { source?: unknown }) => {
      const { source, ...rest } = f as Record<string, unknown>;
      const s = source as Record<string, unknown> | undefined;
      return { ...rest, type: s?.resourceType, coding: (s?.coding as unknown[] | undefined)?.[0] };
    };
    expect(again.findings.map(strip)).toEqual(first.findings.map(strip));
    const values = (c: { observations: readonly { code: { code: string }; value: unknown }[] }) =>
      c.observations.map((o) => JSON.stringify([o.code.code, o.value])).sort();
    expect(values(again)).toEqual(values(first));
    expect(again.patient).toEqual(first.patient);
  });
});
