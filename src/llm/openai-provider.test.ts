import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthGptError } from '../engine/errors.js';
import type { OutboundLogEntry } from './http-call.js';
import { openAiProvider } from './openai-provider.js';
import { collectStream } from './provider.js';
import { startCaptureServer } from './testing/capture-server.js';

type Capture = Awaited<ReturnType<typeof startCaptureServer>>;
let capture: Capture | undefined;
afterEach(async () => {
  await capture?.close();
  capture = undefined;
});

const ask = { messages: [{ role: 'user' as const, content: 'What is CURB-65?' }] };

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<HealthGptError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HealthGptError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('OpenAI-compatible provider', () => {
  it('streams text by SSE and reports usage; sends the OpenAI request shape with max_tokens capped', async () => {
    capture = await startCaptureServer([{ kind: 'text', text: 'CURB-65 scores pneumonia severity.' }]);
    const provider = openAiProvider({
      baseUrl: capture.baseUrl,
      model: 'medgemma',
      apiKey: 'k',
      maxTokens: 64,
    });
    const deltas = [];
    for await (const d of provider.stream({ ...ask, maxTokens: 1000 })) deltas.push(d);
    expect(deltas.filter((d) => d.type === 'text').length).toBeGreaterThan(1);
    expect(deltas.at(-1)).toEqual({
      type: 'done',
      finishReason: 'stop',
      usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 },
      model: 'capture',
    });
    const sent = JSON.parse(capture.captured[0]!.body);
    expect(sent).toMatchObject({
      model: 'medgemma',
      stream: true,
      max_tokens: 64,
      stream_options: { include_usage: true },
    });
    expect(capture.captured[0]!.headers.authorization).toBe('Bearer k');
    expect(capture.captured[0]!.path).toBe('/v1/chat/completions');
  });

  it('joins a tool call streamed in pieces, and reads a non-streamed one', async () => {
    capture = await startCaptureServer([
      { kind: 'tool_call', name: 'risk_curb65', arguments: '{"age":70,"respiratoryRate":31}' },
    ]);
    const provider = openAiProvider({ baseUrl: capture.baseUrl, model: 'm' });
    const streamed = await collectStream(provider.stream(ask));
    expect(streamed.finishReason).toBe('tool_calls');
    expect(streamed.toolCalls).toEqual([
      {
        id: 'call_1',
        type: 'function',
        function: { name: 'risk_curb65', arguments: '{"age":70,"respiratoryRate":31}' },
      },
    ]);
    const plain = await provider.chat(ask);
    expect(plain.toolCalls[0]!.function.arguments).toBe('{"age":70,"respiratoryRate":31}');
  });

  it('retries a 5xx and succeeds; logs each attempt without content', async () => {
    capture = await startCaptureServer([
      { kind: 'status', status: 503 },
      { kind: 'text', text: 'fine' },
    ]);
    const log: OutboundLogEntry[] = [];
    const provider = openAiProvider({ baseUrl: capture.baseUrl, model: 'm', log: (e) => log.push(e) });
    const result = await provider.chat({
      messages: [{ role: 'user', content: 'Margaret Okonkwo has a cough' }],
    });
    expect(result.content).toBe('fine');
    expect(log.map((e) => [e.status, e.attempt])).toEqual([
      [503, 1],
      [200, 2],
    ]);
    expect(Object.keys(log[0]!).sort()).toEqual([
      'attempt',
      'durationMs',
      'host',
      'method',
      'path',
      'requestBytes',
      'status',
    ]);
    expect(JSON.stringify(log)).not.toMatch(/Okonkwo|cough/);
  });

  it('does not retry a 4xx: upstream-failed with the status', async () => {
    capture = await startCaptureServer([
      { kind: 'status', status: 400 },
      { kind: 'text', text: 'never' },
    ]);
    const error = await failure(openAiProvider({ baseUrl: capture.baseUrl, model: 'm' }).chat(ask));
    expect(error.code).toBe('upstream-failed');
    expect(error.details).toEqual({ upstreamStatus: 400 });
    expect(capture.captured).toHaveLength(1);
  });

  it('gives up after the retries on 5xx: upstream-failed', async () => {
    capture = await startCaptureServer([{ kind: 'status', status: 502 }]);
    const error = await failure(
      openAiProvider({ baseUrl: capture.baseUrl, model: 'm', retries: 1 }).chat(ask),
    );
    expect(error.code).toBe('upstream-failed');
    expect(capture.captured).toHaveLength(2);
  });

  it('connection refused is unavailable', async () => {
    const port = await closedPort();
    const provider = openAiProvider({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', retries: 1 });
    const error = await failure(collectStream(provider.stream(ask)));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('a server slower than the timeout is a timeout', async () => {
    capture = await startCaptureServer([{ kind: 'text', text: 'late', delayMs: 2000 }]);
    const provider = openAiProvider({ baseUrl: capture.baseUrl, model: 'm', timeoutMs: 150, retries: 0 });
    const error = await failure(provider.chat(ask));
    expect(error.code).toBe('timeout');
  });

  it("the caller's abort cancels the request with the signal's reason", async () => {
    capture = await startCaptureServer([{ kind: 'text', text: 'late', delayMs: 2000 }]);
    const provider = openAiProvider({ baseUrl: capture.baseUrl, model: 'm' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(provider.chat({ ...ask, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('refuses images to a remote server unless allowed', async () => {
    capture = await startCaptureServer();
    const image = {
      role: 'user' as const,
      content: [
        { type: 'text' as const, text: 'describe' },
        { type: 'image_url' as const, image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      ],
    };
    const error = await failure(
      openAiProvider({ baseUrl: capture.baseUrl, model: 'm' }).chat({ messages: [image] }),
    );
    expect(error.code).toBe('unprocessable');
    expect(capture.captured).toHaveLength(0);
    await openAiProvider({ baseUrl: capture.baseUrl, model: 'm', allowImages: true }).chat({
      messages: [image],
    });
    expect(capture.captured).toHaveLength(1);
  });
});
