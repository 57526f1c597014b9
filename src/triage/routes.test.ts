import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { triageCapability } from './capability.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer([triageCapability]);
});

afterAll(async () => {
  await server.close();
});

describe('POST /v1/triage', () => {
  it('returns the level, the reasons and NEWS2', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/triage',
      payload: {
        findings: [{ conceptId: 'cough', status: 'present' }],
        vitals: {
          respiratoryRate: 26,
          spo2Percent: 91,
          onOxygen: false,
          systolicBp: 118,
          pulse: 104,
          consciousness: 'alert',
          temperatureC: 38.9,
        },
      },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.level).toBe('emergency');
    expect(body.news2.total).toBe(3 + 3 + 0 + 0 + 1 + 0 + 1);
    expect(body.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('news2.aggregate-7');
  });

  it("takes the complaint's time course: a new illness getting worse is urgent", async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/triage',
      payload: {
        findings: [{ conceptId: 'cough', status: 'present' }],
        onset: { shortestDays: 2, longestDays: 2, sudden: false, worsening: true },
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().level).toBe('urgent');
    const bad = await server.app.inject({
      method: 'POST',
      url: '/v1/triage',
      payload: { findings: [], onset: { shortestDays: -1, sudden: false, worsening: false } },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('rejects an impossible vital sign with a problem document pointing at the field', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/triage',
      payload: { findings: [], vitals: { spo2Percent: 140 } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(response.json())).toMatch(/spo2Percent/);
  });

  it('rejects a missing findings list', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/v1/triage', payload: {} });
    expect(response.statusCode).toBe(400);
  });
});

describe('GET /v1/cases/{id}/triage', () => {
  it('triages a stored case, and 404s for an unknown one', async () => {
    const created = server.context.store.cases.create({
      title: 'triage test',
      patient: { ageYears: 70, sex: 'female' },
      findings: [{ conceptId: 'hematemesis', status: 'present' }],
      observations: [],
      images: [],
    });
    const response = await server.app.inject({ method: 'GET', url: `/v1/cases/${created.id}/triage` });
    expect(response.statusCode).toBe(200);
    expect(response.json().level).toBe('emergency');
    const missing = await server.app.inject({ method: 'GET', url: '/v1/cases/nope/triage' });
    expect(missing.statusCode).toBe(404);
  });
});

describe('CDS Hooks patient-view', () => {
  const observation = (code: string, display: string, value: number, unit: string) => ({
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' },
        ],
      },
    ],
    code: { coding: [{ system: 'http://loinc.org', code, display }] },
    effectiveDateTime: '2026-03-02T09:15:00Z',
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
  });
  const searchset = (resources: unknown[]) => ({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources.map((resource) => ({ resource })),
  });
  const call = (prefetch: Record<string, unknown>, token: string) =>
    server.app.inject({
      method: 'POST',
      url: '/cds-services/healthgpt-patient-view',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        hook: 'patient-view',
        hookInstance: '5c1f7a3e-2d1b-4c55-9f1e-7a0d6b2e9c41',
        context: { patientId: 'p-triage', userId: 'Practitioner/7' },
        prefetch,
      },
    });

  it("a clinician's EHR gets the triage card from the prefetched vital signs, and none for a record with nothing to triage", async () => {
    const token = server.tokenFor('clinician');
    const patient = { resourceType: 'Patient', id: 'p-triage', gender: 'female', birthDate: '1961-05-04' };
    const response = await call(
      {
        patient,
        observations: searchset([
          observation('9279-1', 'Respiratory rate', 28, '/min'),
          observation('59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry', 90, '%'),
        ]),
        conditions: null,
      },
      token,
    );
    expect(response.statusCode).toBe(200);
    const cards = response.json().cards as {
      uuid: string;
      summary: string;
      detail: string;
      indicator: string;
      source: { label: string };
    }[];
    const triage = cards.find((c) => c.source.label.startsWith('HealthGPT triage'));
    expect(triage).toMatchObject({
      summary: 'Triage: emergency — emergency care now',
      indicator: 'critical',
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(triage!.detail).toMatch(/Oxygen saturation below 92 %/);
    expect(triage!.detail).toContain('- Respiration rate: 28 breaths/min (+3)');
    // The same record with nothing current: no triage card (not a "routine" one).
    const empty = await call({ patient, observations: searchset([]), conditions: null }, token);
    expect(empty.statusCode).toBe(200);
    expect(empty.json().cards).toEqual([]);
  });
});
