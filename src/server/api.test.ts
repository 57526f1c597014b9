import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import type { Capability } from '../app/capability.js';
import type { ClinicalCase } from '../clinical/case.js';
import { defineEngine } from '../engine/engine.js';

/** A tiny engine for the tests: the share of present findings, as a "risk". */
const presentShareEngine = defineEngine({
  id: 'other.test-present-share',
  aliases: ['test-present-share'],
  outputKind: 'risk',
  title: 'Share of present findings (test engine)',
  version: '0.0.1',
  description: 'test only',
  validation: {
    status: 'experimental',
    metrics: [
      { name: 'none', dataset: 'none (test engine)', evidence: 'none', reference: 'src/server/api.test.ts' },
    ],
  },
  inputSchema: z.object({ present: z.number().int().min(0), total: z.number().int().min(1) }).strict(),
  exampleInput: { present: 1, total: 2 },
  compute(input) {
    return {
      output: { modelId: 'test-present-share', probability: input.present / input.total, applicable: true },
      explanation: {
        summary: `${input.present} of ${input.total} findings present`,
        contributions: [
          {
            input: 'present',
            label: 'Present findings',
            contribution: input.present,
            unit: 'points' as const,
          },
        ],
      },
    };
  },
  fromCase(c: ClinicalCase) {
    if (c.findings.length === 0) return undefined;
    return { present: c.findings.filter((f) => f.status === 'present').length, total: c.findings.length };
  },
  toCard(assessment) {
    return {
      summary: `Present share ${assessment.risk?.probability?.toFixed(2)}`,
      indicator: 'info',
      source: { label: 'HealthGPT test engine' },
    };
  },
});

const testCapability: Capability = { id: 'test', title: 'Test', engines: [presentShareEngine] };
const bundle = JSON.parse(readFileSync('test/fixtures/fhir-bundle-chest-pain.json', 'utf8')) as unknown;

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([testCapability], { bodyLimitBytes: 64 * 1024 });
});
afterAll(() => server.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: text ? JSON.parse(text) : undefined,
    headers: response.headers,
  };
}

const caseCount = () => server.context.store.cases.list().total;

describe('HTTP API', () => {
  it('answers /healthz with the version and a request id', async () => {
    const res = await call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', engines: 1 });
    expect(res.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
  });

  it('creates, reads, updates and lists cases', async () => {
    const created = await call('POST', '/v1/cases', {
      title: 'Breathless',
      patient: { ageYears: 71, sex: 'female' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call('GET', `/v1/cases/${id}`)).body).toEqual(created.body);
    const updated = await call(
      'PUT',
      `/v1/cases/${id}`,
      { title: 'Breathless, 2 days', patient: { ageYears: 71 } },
      { 'if-match': 'W/"1"' },
    );
    expect(updated.headers.get('etag')).toBe('W/"2"');
    expect(updated.body.title).toBe('Breathless, 2 days');
    const list = await call('GET', '/v1/cases?limit=5');
    expect(list.body.items.some((c: ClinicalCase) => c.id === id)).toBe(true);
    // Reads are audited too, each with the real principal (the harness signs in as an admin token).
    const events = server.context.store.audit.list({ resourceId: id });
    expect(events.map((e) => e.action)).toEqual(['case.update', 'case.read', 'case.create']);
    expect(events.every((e) => e.actor === 'token:test-admin' && e.role === 'admin')).toBe(true);
    expect(events.every((e) => e.clientAddress === '127.0.0.1' && e.requestId)).toBe(true);
  });

  it('imports a FHIR bundle, runs an engine on the case and exports FHIR', async () => {
    const imported = await call('POST', '/v1/fhir/import', bundle);
    expect(imported.status).toBe(201);
    expect(imported.body.patient.sex).toBe('male');
    const id = imported.body.id as string;
    // The former id is an alias: the assessment is stored under the engine's id.
    const assessed = await call('POST', `/v1/cases/${id}/assessments`, { engineId: 'test-present-share' });
    expect(assessed.status).toBe(201);
    expect(assessed.body.engineId).toBe('other.test-present-share');
    expect(assessed.body.risk).toEqual({ modelId: 'test-present-share', probability: 0.5, applicable: true });
    expect((await call('GET', `/v1/cases/${id}/assessments`)).body.items).toHaveLength(1);
    const exported = await call('GET', `/v1/cases/${id}/fhir`);
    expect(exported.type).toContain('application/fhir+json');
    const kinds = exported.body.entry.map(
      (e: { resource: { resourceType: string } }) => e.resource.resourceType,
    );
    expect(kinds).toContain('RiskAssessment');
  });

  it('runs any engine on an input: POST /v1/engines/{id}/run', async () => {
    const ran = await call('POST', '/v1/engines/other.test-present-share/run', { present: 1, total: 4 });
    expect(ran.status).toBe(200);
    expect(ran.body.output).toEqual({ modelId: 'test-present-share', probability: 0.25, applicable: true });
    expect(ran.body.provenance.engineId).toBe('other.test-present-share');
    expect((await call('POST', '/v1/engines/test-present-share/run', { present: 0, total: 1 })).status).toBe(
      200,
    );
    const invalid = await call('POST', '/v1/engines/other.test-present-share/run', {
      present: -1,
      extra: true,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.type).toContain('application/problem+json');
    expect(invalid.body.code).toBe('invalid');
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['/body/present', '/body/total']),
    );
    const unknown = await call('POST', '/v1/engines/no.such-engine/run', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe("engine 'no.such-engine' does not exist");
  });

  it('lists engines and serves the OpenAPI document with the case routes', async () => {
    expect((await call('GET', '/v1/engines')).body.items.map((e: { id: string }) => e.id)).toEqual([
      'other.test-present-share',
    ]);
    const openapi = await call('GET', '/openapi.json');
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/v1/cases', '/v1/cases/{id}', '/v1/fhir/import']),
    );
    const docs = await fetch(`${server.baseUrl}/docs`);
    expect(docs.status).toBe(200);
  });
});

describe('bad input gets a problem document and changes nothing', () => {
  const expectProblem = (res: Awaited<ReturnType<typeof call>>, status: number) => {
    expect(res.status).toBe(status);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status, title: expect.any(String) });
    expect(res.body.requestId).toBeDefined();
  };

  it('malformed JSON', async () => {
    const before = caseCount();
    expectProblem(await call('POST', '/v1/cases', '{"title": "x",'), 400);
    expect(caseCount()).toBe(before);
  });

  it('wrong types and unknown fields, with the fields named', async () => {
    const before = caseCount();
    const res = await call('POST', '/v1/cases', { title: 42, patient: { ageYears: -3 }, extra: true });
    expectProblem(res, 400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['/body/title', '/body/patient/ageYears']));
    expect(res.body.code).toBe('invalid');
    expect(caseCount()).toBe(before);
    const query = await call('GET', '/v1/cases?limit=0');
    expectProblem(query, 400);
    expect(query.body.errors.map((e: { field: string }) => e.field)).toEqual(['/querystring/limit']);
  });

  it('oversized bodies', async () => {
    const before = caseCount();
    expectProblem(await call('POST', '/v1/cases', { title: 'big', note: 'x'.repeat(100 * 1024) }), 413);
    expect(caseCount()).toBe(before);
  });

  it('an invalid FHIR bundle', async () => {
    const before = caseCount();
    const res = await call('POST', '/v1/fhir/import', {
      resourceType: 'Bundle',
      entry: [
        {
          resource: {
            resourceType: 'Observation',
            code: { coding: [{ code: '8480-6' }] },
            valueQuantity: { value: 'high' },
          },
        },
      ],
    });
    expectProblem(res, 422);
    expect(res.body.errors[0].field).toBe('/body/entry/0/resource/valueQuantity/value');
    expectProblem(await call('POST', '/v1/fhir/import', { resourceType: 'Patient' }), 400);
    expect(caseCount()).toBe(before);
  });

  it('unknown cases, engines and routes', async () => {
    expectProblem(await call('GET', '/v1/cases/nope'), 404);
    const c = await call('POST', '/v1/cases', { title: 'empty' });
    expectProblem(await call('POST', `/v1/cases/${c.body.id}/assessments`, { engineId: 'nope' }), 400);
    expectProblem(
      await call('POST', `/v1/cases/${c.body.id}/assessments`, { engineId: 'test-present-share' }),
      422,
    );
    expectProblem(await call('GET', '/v1/nothing-here'), 404);
  });

  it('an unsupported media type', async () => {
    expectProblem(
      await call('POST', '/v1/cases', 'title=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
    );
  });
});

