import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiTranscriptionProvider, speechProviderFromEnv, TranscriptionError } from './speech.js';

/** A tiny fake of the OpenAI-compatible transcription endpoint, on 127.0.0.1. */
let server: Server;
let baseUrl: string;
let lastRequest: { url?: string; contentType?: string; authorization?: string; body: string } | undefined;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await readBody(request);
    lastRequest = {
      url: request.url,
      contentType: request.headers['content-type'],
      authorization: request.headers.authorization,
      body,
    };
    if (request.url !== '/v1/audio/transcriptions') {
      response.writeHead(404).end('not found');
    } else if (body.includes('name="model"\r\n\r\nbroken')) {
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"model crashed"}');
    } else {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ text: ' Patient reports cough for three days. ', language: 'en', duration: 4.2 }),
        );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('OpenAiTranscriptionProvider', () => {
  const audio = new Uint8Array([82, 73, 70, 70, 1, 2, 3, 4]);

  it('posts a multipart form with the file and model, and returns the text', async () => {
    const provider = new OpenAiTranscriptionProvider({
      baseUrl: `${baseUrl}/v1/`,
      model: 'whisper-small',
      apiKey: 'k',
    });
    const result = await provider.transcribe({
      audio,
      contentType: 'audio/wav',
      fileName: 'a.wav',
      language: 'en',
    });
    expect(result).toEqual({
      text: 'Patient reports cough for three days.',
      language: 'en',
      durationSeconds: 4.2,
    });
    expect(lastRequest?.url).toBe('/v1/audio/transcriptions');
    expect(lastRequest?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(lastRequest?.authorization).toBe('Bearer k');
    expect(lastRequest?.body).toContain('name="model"\r\n\r\nwhisper-small');
    expect(lastRequest?.body).toContain('filename="a.wav"');
    expect(lastRequest?.body).toContain('RIFF\u0001\u0002\u0003\u0004');
    expect(lastRequest?.body).toContain('name="language"\r\n\r\nen');
  });

  it('reports a service error with its status', async () => {
    const provider = new OpenAiTranscriptionProvider({ baseUrl, model: 'broken' });
    await expect(provider.transcribe({ audio, contentType: 'audio/wav' })).rejects.toMatchObject({
      name: 'TranscriptionError',
      status: 500,
    });
  });

  it('reports an unreachable service clearly', async () => {
    const provider = new OpenAiTranscriptionProvider({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 2000 });
    await expect(provider.transcribe({ audio, contentType: 'audio/wav' })).rejects.toBeInstanceOf(
      TranscriptionError,
    );
  });

  it('is configured from the environment', () => {
    expect(speechProviderFromEnv({})).toBeUndefined();
    expect(speechProviderFromEnv({ HEALTHGPT_STT_BASE_URL: baseUrl })?.id).toBe('openai-compatible');
  });
});
