import { describe, expect, it } from 'vitest';
import { deidentifyFhir } from './fhir.js';

const today = new Date('2026-01-01T00:00:00Z');

const bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      fullUrl: 'urn:uuid:7f1c0d2e-0000-4000-8000-000000000001',
      resource: {
        resourceType: 'Patient',
        id: 'pat-okafor',
        meta: { lastUpdated: '2025-03-14T10:00:00Z', source: 'ehr-1' },
        identifier: [{ system: 'urn:mrn', value: '00123456' }],
        name: [{ family: 'Okafor', given: ['Jane'] }],
        telecom: [{ system: 'phone', value: '617-555-0142' }],
        birthDate: '1931-02-03',
        address: [{ line: ['1 Main St'], city: 'Springfield', state: 'MA', postalCode: '01103' }],
        text: {
          status: 'generated',
          div: '<div xmlns="http://www.w3.org/1999/xhtml">Jane Okafor, seen by Dr. Lamb on 3/14/2019</div>',
        },
      },
    },
    {
      fullUrl: 'urn:uuid:7f1c0d2e-0000-4000-8000-000000000002',
      resource: {
        resourceType: 'Observation',
        id: 'obs-1',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }], text: 'Heart rate' },
        subject: { reference: 'Patient/pat-okafor', display: 'Jane Okafor' },
        effectiveDateTime: '2025-03-14T09:30:00Z',
        issued: '2025-03-14T09:31:00Z',
        valueQuantity: { value: 104, unit: '/min' },
        note: [{ text: 'Called Dr. Lamb at 617-555-0199.' }],
      },
    },
  ],
};

describe('deidentifyFhir', () => {
  it('Safe Harbor: removes direct identifiers, reduces dates to years (birth year gone over 89), cleans free text', () => {
    const r = deidentifyFhir(bundle, { today, secret: 's' });
    const out = JSON.stringify(r.resource);
    for (const id of [
      'Okafor',
      'Lamb',
      '00123456',
      '617-555-0142',
      '617-555-0199',
      'Springfield',
      '1931',
      'pat-okafor',
      'ehr-1',
    ])
      expect(out).not.toContain(id);
    const [patient, obs] = (r.resource as typeof bundle).entry.map(
      (e) => e.resource as Record<string, unknown>,
    );
    expect(patient!.birthDate).toBeUndefined();
    expect(patient!.address).toEqual([{ state: 'MA' }]);
    expect(obs!.effectiveDateTime).toBe('2025');
    expect(obs!.issued).toBeUndefined();
    expect(obs!.valueQuantity).toEqual({ value: 104, unit: '/min' });
    expect((obs!.code as { coding: { system: string }[] }).coding[0]!.system).toBe('http://loinc.org');
    // The reference still points at the (renamed) patient.
    expect((obs!.subject as { reference: string }).reference).toBe(`Patient/${patient!.id}`);
    expect((obs!.subject as { display?: string }).display).toBeUndefined();
    expect(r.removed.some((x) => x.path === '/entry/0/resource/identifier' && x.action === 'removed')).toBe(
      true,
    );
  });

  it('limited data set keeps dates, city and postal code but not names or identifiers', () => {
    const r = deidentifyFhir(bundle, { today, profile: 'limited-data-set', secret: 's' });
    const [patient, obs] = (r.resource as typeof bundle).entry.map(
      (e) => e.resource as Record<string, unknown>,
    );
    expect(patient!.birthDate).toBe('1931-02-03');
    expect(obs!.effectiveDateTime).toBe('2025-03-14T09:30:00Z');
    expect(patient!.address).toEqual([{ state: 'MA', city: 'Springfield', postalCode: '01103' }]);
    expect(patient!.name).toBeUndefined();
    expect(patient!.identifier).toBeUndefined();
  });

  it('surrogate mode shifts dates by the patient offset and names the patient consistently', () => {
    const a = deidentifyFhir(bundle, { today, mode: 'surrogate', secret: 's' });
    const b = deidentifyFhir(bundle, { today, mode: 'surrogate', secret: 's' });
    expect(JSON.stringify(a.resource)).toBe(JSON.stringify(b.resource));
    const [patient, obs] = (a.resource as typeof bundle).entry.map(
      (e) => e.resource as Record<string, unknown>,
    );
    expect((patient!.name as { family: string }[])[0]!.family).not.toBe('Okafor');
    const shifted = String(obs!.effectiveDateTime);
    expect(shifted).toMatch(/^\d{4}-\d{2}-\d{2}T09:30:00Z$/);
    expect(shifted).not.toBe('2025-03-14T09:30:00Z');
  });

  it('refuses what is not a FHIR resource', () => {
    expect(() => deidentifyFhir({ hello: 'world' })).toThrow(/resourceType/);
    expect(() => deidentifyFhir('text')).toThrow(/resourceType/);
  });
});

describe('ages over 89 in observations', () => {
  const age = (value: number) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '30525-0' }] },
    valueQuantity: { value, unit: 'a' },
  });
  it('Safe Harbor gives 90 or more; younger ages and the limited data set keep the value', () => {
    const old = deidentifyFhir(age(93)).resource as { valueQuantity: unknown };
    expect(old.valueQuantity).toEqual({ value: 90, comparator: '>=', unit: 'a' });
    expect((deidentifyFhir(age(72)).resource as { valueQuantity: unknown }).valueQuantity).toEqual({
      value: 72,
      unit: 'a',
    });
    const lds = deidentifyFhir(age(93), { profile: 'limited-data-set' }).resource as {
      valueQuantity: unknown;
    };
    expect(lds.valueQuantity).toEqual({ value: 93, unit: 'a' });
  });
});
