import { describe, expect, it } from 'vitest';
import { createIntakeProcessor } from './default.js';
import { fromFhirBundle, KB_CONCEPT_SYSTEM, toFhirBundle } from './fhir.js';

const TEXT = `58-year-old man c/o chest pain for 2 days. Denies fever. Possible syncope. FH: father with MI.
BP 150/95, HR 104, SpO2 96%. 30 pack-years.`;

describe('FHIR bundle', () => {
  const record = createIntakeProcessor({ referenceDate: '2026-11-25' }).process(TEXT);
  const bundle = toFhirBundle(record);

  it('holds a Patient, an Encounter and an Observation per value and per finding', () => {
    const types = bundle.entry?.map((e) => e.resource?.resourceType);
    expect(types?.[0]).toBe('Patient');
    expect(types?.[1]).toBe('Encounter');
    expect(types?.filter((t) => t === 'Observation').length).toBe(
      record.observations.length + record.findings.length,
    );
    expect(bundle.entry?.[0]?.resource).toMatchObject({ resourceType: 'Patient', gender: 'male' });
  });

  it("round-trips an infant's age written in months (Age in UCUM mo, read back in years)", () => {
    const infant = createIntakeProcessor().process('An 8-month-old boy with a cough for 2 days.');
    const parsed = fromFhirBundle(toFhirBundle(infant));
    expect(parsed.patient.ageYears).toBeCloseTo(8 / 12, 6);
  });

  it('keeps absent findings as valueBoolean false and possible ones as dataAbsentReason', () => {
    const findingObservations = bundle.entry
      ?.map((e) => e.resource)
      .filter((r) => r?.resourceType === 'Observation' && r.code?.coding?.[0]?.system === KB_CONCEPT_SYSTEM);
    const fever = findingObservations?.find(
      (r) => r?.resourceType === 'Observation' && r.code?.coding?.[0]?.code === 'fever',
    );
    expect(fever).toMatchObject({ valueBoolean: false });
    const syncope = findingObservations?.find(
      (r) => r?.resourceType === 'Observation' && r.code?.coding?.[0]?.code === 'syncope',
    );
    expect(syncope).toMatchObject({
      status: 'preliminary',
      dataAbsentReason: { coding: [{ code: 'unknown' }] },
    });
  });

  it('round-trips findings, observations and the patient', () => {
    const parsed = fromFhirBundle(JSON.parse(JSON.stringify(bundle)));
    const plain = record.findings.map(
      ({ label: _l, section: _s, triggers: _t, impliedBy: _i, ...finding }) => finding,
    );
    expect(parsed.findings).toEqual(plain);
    expect(parsed.observations).toEqual(record.observations);
    expect(parsed.patient).toEqual({ sex: 'male', ageYears: 58 });
  });
});
