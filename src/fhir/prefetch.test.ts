import { describe, expect, it } from 'vitest';
import { FhirImportError } from './import-bundle.js';
import { caseFromPrefetch } from './prefetch.js';

describe('caseFromPrefetch', () => {
  const request = { hook: 'patient-view', hookInstance: 'h1' };

  it('reads a Patient and search-set Bundles of Observations and Conditions into a transient case', () => {
    const c = caseFromPrefetch(
      {
        patient: { resourceType: 'Patient', id: 'p', gender: 'male', birthDate: '1950-01-01' },
        observations: {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [
            {
              resource: {
                resourceType: 'Observation',
                code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
                valueQuantity: { value: 110, code: '/min' },
              },
            },
          ],
        },
        conditions: {
          resourceType: 'Bundle',
          entry: [
            {
              resource: {
                resourceType: 'Condition',
                code: {
                  coding: [
                    { system: 'http://snomed.info/sct', code: '49436004', display: 'Atrial fibrillation' },
                  ],
                },
              },
            },
          ],
        },
      },
      request,
    );
    expect(c.id).toBe('cds-h1');
    expect(c.patient.sex).toBe('male');
    expect(c.observations[0]?.value).toEqual({ value: 110, unit: '/min' });
    expect(c.findings[0]).toMatchObject({ conceptId: 'atrial-fibrillation', label: 'Atrial fibrillation' });
  });

  it('an empty prefetch is an empty case; a malformed resource is refused', () => {
    expect(caseFromPrefetch(undefined, request).findings).toEqual([]);
    expect(() =>
      caseFromPrefetch(
        { o: { resourceType: 'Observation', code: { coding: [] }, valueBoolean: true } },
        request,
      ),
    ).toThrow(FhirImportError);
  });
});
