import Database from 'better-sqlite3';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import type { ImageReference } from '../clinical/image.js';
import { storeImage } from '../vision/image-service.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([]);
});
afterAll(async () => server?.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const content = { title: 'Cough, 3 days', patient: { ageYears: 40 } };

describe('no lost updates', () => {
  it('sends ETag on create and read, needs If-Match on update (428), refuses a stale one (412)', async () => {
    const created = await call('POST', '/v1/cases', content);
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('W/"1"');
    expect(created.headers.get('location')).toBe(`/v1/cases/${created.body.id}`);
    const id = created.body.id as string;
    const read = await call('GET', `/v1/cases/${id}`);
    expect(read.headers.get('etag')).toBe('W/"1"');
    expect(read.body.version).toBe(1);

    const missing = await call('PUT', `/v1/cases/${id}`, { ...content, title: 'x' });
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe('precondition-required');

    // Two clinicians read version 1; the first save wins, the second is told, not silently overwritten.
    const first = await call(
      'PUT',
      `/v1/cases/${id}`,
      { ...content, title: 'first' },
      { 'if-match': 'W/"1"' },
    );
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('W/"2"');
    const second = await call(
      'PUT',
      `/v1/cases/${id}`,
      { ...content, title: 'second' },
      { 'if-match': 'W/"1"' },
    );
    expect(second.status).toBe(412);
    expect(second.headers.get('content-type')).toMatch(/problem\+json/);
    expect(second.body.details).toEqual({ currentVersion: 2 });
    expect((await call('GET', `/v1/cases/${id}`)).body.title).toBe('first');

    const bad = await call('PUT', `/v1/cases/${id}`, content, { 'if-match': 'yesterday' });
    expect(bad.status).toBe(400);
  });

  it('refuses a page saved from an older copy instead of erasing the image list', async () => {
    const { id } = (await call('POST', '/v1/cases', content)).body as { id: string };
    const png = new PNG({ width: 8, height: 8 });
    png.data.fill(128);
    await storeImage(server.context.store, new Uint8Array(PNG.sync.write(png)), { caseId: id });
    const now = await call('GET', `/v1/cases/${id}`);
    expect(now.body.images).toHaveLength(1);
    expect(now.body.version).toBe(2);
    const stale = await call('PUT', `/v1/cases/${id}`, { ...content, images: [] }, { 'if-match': 'W/"1"' });
    expect(stale.status).toBe(412);
    expect((await call('GET', `/v1/cases/${id}`)).body.images).toHaveLength(1);
  });
});

describe('idempotent creates', () => {
  it('returns the first case for a retried create with the same Idempotency-Key', async () => {
    const before = server.context.store.cases.list().total;
    const key = { 'idempotency-key': 'retry-me-0001' };
    const a = await call('POST', '/v1/cases', content, key);
    const b = await call('POST', '/v1/cases', content, key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(server.context.store.cases.list().total).toBe(before + 1);
    const other = await call('POST', '/v1/cases', { ...content, title: 'different' }, key);
    expect(other.status).toBe(422);
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [] };
    const importKey = { 'idempotency-key': 'import-0001' };
    const i1 = await call('POST', '/v1/fhir/import', bundle, importKey);
    const i2 = await call('POST', '/v1/fhir/import', bundle, importKey);
    expect(i1.status).toBe(201);
    expect(i2.body.id).toBe(i1.body.id);
  });
});

describe('storage that cannot be poisoned', () => {
  it('lists a stored case that fails to read alone, with an error marker, and never breaks the list', async () => {
    const { id } = (await call('POST', '/v1/cases', content)).body as { id: string };
    const db = new Database(server.dbPath);
    db.prepare('UPDATE cases SET content = ? WHERE id = ?').run(
      JSON.stringify({
        id,
        title: 'x',
        patient: {},
        findings: [{ conceptId: 1 }],
        observations: [],
        images: [],
      }),
      id,
    );
    db.close();
    const list = await call('GET', '/v1/cases?limit=500');
    expect(list.status).toBe(200);
    expect(list.body.unreadable).toEqual([{ id, error: expect.any(String) }]);
    expect(list.body.items.some((c: { id: string }) => c.id === id)).toBe(false);
    const one = await call('GET', `/v1/cases/${id}`);
    expect(one.status).toBe(500);
    expect(one.body.title).toBe('Stored case unreadable');
  });

  it('refuses the 201st image of a case without storing the image or breaking the case', async () => {
    const ref = (i: number): ImageReference => ({
      id: `img-${i}`,
      contentType: 'image/png',
      blobId: `b-${i}`,
    });
    const created = server.context.store.cases.create({
      title: 'Many images',
      patient: {},
      findings: [],
      observations: [],
      images: Array.from({ length: 200 }, (_, i) => ref(i)),
    });
    const png = new PNG({ width: 8, height: 8 });
    png.data.fill(200);
    await expect(
      storeImage(server.context.store, new Uint8Array(PNG.sync.write(png)), { caseId: created.id }),
    ).rejects.toMatchObject({ code: 'unprocessable' });
    const after = await call('GET', `/v1/cases/${created.id}`);
    expect(after.status).toBe(200);
    expect(after.body.images).toHaveLength(200);
    expect((await call('GET', '/v1/cases?limit=500')).status).toBe(200);
  });

  it('imports a FHIR bundle all or nothing: never a 5xx, never a case it cannot serve, titles never from ids', async () => {
    const before = server.context.store.cases.list().total;
    const poisoned = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: { resourceType: 'Patient', id: 'MRN-778899', gender: 'female', birthDate: '1970-01-01' },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
            effectiveDateTime: 'yesterday',
            valueQuantity: {
              value: 80,
              unit: 'x'.repeat(60),
              system: 'http://unitsofmeasure.org',
              code: '/min',
            },
          },
        },
      ],
    };
    // The importer may repair or refuse a bad entry; it never answers 5xx and never leaves a case it cannot serve.
    const res = await call('POST', '/v1/fhir/import', poisoned);
    expect(res.status).toBeLessThan(500);
    if (res.status === 201) expect((await call('GET', `/v1/cases/${res.body.id}`)).status).toBe(200);
    else expect(server.context.store.cases.list().total).toBe(before);
    // Too many entries for one case: refused whole, nothing stored.
    const tooMany = await call('POST', '/v1/fhir/import', {
      ...poisoned,
      entry: Array.from({ length: 2001 }, () => poisoned.entry[1]),
    });
    expect(tooMany.status).toBe(422);
    expect(server.context.store.cases.list().total).toBe(before + (res.status === 201 ? 1 : 0));
    expect((await call('GET', '/v1/cases?limit=500')).status).toBe(200);
    const ok = await call('POST', '/v1/fhir/import', { ...poisoned, entry: [poisoned.entry[0]] });
    expect(ok.status).toBe(201);
    expect(ok.body.title).not.toContain('778899');
  });
});

describe('idempotency keys per principal', () => {
  it('does not replay one caller’s case to another caller using the same key', async () => {
    const key = { 'idempotency-key': 'shared-key-0001' };
    const first = await call('POST', '/v1/cases', content, key);
    const other = await call('POST', '/v1/cases', content, {
      ...key,
      authorization: `Bearer ${server.tokenFor('clinician', 'second-clinician')}`,
    });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
  });
});
