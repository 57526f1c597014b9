import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { diagnosisCapability } from '../diagnosis/capability.js';
import { learningCapability } from './capability.js';
import { knownIcd10Codes, lookupIcd10 } from './icd10.js';
import { committedDdxModel, LearningService } from './service.js';

let server: RunningServer;
let caseId: string;
const learnable = [...knownIcd10Codes().values()].find((k) => k.ddxplusName)!;
const other = [...knownIcd10Codes().values()].filter((k) => k.ddxplusName && k.code !== learnable.code)[0]!;

beforeAll(async () => {
  server = await startTestServer([diagnosisCapability, learningCapability]);
  const created = await server.app.inject({
    method: 'POST',
    url: '/v1/cases',
    payload: {
      title: 'Cough and fever',
      patient: { ageYears: 70, sex: 'female' },
      findings: [
        { conceptId: 'fever', status: 'present' },
        { conceptId: 'cough', status: 'present' },
      ],
    },
  });
  expect(created.statusCode).toBe(201);
  caseId = created.json().id;
});
afterAll(async () => server.close());

const post = (id: string, payload: unknown) =>
  server.app.inject({ method: 'POST', url: `/v1/cases/${id}/feedback`, payload: payload as object });

describe('OpenAPI', () => {
  it('documents the feedback and registry routes', async () => {
    const paths = Object.keys(
      (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/cases/{id}/feedback',
        '/v1/cases/{id}/feedback/fhir',
        '/v1/learning/models',
      ]),
    );
  });
});

describe('ICD-10 validation', () => {
  it('knows the knowledge base codes and their categories, nothing else', () => {
    expect(lookupIcd10(` ${learnable.code.toLowerCase()} `)?.code).toBe(learnable.code);
    expect(lookupIcd10('Z99.999')).toBeUndefined();
    expect(lookupIcd10('not a code')).toBeUndefined();
  });
});

