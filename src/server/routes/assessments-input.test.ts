import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../../test/server-harness.js';
import { riskCapability } from '../../risk/capability.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([riskCapability]);
});
afterAll(() => server.close());

async function call(method: string, path: string, body?: object) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test reads of JSON answers.
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const curb65Engine = async () =>
  ((await call('GET', '/v1/engines')).json.items as { id: string }[]).find((e) => /curb65/.test(e.id))
    ?.id as string;

describe('running an engine on a case: the panel and the case-run agree', () => {
  it('says "not ready" with the reason exactly when the case-run refuses, and runs on the panel’s input', async () => {
    const engineId = await curb65Engine();
    const created = await call('POST', '/v1/cases', {
      title: 'Cough',
      patient: { ageYears: 77 },
      findings: [{ conceptId: 'confusion', status: 'present' }],
      observations: [
        {
          code: { system: 'http://loinc.org', code: '9279-1' },
          value: { value: 23, unit: '/min' },
        },
      ],
      images: [],
    });
    const id = created.json.id as string;
    const prefill = await call('GET', `/v1/cases/${id}/risk/curb65/prefill`);
    expect(prefill.status).toBe(200);
    expect(prefill.json.complete).toBe(false);
    expect(prefill.json.notApplicable).toMatch(/pneumonia/);
    expect(prefill.json.missing.map((m: { field: string }) => m.field)).toContain('/systolicBp');
    const refused = await call('POST', `/v1/cases/${id}/assessments`, { engineId });
    expect(refused.status).toBe(422);
    expect(refused.json.detail).toMatch(/pneumonia/);
    // The clinician completes the panel and saves: exactly those values are used.
    const input = { ...prefill.json.values, systolicBp: 105, diastolicBp: 52, ureaMmolL: 8 };
    const saved = await call('POST', `/v1/cases/${id}/assessments`, { engineId, input });
    expect(saved.status).toBe(201);
    expect(saved.json.risk.score).toBe(4);
    const bad = await call('POST', `/v1/cases/${id}/assessments`, {
      engineId,
      input: { ...input, respiratoryRate: 'fast' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('/body/input/respiratoryRate');
  });
});
