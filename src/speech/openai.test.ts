import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAudio } from './audio-input.js';
import { chooseTranscriber, requireTranscriber } from './configured.js';
import { isLocalHost, OpenAiTranscriber, parseTranscriptionBody, transcriptionsUrl } from './openai.js';
import { encodeWav16 } from './wav.js';

interface Seen {
  readonly authorization: string | undefined;
  readonly fields: Record<string, string>;
  readonly file: { name: string; type: string; bytes: Uint8Array };
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];
/** What the fake server does next: answer like Whisper, fail, hang, or answer HTML. */
let mode: 'ok' | 'fail' | 'hang' | 'html' | 'plain' = 'ok';

async function readMultipart(request: IncomingMessage): Promise<Seen> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const form = await new Response(Buffer.concat(chunks), {
    headers: { 'content-type': request.headers['content-type'] ?? '' },
  }).formData();
  const fields: Record<string, string> = {};
  let file: Seen['file'] | undefined;
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else file = { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
  }
  if (!file) throw new Error('no file part');
  return { authorization: request.headers.authorization, fields, file };
}

async function handle(request: IncomingMessage, response: ServerResponse) {
  if (request.url !== '/v1/audio/transcriptions') return response.writeHead(404).end('no such route');
  if (mode === 'hang') return; // never answers
  try {
    seen.push(await readMultipart(request));
  } catch (error) {
    return response.writeHead(400).end(String(error));
  }
  if (mode === 'fail') return response.writeHead(500).end('{"error":{"message":"model not loaded"}}');
  if (mode === 'html')
    return response.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
  if (mode === 'plain') return response.writeHead(200).end(' patient reports chest pain \n');
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ text: ' Patient reports chest pain since Tuesday. ', language: 'en' }));
}

beforeAll(async () => {
  server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const clip = checkAudio(
  encodeWav16(
    Float32Array.from({ length: 1600 }, (_, i) => Math.sin(i / 3) * 0.2),
    16000,
  ),
);

describe('OpenAiTranscriber against a local OpenAI-compatible server', () => {
  it('uploads the audio as a multipart form with model, language, prompt and the bearer key', async () => {
    mode = 'ok';
    const transcriber = new OpenAiTranscriber({
      baseUrl: `${baseUrl}/v1/`,
      model: 'Systran/faster-whisper-small',
      apiKey: 'k-123',
    });
    const result = await transcriber.transcribe(clip, { language: 'en', prompt: 'amoxicillin' });
    expect(result).toEqual({
      text: 'Patient reports chest pain since Tuesday.',
      language: 'en',
      engine: 'openai-compatible',
      durationSeconds: 0.1,
    });
    const request = seen.at(-1);
    expect(request?.authorization).toBe('Bearer k-123');
    expect(request?.fields).toEqual({
      model: 'Systran/faster-whisper-small',
      response_format: 'json',
      language: 'en',
      prompt: 'amoxicillin',
    });
    expect(request?.file.name).toBe('audio.wav');
    expect(request?.file.type).toBe('audio/wav');
    expect(request?.file.bytes).toEqual(clip.bytes);
  });

  it('turns a server error, an HTML page, a hang and a closed port into upstream-failed or timeout errors', async () => {
    const transcriber = new OpenAiTranscriber({ baseUrl, timeoutMs: 300 });
    mode = 'fail';
    await expect(transcriber.transcribe(clip)).rejects.toMatchObject({
      code: 'upstream-failed',
      message: expect.stringContaining('500'),
    });
    mode = 'html';
    await expect(transcriber.transcribe(clip)).rejects.toMatchObject({
      code: 'upstream-failed',
      message: expect.stringContaining('HTML'),
    });
    mode = 'hang';
    await expect(transcriber.transcribe(clip)).rejects.toMatchObject({ code: 'timeout' });
    const down = new OpenAiTranscriber({ baseUrl: 'http://127.0.0.1:1' });
    await expect(down.transcribe(clip)).rejects.toMatchObject({
      code: 'upstream-failed',
      message: expect.stringContaining('cannot be reached'),
    });
  });

  it('reads a plain-text answer and stops when the caller cancels', async () => {
    mode = 'plain';
    expect((await new OpenAiTranscriber({ baseUrl }).transcribe(clip)).text).toBe(
      'patient reports chest pain',
    );
    mode = 'hang';
    const controller = new AbortController();
    const pending = new OpenAiTranscriber({ baseUrl }).transcribe(clip, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'timeout', message: 'transcription cancelled' });
  });
});

describe('parseTranscriptionBody and transcriptionsUrl', () => {
  it('wants a text field in JSON answers', () => {
    expect(() => parseTranscriptionBody('{"segments":[]}')).toThrow(/without a text field/);
    expect(transcriptionsUrl('http://h:8000')).toBe('http://h:8000/v1/audio/transcriptions');
    expect(transcriptionsUrl('http://h:8000/v1')).toBe('http://h:8000/v1/audio/transcriptions');
  });
});

describe('chooseTranscriber', () => {
  const noPocketsphinx = { PATH: '/nonexistent' };

  it('uses a server on this machine or the hospital network, and refuses one outside unless allowed', () => {
    expect(
      chooseTranscriber({ ...noPocketsphinx, HEALTHGPT_STT_BASE_URL: 'http://10.1.2.3:8000' }),
    ).toHaveProperty('transcriber.id', 'openai-compatible');
    const outside = chooseTranscriber({
      ...noPocketsphinx,
      HEALTHGPT_STT_BASE_URL: 'https://api.openai.com',
    });
    expect(outside).toEqual({ unavailable: expect.stringContaining('HEALTHGPT_STT_ALLOW_EXTERNAL=true') });
    expect(
      chooseTranscriber({
        HEALTHGPT_STT_BASE_URL: 'https://api.openai.com',
        HEALTHGPT_STT_ALLOW_EXTERNAL: 'true',
      }),
    ).toHaveProperty('transcriber.id', 'openai-compatible');
    expect(chooseTranscriber({ HEALTHGPT_STT_BASE_URL: 'ftp://x' })).toEqual({
      unavailable: expect.stringContaining('http(s)'),
    });
  });

  it('says how to add speech-to-text when there is none, or when it is switched off', () => {
    expect(() => requireTranscriber(noPocketsphinx)).toThrow(
      /apt-get install -y pocketsphinx pocketsphinx-en-us.*HEALTHGPT_STT_BASE_URL/,
    );
    expect(
      chooseTranscriber({ HEALTHGPT_STT_PROVIDER: 'none', HEALTHGPT_STT_BASE_URL: 'http://127.0.0.1:1' }),
    ).toEqual({ unavailable: expect.stringContaining('switched off') });
    expect(chooseTranscriber({ HEALTHGPT_STT_PROVIDER: 'whisper' })).toEqual({
      unavailable: expect.stringContaining("not 'whisper'"),
    });
    try {
      requireTranscriber(noPocketsphinx);
    } catch (error) {
      expect(error).toMatchObject({ code: 'unavailable' });
    }
  });

  it('tells local from outside hosts', () => {
    for (const host of [
      '127.0.0.1',
      'localhost',
      '192.168.1.5',
      '172.20.0.2',
      '[::1]',
      'whisper',
      'stt.hospital.internal',
    ])
      expect(isLocalHost(host), host).toBe(true);
    for (const host of ['8.8.8.8', '172.32.0.1', 'api.openai.com', '[2001:db8::1]'])
      expect(isLocalHost(host), host).toBe(false);
  });
});
