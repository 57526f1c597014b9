import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { intakeCapability } from './capability.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer([intakeCapability]);
});

afterAll(async () => {
  await server.close();
});

const NOTE = 'HPI: 58-year-old man c/o chest pain for 2 days. Denies fever. BP 150/95.';

describe('POST /v1/intake', () => {
  it('turns JSON text into a record and diagnosis findings', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/v1/intake', payload: { text: NOTE } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.partial).toBe(false);
    expect(body.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ conceptId: 'pain', status: 'present' }),
        expect.objectContaining({ conceptId: 'fever', status: 'absent' }),
      ]),
    );
    expect(body.record.patient).toMatchObject({ ageYears: 58, sex: 'male' });
    expect(body.fhir).toBeUndefined();
  });

  it('adds the FHIR bundle on request', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/intake',
      payload: { text: NOTE, include: ['fhir'], referenceDate: '2026-11-25' },
    });
    expect(response.json().fhir).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
  });

  it('accepts text/plain in UTF-8 and ISO-8859-1', async () => {
    const latin1 = await server.app.inject({
      method: 'POST',
      url: '/v1/intake',
      headers: { 'content-type': 'text/plain; charset=iso-8859-1' },
      payload: Buffer.from('Fever, T 38.6 °C.', 'latin1'),
    });
    expect(latin1.statusCode).toBe(200);
    expect(latin1.json().record.observations[0].sourceSpan.text).toBe('T 38.6 °C');
  });

  it.each([
    ['empty text', { payload: { text: '   ' } }, 422],
    ['binary garbage', { payload: { text: `\u0000\u0001PNG${'\u0002'.repeat(20)}` } }, 415],
    ['an unknown field', { payload: { text: 'cough', extra: 1 } }, 400],
    [
      'bytes that are not UTF-8',
      {
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        payload: Buffer.from([0xc3, 0x28, 0xa0, 0xa1]),
      },
      415,
    ],
    [
      'an unknown charset',
      { headers: { 'content-type': 'text/plain; charset=ebcdic' }, payload: Buffer.from('cough') },
      415,
    ],
  ])('rejects %s with a problem document', async (_name, options, status) => {
    const response = await server.app.inject({ method: 'POST', url: '/v1/intake', ...options });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().title).toBeTruthy();
  });

  it('reads the first 200,000 characters of a long text and marks the record partial', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/intake',
      headers: { 'content-type': 'text/plain' },
      payload: 'No fever.\n'.repeat(30_000),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.partial).toBe(true);
    expect(body.record.partial.charactersRead).toBeLessThanOrEqual(200_000);
    expect(body.record.textLength).toBe(body.record.partial.charactersRead);
  });

  it('rejects more than 10 MB of text with 413', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/intake',
      headers: { 'content-type': 'text/plain' },
      payload: 'cough '.repeat(1_700_000),
    });
    expect(response.statusCode).toBe(413);
  });
});

describe('GET /v1/intake/stream', () => {
  function nextMessage(ws: { once(event: 'message', listener: (data: Buffer) => void): unknown }) {
    return new Promise<Record<string, unknown>>((resolve) => {
      ws.once('message', (data: Buffer) =>
        resolve(JSON.parse(data.toString('utf8')) as Record<string, unknown>),
      );
    });
  }

  it('pushes the updated record after each chunk', async () => {
    const ws = await server.app.injectWS('/v1/intake/stream');
    let reply = nextMessage(ws);
    ws.send(JSON.stringify({ type: 'chunk', text: 'Cough for 3 days. ' }));
    let message = await reply;
    expect(message).toMatchObject({ type: 'record', seq: 1 });
    expect(typeof message.elapsedMs).toBe('number');
    reply = nextMessage(ws);
    ws.send('Denies fever.');
    message = await reply;
    const findings = message.findings as { conceptId: string; status: string }[];
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ conceptId: 'cough', status: 'present' }),
        expect.objectContaining({ conceptId: 'fever', status: 'absent' }),
      ]),
    );
    reply = nextMessage(ws);
    ws.send('{"type":"nonsense"}');
    expect(await reply).toMatchObject({ type: 'error', title: 'Invalid message' });
    ws.terminate();
  });

  it('survives a client that disconnects mid-stream, and keeps serving others', async () => {
    const first = await server.app.injectWS('/v1/intake/stream');
    first.send(JSON.stringify({ type: 'chunk', text: 'Chest pain '.repeat(2000) }));
    first.terminate();
    const second = await server.app.injectWS('/v1/intake/stream');
    const reply = nextMessage(second);
    second.send(JSON.stringify({ type: 'replace', text: 'No cough.' }));
    expect(await reply).toMatchObject({ type: 'record', seq: 1 });
    second.terminate();
    const health = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
  });
});