describe('CDS Hooks', () => {
  it('lists services, and a registered engine’s card appears in patient-view', async () => {
    const discovery = await call('GET', '/cds-services');
    expect(discovery.body.services.map((s: { id: string }) => s.id)).toContain('healthgpt-patient-view');
    const entries = (bundle as { entry: { resource: { resourceType: string } }[] }).entry;
    const res = await call('POST', '/cds-services/healthgpt-patient-view', {
      hook: 'patient-view',
      hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
      context: { patientId: 'demo-1', userId: 'Practitioner/1' },
      prefetch: {
        patient: entries[0]?.resource,
        observations: { resourceType: 'Bundle', type: 'searchset', entry: entries.slice(1, 4) },
        conditions: { resourceType: 'Bundle', type: 'searchset', entry: entries.slice(4) },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.cards).toMatchObject([{ summary: 'Present share 0.50', indicator: 'info' }]);
  });

  it('returns no cards when no engine applies, and a problem for the wrong hook', async () => {
    const request = { hook: 'patient-view', hookInstance: 'x', context: { patientId: 'p' }, prefetch: {} };
    expect((await call('POST', '/cds-services/healthgpt-patient-view', request)).body).toEqual({ cards: [] });
    const wrong = await call('POST', '/cds-services/healthgpt-patient-view', {
      ...request,
      hook: 'order-select',
    });
    expect(wrong.status).toBe(400);
  });

  it('refuses prefetch of the wrong type instead of answering "nothing to flag"', async () => {
    const request = { hook: 'patient-view', hookInstance: 'y', context: { patientId: 'p' } };
    for (const prefetch of [
      { patient: 'Patient/1' },
      { patient: 42 },
      { patient: { resourceType: 'Observation' } },
    ]) {
      const res = await call('POST', '/cds-services/healthgpt-patient-view', { ...request, prefetch });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toMatch(/^\/prefetch\/patient/);
    }
    // null is what an EHR sends for a prefetch it could not fetch: still answered.
    const absent = await call('POST', '/cds-services/healthgpt-patient-view', {
      ...request,
      prefetch: { patient: null },
    });
    expect(absent.status).toBe(200);
  });
});
