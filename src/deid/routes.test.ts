import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectResponsive, healthzDuring } from '../../test/healthz-during.js';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { deidCapability } from './capability.js';
import { deidentifyText } from './deidentify.js';
import { MAX_TEXT_CHARS } from './detect.js';
import { deidentifyFhir } from './fhir.js';
import { openMapping } from './surrogates.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer([deidCapability]);
});

afterAll(async () => {
  await server.close();
});

describe('POST /v1/deid', () => {
  it('de-identifies a note and explains each removal', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/deid',
      payload: { text: 'Seen by Dr. Okafor on 3/14/2019; Foley in place.' },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.text).toBe('Seen by Dr. [NAME] on [DATE]; Foley in place.');
    expect(body.spans[0]).toMatchObject({
      text: 'Okafor',
      category: 'name',
      source: 'context',
      rule: 'context.title',
    });
    expect(body.status).toBe('experimental');
  });

  it('gives consistent surrogates for one patient key', async () => {
    const send = (text: string) =>
      server.app.inject({
        method: 'POST',
        url: '/v1/deid',
        payload: { text, mode: 'surrogate', patientKey: 'case-1' },
      });
    const a = (await send('Dr. Okafor saw the patient on 3/14/2019.')).json();
    const b = (await send('Later Dr. Okafor called.')).json();
    const nameA = /Dr\. (\S+) saw/.exec(a.text)?.[1];
    expect(nameA).toBeDefined();
    expect(nameA).not.toBe('Okafor');
    expect(b.text).toContain(`Dr. ${nameA} called`);
  });

  it('de-identifies a FHIR Patient by profile', async () => {
    const fhir = {
      resourceType: 'Patient',
      id: 'pat-1',
      identifier: [{ system: 'urn:mrn', value: '12345678' }],
      name: [{ family: 'Okafor', given: ['Jane'] }],
      telecom: [{ system: 'phone', value: '617-555-0142' }],
      address: [{ line: ['1 Main St'], city: 'Springfield', state: 'MA', postalCode: '01103' }],
      birthDate: '1970-05-02',
    };
    const safe = (await server.app.inject({ method: 'POST', url: '/v1/deid', payload: { fhir } })).json();
    expect(safe.fhir.identifier).toBeUndefined();
    expect(safe.fhir.name).toBeUndefined();
    expect(safe.fhir.telecom).toBeUndefined();
    expect(safe.fhir.address).toEqual([{ state: 'MA' }]);
    expect(safe.fhir.birthDate).toBe('1970');
    expect(safe.fhir.id).not.toBe('pat-1');
    const limited = (
      await server.app.inject({
        method: 'POST',
        url: '/v1/deid',
        payload: { fhir, profile: 'limited-data-set' },
      })
    ).json();
    expect(limited.fhir.address).toEqual([{ state: 'MA', city: 'Springfield', postalCode: '01103' }]);
    expect(limited.fhir.birthDate).toBe('1970-05-02');
    expect(JSON.stringify(limited.fhir)).not.toContain('Okafor');
  });

  it('answers bad input with a problem document', async () => {
    const both = await server.app.inject({
      method: 'POST',
      url: '/v1/deid',
      payload: { text: 'x', fhir: {} },
    });
    expect(both.statusCode).toBe(400);
    const empty = await server.app.inject({ method: 'POST', url: '/v1/deid', payload: { text: '   ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toMatch(/empty/);
    const binary = await server.app.inject({
      method: 'POST',
      url: '/v1/deid',
      payload: { text: 'a\u0000b' },
    });
    expect(binary.statusCode).toBe(415);
    const surrogateWithoutKey = await server.app.inject({
      method: 'POST',
      url: '/v1/deid',
      payload: { text: 'Dr. Okafor', mode: 'surrogate' },
    });
    expect(surrogateWithoutKey.statusCode).toBe(400);
    const notFhir = await server.app.inject({ method: 'POST', url: '/v1/deid', payload: { fhir: { a: 1 } } });
    expect(notFhir.statusCode).toBe(400);
  });

  it('admits researchers and refuses auditors', async () => {
    const as = (role: 'researcher' | 'auditor') =>
      server.app.inject({
        method: 'POST',
        url: '/v1/deid',
        headers: { authorization: `Bearer ${server.tokenFor(role)}` },
        payload: { text: 'Dr. Okafor' },
      });
    expect((await as('researcher')).statusCode).toBe(200);
    expect((await as('auditor')).statusCode).toBe(403);
  });
});

describe('GET /v1/cases/{id}/deid', () => {
  it('exports a stored case as a de-identified FHIR Bundle', async () => {
    const created = await server.app.inject({
      method: 'POST',
      url: '/v1/cases',
      payload: { title: 'Jane Okafor, 3/14/2019', patient: { ageYears: 54, sex: 'female' } },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const response = await server.app.inject({ method: 'GET', url: `/v1/cases/${id}/deid` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.bundle.resourceType).toBe('Bundle');
    expect(JSON.stringify(body.bundle)).not.toContain(id);
    expect(JSON.stringify(body.bundle)).not.toContain('Okafor');
    const missing = await server.app.inject({ method: 'GET', url: '/v1/cases/nope/deid' });
    expect(missing.statusCode).toBe(404);
  });

  it('gives researchers Safe Harbor only: a limited data set keeps the dates (PHI)', async () => {
    const created = await server.app.inject({
      method: 'POST',
      url: '/v1/cases',
      payload: { title: 'Follow-up', patient: { ageYears: 54, sex: 'female' } },
    });
    const id = created.json().id;
    const as = (role: 'clinician' | 'researcher', profile: string) =>
      server.app.inject({
        method: 'GET',
        url: `/v1/cases/${id}/deid?profile=${profile}`,
        headers: { authorization: `Bearer ${server.tokenFor(role)}` },
      });
    const refused = await as('researcher', 'limited-data-set');
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect((await as('researcher', 'safe-harbor')).statusCode).toBe(200);
    expect((await as('clinician', 'limited-data-set')).statusCode).toBe(200);
  });
});

describe('POST /v1/deid limits', () => {
  it('refuses a 10 MB note with a problem document', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/deid',
      payload: { text: 'Dr. Okafor. '.repeat(900_000) },
    });
    expect([400, 413]).toContain(response.statusCode);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('POST /v1/deid in the worker pool', () => {
  const post = (payload: unknown) =>
    fetch(`${server.baseUrl}/v1/deid`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });

  it('gives the surrogates this thread would give (the secret travels with the task)', async () => {
    const text = 'Dr. Okafor saw Jane Smith on 3/14/2019; call 617-555-0142.';
    const body = await (await post({ text, mode: 'surrogate', patientKey: 'case-7' })).json();
    expect(body.text).toBe(deidentifyText(text, { mode: 'surrogate', patientKey: 'case-7' }).text);
  });

  it('gives the FHIR ids and surrogates this thread would give', async () => {
    const fhir = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'Patient',
            id: 'pat-9',
            name: [{ family: 'Okafor' }],
            birthDate: '1970-05-02',
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            id: 'obs-1',
            status: 'final',
            subject: { reference: 'Patient/pat-9' },
            valueString: 'Dr. Okafor saw her on 3/14/2019.',
          },
        },
      ],
    };
    for (const mode of ['redact', 'surrogate'] as const) {
      const body = await (await post({ fhir, mode, patientKey: 'case-9' })).json();
      expect(body.fhir).toEqual(deidentifyFhir(fhir, { mode, patientKey: 'case-9' }).resource);
      expect(JSON.stringify(body.fhir)).not.toContain('pat-9');
    }
  });

  it('seals the mapping under the key this thread reads', async () => {
    const saved = process.env.HEALTHGPT_DEID_KEY;
    const key = randomBytes(32);
    process.env.HEALTHGPT_DEID_KEY = key.toString('hex');
    try {
      const res = await post({
        text: 'Dr. Okafor called.',
        mode: 'surrogate',
        patientKey: 'k',
        keepMapping: true,
      });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(openMapping(body.mapping, key)[0]).toMatchObject({ original: 'Okafor' });
      delete process.env.HEALTHGPT_DEID_KEY;
      const refused = await post({ text: 'Dr. Okafor called.', keepMapping: true });
      expect(refused.status).toBe(412);
      expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    } finally {
      if (saved === undefined) delete process.env.HEALTHGPT_DEID_KEY;
      else process.env.HEALTHGPT_DEID_KEY = saved;
    }
  });

  it('answers /healthz within 200 ms while a 2 MB note is de-identified', async () => {
    const paragraph =
      'Seen by Dr. Okafor on 3/14/2019 at Springfield General. Jane Smith (MRN 12345678), phone 617-555-0142, ' +
      'lives at 1 Main St. Cough for 3 days, denies fever. Plan: follow up with Dr. Nguyen next week.\n';
    const text = paragraph.repeat(Math.floor(MAX_TEXT_CHARS / paragraph.length));
    await post({ text: paragraph }); // the worker is started and its model loaded
    const { status, body, checks } = await healthzDuring(server.baseUrl, () => post({ text }));
    expect(status).toBe(200);
    expect(body.text).not.toContain('Okafor');
    expect(body.counts.name).toBeGreaterThan(1000);
    // The checks came back while the note was still being de-identified, each in well under a second.
    expectResponsive(checks);
  }, 120_000);
});
