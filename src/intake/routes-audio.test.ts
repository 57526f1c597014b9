import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { intakeCapability } from './capability.js';

let server: RunningServer;
let fake: Server;
let fakeUrl: string;
const previous = process.env.HEALTHGPT_STT_BASE_URL;

beforeAll(async () => {
  fake = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.headers['content-type']?.includes('multipart/form-data')) {
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ text: 'She has had a cough for five days and denies fever.' }));
      } else response.writeHead(400).end('expected multipart');
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  server = await startTestServer([intakeCapability]);
});

afterAll(async () => {
  if (previous === undefined) delete process.env.HEALTHGPT_STT_BASE_URL;
  else process.env.HEALTHGPT_STT_BASE_URL = previous;
  await server.close();
  await new Promise((resolve) => fake.close(resolve));
});

const audio = Buffer.from('RIFF....WAVEfmt ');

describe('POST /v1/intake/audio', () => {
  it('is 503 when no speech-to-text service is configured', async () => {
    delete process.env.HEALTHGPT_STT_BASE_URL;
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/intake/audio',
      headers: { 'content-type': 'audio/wav' },
      payload: audio,
    });
    expect(response.statusCode).toBe(503);
  });

  it('transcribes with the configured service and reads the transcript', async () => {
    process.env.HEALTHGPT_STT_BASE_URL = fakeUrl;
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/intake/audio?language=en',
      headers: { 'content-type': 'audio/wav' },
      payload: audio,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.transcript).toBe('She has had a cough for five days and denies fever.');
    expect(body.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ conceptId: 'cough', status: 'present', durationDays: 5 }),
        expect.objectContaining({ conceptId: 'fever', status: 'absent' }),
      ]),
    );
  });

  it('is 502 when the service is unreachable', async () => {
    process.env.HEALTHGPT_STT_BASE_URL = 'http://127.0.0.1:1';
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/intake/audio',
      headers: { 'content-type': 'audio/webm' },
      payload: audio,
    });
    expect(response.statusCode).toBe(502);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });
});
