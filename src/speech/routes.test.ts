import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeIfAvailable } from '../../test/describe-if-available.js';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { pocketsphinxUnavailable, SPEECH_FIXTURE } from '../../test/speech-fixture.js';
import { speechCapability } from './capability.js';
import { encodeWav16 } from './wav.js';

const ENV_KEYS = ['HEALTHGPT_STT_BASE_URL', 'HEALTHGPT_STT_PROVIDER', 'PATH'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
let server: RunningServer;
let fake: Server;
let fakeUrl: string;

beforeAll(async () => {
  fake = createServer((request, response) => {
    request.resume();
    request.on('end', () =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"cough for five days"}'),
    );
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  server = await startTestServer([speechCapability]);
});

beforeEach(() => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await server.close();
  await new Promise((resolve) => fake.close(resolve));
});

/** A multipart body as a browser or the OpenAI SDK would send it. */
async function multipart(parts: Record<string, string | Blob>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts))
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, 'clip.wav');
  const request = new Request('http://x/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  };
}

const tone = encodeWav16(
  Float32Array.from({ length: 8000 }, (_, i) => Math.sin(i / 5) * 0.3),
  16000,
);
const wavBlob = new Blob([new Uint8Array(tone)], { type: 'audio/wav' });

describe('POST /v1/audio/transcriptions', () => {
  it('answers OpenAI’s { text } from the configured server, and plain text for response_format=text', async () => {
    process.env.HEALTHGPT_STT_BASE_URL = fakeUrl;
    const json = await server.app.inject({
      method: 'POST',
      url: '/v1/audio/transcriptions',
      ...(await multipart({ file: wavBlob, model: 'whisper-1' })),
    });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual({
      text: 'cough for five days',
      healthgpt: { engine: 'openai-compatible', durationSeconds: 0.5 },
    });
    const text = await server.app.inject({
      method: 'POST',
      url: '/v1/audio/transcriptions',
      ...(await multipart({ file: wavBlob, response_format: 'text' })),
    });
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.body).toBe('cough for five days');
    const raw = await server.app.inject({
      method: 'POST',
      url: '/v1/audio/transcriptions',
      headers: { 'content-type': 'audio/wav' },
      payload: Buffer.from(tone),
    });
    expect(raw.json()).toMatchObject({ text: 'cough for five days' });
  });

  it('is a problem document for a missing file, bad fields, non-audio and JSON bodies', async () => {
    process.env.HEALTHGPT_STT_BASE_URL = fakeUrl;
    const noFile = await server.app.inject({
      method: 'POST',
      url: '/v1/audio/transcriptions',
      ...(await multipart({ model: 'whisper-1' })),
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().errors).toEqual([{ field: '/body/file', message: 'attach the audio as file' }]);
    const badFormat = await server.app.inject({
      method: 'POST',
      url: '/v1/audio/transcriptions',
      ...(await multipart({ file: wavBlob, response_format: 'srt' })),
    });
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json().errors[0].field).toBe('/body/response_format');
    const pdf = new Blob([new TextEncoder().encode('%PDF-1.7 not audio')]);
    const notAudio = await server.app.inject({
      method: 'POST',
      url: '/v1/audio/transcriptions',
      ...(await multipart({ file: pdf })),
    });
    expect(notAudio.statusCode).toBe(415);
    expect(notAudio.headers['content-type']).toMatch(/problem\+json/);
    const json = await server.app.inject({
      method: 'POST',
      url: '/v1/audio/transcriptions',
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
  });

  it('is 503 with how to add speech-to-text when none is configured', async () => {
    process.env.HEALTHGPT_STT_PROVIDER = 'none';
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/audio/transcriptions',
      ...(await multipart({ file: wavBlob })),
    });
    expect(response.statusCode).toBe(503);
    expect(response.json().detail).toMatch(/pocketsphinx.*HEALTHGPT_STT_BASE_URL.*docs\/speech\.md/);
    const status = await server.app.inject({ method: 'GET', url: '/v1/audio/status' });
    expect(status.json()).toEqual({ available: false, reason: expect.stringContaining('switched off') });
  });

  it('is for clinicians: a researcher is refused', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/audio/transcriptions',
      ...(await multipart({ file: wavBlob })),
      headers: {
        ...(await multipart({ file: wavBlob })).headers,
        authorization: `Bearer ${server.tokenFor('researcher')}`,
      },
    });
    expect(response.statusCode).toBe(403);
  });
});

describeIfAvailable('POST /v1/audio/transcriptions offline (pocketsphinx)', pocketsphinxUnavailable(), () => {
  it('transcribes the real recording through the API', async () => {
    delete process.env.HEALTHGPT_STT_BASE_URL;
    const file = new Blob([readFileSync(SPEECH_FIXTURE)], { type: 'audio/wav' });
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/audio/transcriptions',
      ...(await multipart({ file })),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().healthgpt).toEqual({ engine: 'pocketsphinx', durationSeconds: 15 });
    expect(response.json().text).toMatch(/improving or maintaining wikipedia/);
    const status = await server.app.inject({ method: 'GET', url: '/v1/audio/status' });
    expect(status.json()).toMatchObject({ available: true, engine: 'pocketsphinx' });
  }, 60_000);
});
