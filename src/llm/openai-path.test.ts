import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeIfAvailable } from '../../test/describe-if-available.js';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { riskCapability } from '../risk/capability.js';
import { createLlmCapability } from './capability.js';
import { parseSse } from './sse.js';
import { startCaptureServer } from './testing/capture-server.js';
import { fixtureModelPath, fixtureModelUnavailable } from './testing/fixture-model.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const chat = (server: RunningServer, payload: unknown) =>
  fetch(`${server.baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });

/**
 * The OpenAI-compatible path end to end: HealthGPT "A" runs the real fixture model in-process; HealthGPT "B" is
 * configured with `HEALTHGPT_LLM_BASE_URL` pointing at A's `/v1/chat/completions` (with an API token of A's).
 */
describeIfAvailable(
  'one HealthGPT as the model server of another (OpenAI path)',
  fixtureModelUnavailable(),
  () => {
    let a: RunningServer;
    let b: RunningServer;
    beforeAll(async () => {
      a = await startTestServer([
        riskCapability,
        createLlmCapability({ env: { HEALTHGPT_LLM_GGUF: fixtureModelPath() } }),
      ]);
      b = await startTestServer([
        riskCapability,
        createLlmCapability({
          env: {
            HEALTHGPT_LLM_BASE_URL: `${a.baseUrl}/v1`,
            HEALTHGPT_LLM_API_KEY: a.tokenFor('clinician', 'server-b'),
            HEALTHGPT_LLM_MODEL: 'stories260K',
          },
        }),
      ]);
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it('streams: B relays A’s tokens as OpenAI chunks, with usage', async () => {
      const res = await chat(b, {
        messages: [{ role: 'user', content: 'Once upon a time' }],
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: 12,
        // Greedy and seeded, relayed through B to A: a sampled story can end after two tokens (a flaky count).
        temperature: 0,
        seed: 1,
        healthgpt: { tools: false, grounding: false },
      });
      expect(res.status).toBe(200);
      const events: string[] = [];
      for await (const d of parseSse(res.body as unknown as AsyncIterable<Uint8Array>)) events.push(d);
      expect(events.at(-1)).toBe('[DONE]');
      const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
      const pieces = chunks.map((c) => c.choices[0]?.delta?.content).filter((t) => t);
      // How many tokens each relayed chunk carries depends on timing (a loaded CI machine batches several into one
      // event), so the text and the token count are checked, not the number of chunks.
      expect(pieces.length).toBeGreaterThan(0);
      expect(pieces.join('').length).toBeGreaterThan(3);
      const usage = chunks.at(-1).usage;
      expect(usage.completion_tokens).toBeGreaterThan(3);
      expect(usage.completion_tokens).toBeLessThanOrEqual(12);
      expect(usage.prompt_tokens).toBeGreaterThan(0);
      expect(chunks.at(-1).model).toBe('stories260K');
    });

    it('tool-call round trip: A writes a grammar-constrained call, B runs the tool, A answers, B cites it', async () => {
      const res = await chat(b, {
        messages: [{ role: 'user', content: 'Where should a patient with CURB-65 of 3 be treated?' }],
        tool_choice: { type: 'function', function: { name: 'guideline_lookup' } },
        max_tokens: 16,
        temperature: 0,
      });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.healthgpt.generated).toBe(true);
      expect(body.healthgpt.tool_calls).toHaveLength(1);
      expect(body.healthgpt.tool_calls[0].name).toBe('guideline_lookup');
      const toolCitation = body.healthgpt.citations.find((c: { kind: string }) => c.kind === 'tool');
      expect(toolCitation).toMatchObject({ tool: 'guideline_lookup', ok: true });
      expect(body.choices[0].finish_reason).toMatch(/stop|length/);
      // Two model rounds (the call, then the answer): usage adds both.
      expect(body.usage.completion_tokens).toBeGreaterThan(16);
    }, 60_000);

    it('provider down (connection refused): a 503 problem document', async () => {
      const port = await closedPort();
      const down = await startTestServer([
        createLlmCapability({
          env: { HEALTHGPT_LLM_BASE_URL: `http://127.0.0.1:${port}/v1`, HEALTHGPT_LLM_RETRIES: '1' },
        }),
      ]);
      try {
        for (const stream of [false, true]) {
          const res = await chat(down, {
            messages: [{ role: 'user', content: 'hi' }],
            stream,
            healthgpt: { grounding: false },
          });
          expect(res.status).toBe(503);
          expect(res.headers.get('content-type')).toMatch(/problem\+json/);
          expect((await res.json()).code).toBe('unavailable');
        }
      } finally {
        await down.close();
      }
    });

    it('provider answering with an error: a 502 problem document', async () => {
      const failing = await startCaptureServer([{ kind: 'status', status: 500 }]);
      const server = await startTestServer([
        createLlmCapability({ env: { HEALTHGPT_LLM_BASE_URL: failing.baseUrl, HEALTHGPT_LLM_RETRIES: '0' } }),
      ]);
      try {
        const res = await chat(server, {
          messages: [{ role: 'user', content: 'hi' }],
          healthgpt: { grounding: false },
        });
        expect(res.status).toBe(502);
        expect((await res.json()).code).toBe('upstream-failed');
      } finally {
        await server.close();
        await failing.close();
      }
    });

    it('provider slower than HEALTHGPT_LLM_TIMEOUT_MS: a timeout problem document', async () => {
      const slow = await startCaptureServer([{ kind: 'text', text: 'late', delayMs: 3000 }]);
      const server = await startTestServer([
        createLlmCapability({
          env: {
            HEALTHGPT_LLM_BASE_URL: slow.baseUrl,
            HEALTHGPT_LLM_TIMEOUT_MS: '200',
            HEALTHGPT_LLM_RETRIES: '0',
          },
        }),
      ]);
      try {
        const res = await chat(server, {
          messages: [{ role: 'user', content: 'hi' }],
          healthgpt: { grounding: false },
        });
        expect(res.status).toBe(503);
        expect((await res.json()).code).toBe('timeout');
      } finally {
        await server.close();
        await slow.close();
      }
    });
  },
);
