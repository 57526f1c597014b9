import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastCapability } from '../../src/forecast/capability.js';
import { intakeCapability } from '../../src/intake/capability.js';
import { visionCapability } from '../../src/vision/capability.js';
import { type RunningServer, startTestServer } from '../server-harness.js';
import { bombJpeg, bombPng } from './bombs.js';

/**
 * The security suite of issue 12 (bounded: a few seconds): decode bombs, the 1 × 40,000,000 PNG, the year-1-to-9999
 * forecast, absurd counts, stale If-Match, a poisoned import, light routes answering while heavy work runs, router
 * errors as problem documents, and a PHI marker sent in every field that must never reach the log.
 */
const MARKER = 'PHIMARKER7d1e';
const logs: string[] = [];
let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer(
    [visionCapability, forecastCapability, intakeCapability],
    {},
    { server: { logger: { level: 'trace', stream: { write: (line: string) => logs.push(line) } } } },
  );
});
afterAll(async () => server?.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const raw = body instanceof Uint8Array;
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: body === undefined || raw ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : raw ? Buffer.from(body) : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: parsed as Record<string, string>,
  };
}

describe('decode bombs', () => {
  it('answers the 69-byte PNG declaring 1 × 40,000,000 pixels with 413 and keeps serving', async () => {
    const started = performance.now();
    const res = await call('POST', '/v1/images', bombPng(1, 40_000_000), { 'content-type': 'image/png' });
    expect(res.status).toBe(413);
    expect(res.type).toMatch(/problem\+json/);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect((await call('GET', '/healthz')).status).toBe(200);
  });

  it('refuses PNGs and JPEGs over the side or pixel limits from their headers', async () => {
    for (const [bytes, type] of [
      [bombPng(65_000, 65_000), 'image/png'],
      [bombPng(8_000, 8_000), 'image/png'],
      [bombJpeg(65_535, 65_535), 'image/jpeg'],
      [bombJpeg(16_000, 16_000), 'image/jpeg'],
    ] as const) {
      const res = await call('POST', '/v1/images', bytes, { 'content-type': type });
      expect(res.status).toBe(413);
    }
  });
});

describe('forecast bounds', () => {
  it('refuses a CSV spanning year 1 to 9999 at once, and counts of 1e300', async () => {
    const span = await call('POST', '/v1/forecasts', {
      department: 'ed',
      seriesCsv: 'timestamp,count\n0001-01-01T00:00:00Z,1\n9999-12-31T23:00:00Z,1\n',
      store: false,
    });
    expect(span.status).toBeGreaterThanOrEqual(400);
    expect(span.status).toBeLessThan(500);
    expect(span.body.detail).toMatch(/limit/);
    const huge = await call('POST', '/v1/forecasts', {
      department: 'ed',
      series: [{ timestamp: '2024-01-01T00:00:00Z', count: 1e300 }],
      store: false,
    });
    expect(huge.status).toBe(400);
  });
});