describe('POST /v1/cases/{id}/feedback', () => {
  it('stores a confirmed diagnosis with who, when and the model version; a repeat is 409; a new code supersedes', async () => {
    const first = await post(caseId, { kind: 'diagnosis', icd10: learnable.code, note: 'CT confirmed' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      kind: 'diagnosis',
      icd10: learnable.code,
      caseId,
      by: { role: 'admin' },
      modelVersion: expect.stringMatching(/^ddx-logistic/),
    });
    const repeat = await post(caseId, { kind: 'diagnosis', icd10: learnable.code });
    expect(repeat.statusCode).toBe(409);
    expect(repeat.headers['content-type']).toMatch(/problem\+json/);
    const corrected = await post(caseId, { kind: 'diagnosis', icd10: other.code });
    expect(corrected.statusCode).toBe(201);
    const list = await server.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/feedback` });
    const items = list.json().items as { icd10?: string; supersededBy?: string }[];
    expect(items.map((i) => [i.icd10, i.supersededBy !== undefined])).toEqual([
      [learnable.code, true],
      [other.code, false],
    ]);
  });

  it('refuses an unknown ICD-10 code (422) and an unknown case (404)', async () => {
    const unknownCode = await post(caseId, { kind: 'diagnosis', icd10: 'Z99.999' });
    expect(unknownCode.statusCode).toBe(422);
    expect(unknownCode.json().errors[0].field).toBe('/body/icd10');
    const unknownCase = await post('no-such-case', { kind: 'diagnosis', icd10: learnable.code });
    expect(unknownCase.statusCode).toBe(404);
    const badKind = await post(caseId, { kind: 'praise' });
    expect(badKind.statusCode).toBe(400);
    const noAssessment = await post(caseId, {
      kind: 'output',
      verdict: 'wrong',
      reason: 'x',
      assessmentId: 'nope',
    });
    expect(noAssessment.statusCode).toBe(404);
  });

  it('records finding corrections and output verdicts, and exports FHIR resources', async () => {
    expect((await post(caseId, { kind: 'finding', conceptId: 'cough', status: 'absent' })).statusCode).toBe(
      201,
    );
    expect(
      (
        await post(caseId, {
          kind: 'output',
          verdict: 'unhelpful',
          reason: 'list too long',
          engineId: 'diagnosis.ddx',
        })
      ).statusCode,
    ).toBe(201);
    const fhir = (
      await server.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/feedback/fhir` })
    ).json();
    const resources = fhir.entry.map((e: { resource: { resourceType: string } }) => e.resource);
    const conditions = resources.filter((r: { resourceType: string }) => r.resourceType === 'Condition');
    expect(
      conditions.map(
        (c: { verificationStatus: { coding: { code: string }[] } }) => c.verificationStatus.coding[0]!.code,
      ),
    ).toEqual(['entered-in-error', 'confirmed']);
    expect(conditions[1].code.coding[0]).toMatchObject({
      system: 'http://hl7.org/fhir/sid/icd-10',
      code: other.code,
    });
    expect(resources.find((r: { resourceType: string }) => r.resourceType === 'Observation')).toMatchObject({
      status: 'corrected',
      valueBoolean: false,
    });
    expect(resources.find((r: { resourceType: string }) => r.resourceType === 'DetectedIssue')).toMatchObject(
      {
        status: 'final',
        detail: 'list too long',
      },
    );
  });

  it.each(['feedback', 'feedback/fhir'])(
    'GET /v1/cases/{id}/%s refuses researchers and auditors, as the case itself (feedback is patient data)',
    async (path) => {
      // The tests above left a confirmed diagnosis and corrections on the case.
      const as = (role: 'clinician' | 'researcher' | 'auditor', url: string) =>
        server.app.inject({
          method: 'GET',
          url,
          headers: { authorization: `Bearer ${server.tokenFor(role)}` },
        });
      for (const role of ['researcher', 'auditor'] as const) {
        expect((await as(role, `/v1/cases/${caseId}`)).statusCode).toBe(403);
        expect((await as(role, `/v1/cases/${caseId}/${path}`)).statusCode).toBe(403);
      }
      expect((await as('clinician', `/v1/cases/${caseId}/${path}`)).statusCode).toBe(200);
    },
  );

  it('turns the confirmed case into one training record with the corrected findings', () => {
    const service = new LearningService(server.context.store, server.context.config.dataDir, '/nonexistent');
    const records = service.confirmedRecords();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ key: `case:${caseId}`, source: 'confirmed', weight: 1 });
    expect(records[0]!.patient.pathology).toBe(other.ddxplusName);
    expect(records[0]!.patient).toMatchObject({ ageYears: 70, sex: 'F' });
    // Without the data set, learning says what it needs instead of training on nothing.
    expect(() => service.learn({ by: 'test', autoPromote: false })).toThrow(/DDXPlus data set/);
  });
});

describe('shadow', () => {
  it('scores every confirmed diagnosis with the waiting candidate beside the active model', async () => {
    const service = new LearningService(server.context.store, server.context.config.dataDir, '/nonexistent');
    const model = committedDdxModel();
    const copy = Object.assign(Object.create(Object.getPrototypeOf(model)), model, {
      modelVersion: 'ddx-shadow-test',
    });
    service.registry.addCandidate('v2', copy, {
      parent: 'v1',
      dataHash: 'x',
      data: {},
      card: '',
      by: 'test',
    });
    const created = await server.app.inject({
      method: 'POST',
      url: '/v1/cases',
      payload: {
        title: 'Shadow',
        patient: { ageYears: 30, sex: 'male' },
        findings: [{ conceptId: 'fever', status: 'present' }],
      },
    });
    const id = created.json().id as string;
    expect((await post(id, { kind: 'diagnosis', icd10: learnable.code })).statusCode).toBe(201);
    const shadow = service.shadowRecords('v2');
    expect(shadow).toHaveLength(1);
    expect(shadow[0]).toMatchObject({
      caseId: id,
      active: { version: 'v1' },
      candidate: { version: 'v2' },
      confirmed: learnable.ddxplusName,
    });
    // The candidate waits: what is served did not change.
    expect(service.registry.active().version).toBe('v1');
  });
});
