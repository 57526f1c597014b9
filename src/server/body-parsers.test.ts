import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { deidCapability } from '../deid/capability.js';

/**
 * Request bodies are read strictly (`body-parsers.ts`): bytes that are not UTF-8, and NUL characters in JSON strings,
 * are a 415 problem document before any route runs — nothing processed, stored or sent on — instead of text silently
 * holding U+FFFD where the bytes could not be read.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer([deidCapability]);
});
afterAll(() => server.close());

/** A long note, so that one bad sequence is far below any share-of-odd-characters heuristic. */
const NOTE = `58 yo man with chest pain since this morning, radiating to the left arm, sweaty. ${'No fever, no cough. '.repeat(40)}`;

/** The note as JSON bytes with one Latin-1 byte (`°` as 0xB0) where UTF-8 needs two. */
function jsonWithLatin1(fields: Record<string, string>, text = NOTE): Buffer {
  const [before, after] = JSON.stringify({ ...fields, text: `${text}Temp 38.6 @C` }).split('@');
  return Buffer.concat([Buffer.from(before!, 'utf8'), Buffer.from([0xb0]), Buffer.from(after!, 'utf8')]);
}

const post = (url: string, body: Buffer | string, contentType = 'application/json') =>
  fetch(`${server.baseUrl}${url}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });

async function caseCount(): Promise<number> {
  return ((await server.app.inject({ url: '/v1/cases' })).json() as { total: number }).total;
}

async function expectNotUtf8(response: Response, offset: number) {
  expect(response.status).toBe(415);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as {
    code: string;
    title: string;
    detail: string;
    details: unknown;
  };
  expect(problem.code).toBe('unsupported-media-type');
  expect(problem.title).toBe('Text is not UTF-8');
  expect(problem.detail).toMatch(
    new RegExp(`^the request body is not valid UTF-8 \\(first invalid byte at offset ${offset}\\)`),
  );
  expect(problem.details).toEqual({ invalidByteOffset: offset });
}

describe('request bodies that are not UTF-8', () => {
  it('POST /v1/cases/from-note: 415 naming the first bad byte, and no case stored', async () => {
    const body = jsonWithLatin1({ title: 'Chest pain' });
    const response = await post('/v1/cases/from-note', body);
    await expectNotUtf8(response, body.indexOf(0xb0));
    expect(await caseCount()).toBe(0);
  });

  it('POST /v1/deid: 415, the text is not de-identified with replacement characters in it', async () => {
    const body = jsonWithLatin1({});
    await expectNotUtf8(await post('/v1/deid', body), body.indexOf(0xb0));
  });

  it('POST /v1/fhir/import as application/fhir+json: 415, no case stored', async () => {
    const bundle = JSON.stringify({
      resourceType: 'Bundle',
      entry: [{ resource: { resourceType: 'Patient', gender: 'male', name: [{ family: 'M@ller' }] } }],
    });
    const [before, after] = bundle.split('@');
    const body = Buffer.concat([Buffer.from(before!), Buffer.from([0xfc]), Buffer.from(after!)]);
    await expectNotUtf8(await post('/v1/fhir/import', body, 'application/fhir+json'), before!.length);
    expect(await caseCount()).toBe(0);
  });

  it('text/plain outside the intake: 415 too', async () => {
    await expectNotUtf8(await post('/v1/cases', Buffer.from([0x61, 0xff]), 'text/plain'), 1);
  });

  it('still reads UTF-8 with accents and symbols, with or without a charset parameter', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8']) {
      const response = await post(
        '/v1/cases/from-note',
        JSON.stringify({ title: 'Müller 字', text: 'Fever, T 38.6 °C. Cough 🙂.' }),
        type,
      );
      expect(response.status, type).toBe(201);
      expect(((await response.json()) as { case: { title: string } }).case.title).toBe('Müller 字');
    }
  });
});

describe('NUL characters in JSON strings', () => {
  it('are binary data, not text: 415 with the field, nothing stored', async () => {
    const before = await caseCount();
    const response = await post(
      '/v1/cases/from-note',
      JSON.stringify({ title: 'T', text: 'chest\u0000pain' }),
    );
    expect(response.status).toBe(415);
    const problem = (await response.json()) as { code: string; errors: unknown };
    expect(problem.code).toBe('unsupported-media-type');
    expect(problem.errors).toEqual([
      { field: '/body/text', message: 'contains a NUL character (binary data, not text)' },
    ]);
    expect(await caseCount()).toBe(before);
  });
});