describe('heavy work does not hold light routes', () => {
  it('answers /healthz while a long forecast is fitted in a worker', async () => {
    const start = Date.parse('2022-01-01T00:00:00Z');
    const rows = Array.from({ length: 2 * 8760 }, (_, h) => {
      const at = new Date(start + h * 3_600_000).toISOString();
      return `${at},${5 + Math.round(4 * Math.sin((2 * Math.PI * h) / 24)) + (h % 7)}`;
    });
    let heavyDone = false;
    const heavy = call('POST', '/v1/forecasts', {
      department: 'ed-load',
      seriesCsv: `timestamp,count\n${rows.join('\n')}\n`,
      store: false,
    }).then((res) => {
      heavyDone = true;
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const answeredDuring: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call('GET', '/healthz');
      expect(res.status).toBe(200);
      answeredDuring.push(!heavyDone);
    }
    expect((await heavy).status).toBe(200);
    // At least the first health check came back while the forecast was still being fitted.
    expect(answeredDuring[0]).toBe(true);
  });
});

describe('no lost updates and no poisoned storage', () => {
  it('answers a stale If-Match with 412 and a missing one with 428', async () => {
    const { body } = await call('POST', '/v1/cases', { title: 'Case', patient: {} });
    expect((await call('PUT', `/v1/cases/${body.id}`, { title: 'A' }, { 'if-match': 'W/"1"' })).status).toBe(
      200,
    );
    expect((await call('PUT', `/v1/cases/${body.id}`, { title: 'B' }, { 'if-match': 'W/"1"' })).status).toBe(
      412,
    );
    expect((await call('PUT', `/v1/cases/${body.id}`, { title: 'C' })).status).toBe(428);
  });

  it('stores nothing from a poisoned import and keeps the case list answering', async () => {
    const before = server.context.store.cases.list().total;
    const entry = {
      resource: {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
        effectiveDateTime: 'yesterday',
        valueQuantity: { value: 80, unit: 'u'.repeat(80) },
      },
    };
    const res = await call('POST', '/v1/fhir/import', {
      resourceType: 'Bundle',
      type: 'collection',
      entry: Array.from({ length: 5000 }, () => entry),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(server.context.store.cases.list().total).toBe(before);
    expect((await call('GET', '/v1/cases?limit=500')).status).toBe(200);
  });
});

describe('every error a problem document', () => {
  it('answers wrong methods, bad escapes and long URLs with problem documents', async () => {
    for (const [method, path, status] of [
      ['DELETE', '/v1/cases', 405],
      ['PATCH', '/v1/forecasts', 405],
      ['GET', '/v1/cases/%E0%A4%A', 400],
      ['GET', `/v1/cases?${'q'.repeat(6000)}`, 414],
      ['GET', '/v1/no-such-route', 404],
    ] as const) {
      const res = await call(method, path);
      expect(res.status).toBe(status);
      expect(res.type).toMatch(/problem\+json/);
    }
  });
});

describe('no PHI in the log', () => {
  it('never logs a marker sent in every field of every kind of request', async () => {
    const png = new PNG({ width: 4, height: 4 });
    png.data.fill(90);
    const created = await call('POST', '/v1/cases', {
      title: `${MARKER} title`,
      note: `${MARKER} note: cough for 3 days`,
      patient: { ageYears: 40 },
      findings: [{ conceptId: 'cough', status: 'present', label: MARKER }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await call('PUT', `/v1/cases/${id}`, { title: MARKER, note: MARKER }, { 'if-match': 'W/"1"' });
    await call('PUT', `/v1/cases/${id}`, { title: MARKER }, { 'if-match': `W/"${MARKER}"` });
    await call('GET', `/v1/cases/${MARKER}`);
    await call('GET', `/v1/cases?title=${MARKER}`);
    await call('POST', `/v1/fhir/import?title=${MARKER}`, { resourceType: 'Bundle', type: 'collection' });
    await call('POST', '/v1/fhir/import', {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Patient', id: MARKER, name: [{ family: MARKER }] } }],
    });
    await call('POST', '/v1/images', {
      dataBase64: Buffer.from(PNG.sync.write(png)).toString('base64'),
      description: MARKER,
      caseId: id,
    });
    await call('POST', `/v1/images?description=${MARKER}`, new Uint8Array(PNG.sync.write(png)), {
      'content-type': 'image/png',
    });
    await call('POST', '/v1/intake', { text: `${MARKER} reports cough and fever` });
    await call('POST', '/v1/forecasts', { department: 'ed', seriesCsv: `timestamp,count\n${MARKER},1\n` });
    await call('POST', '/v1/cases', `{"title": "${MARKER}`, { 'content-type': 'application/json' });
    await call('GET', '/healthz', undefined, {
      'x-request-id': MARKER,
      'user-agent': MARKER,
      referer: MARKER,
    });
    expect(logs.length).toBeGreaterThan(10);
    const leaked = logs.filter((line) => line.includes(MARKER));
    expect(leaked).toEqual([]);
  });
});
