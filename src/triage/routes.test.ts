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
