/**
 * The language-model gateway part of `npm run bench:llm` (issue 14 targets): first streamed token from the in-process
 * fixture model (< 50 ms), the gateway's own overhead per request against a provider that answers at once (< 5 ms),
 * and identifying tokens in outbound requests when de-identification test notes are sent to a capture server (0).
 * Imported by `bench/llm.ts`, which writes the tables.
 */
import { performance } from 'node:perf_hooks';
import { createEngineRegistry } from '../src/app/capabilities.js';
import { createLlmCapability } from '../src/llm/capability.js';
import { LlmGateway } from '../src/llm/gateway.js';
import { ggufProvider } from '../src/llm/gguf-provider.js';
import { collectStream } from '../src/llm/provider.js';
import { parseSse } from '../src/llm/sse.js';
import { startCaptureServer } from '../src/llm/testing/capture-server.js';
import { fixtureModelPath, fixtureModelUnavailable } from '../src/llm/testing/fixture-model.js';
import { countIdentifyingTokens, PHI_NOTES } from '../src/llm/testing/phi-notes.js';
import { scriptedProvider } from '../src/llm/testing/scripted-provider.js';
import { riskCapability } from '../src/risk/capability.js';
import { startTestServer } from '../test/server-harness.js';

const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

export interface LatencyRow {
  readonly what: string;
  readonly n: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

const row = (what: string, xs: readonly number[]): LatencyRow => ({
  what,
  n: xs.length,
  median: quantile(xs, 0.5),
  p95: quantile(xs, 0.95),
  max: Math.max(...xs),
});

export const latencyCells = (r: LatencyRow) => [r.what, String(r.n), ms(r.median), ms(r.p95), ms(r.max)];

/** First streamed token from stories260K.gguf: from the provider, and from HealthGPT's SSE endpoint. */
export async function firstTokenLatency(
  runs = 30,
): Promise<{ rows: LatencyRow[]; tokensPerSecond: number; promptTokens: number } | string> {
  const missing = fixtureModelUnavailable();
  if (missing) return missing;
  const provider = ggufProvider({ modelPath: fixtureModelPath() });
  const request = {
    messages: [{ role: 'user' as const, content: 'Once upon a time' }],
    maxTokens: 32,
    temperature: 0,
  };
  await collectStream(provider.stream(request)); // loads the model
  const first: number[] = [];
  let tokens = 0;
  let seconds = 0;
  let promptTokens = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    let seen = false;
    for await (const d of provider.stream(request)) {
      if (!seen && d.type === 'text') {
        first.push(performance.now() - t0);
        seen = true;
      }
      if (d.type === 'done') {
        tokens += d.usage.completion_tokens;
        promptTokens = d.usage.prompt_tokens;
      }
    }
    seconds += (performance.now() - t0) / 1000;
  }
  await provider.close?.();

  const server = await startTestServer([
    createLlmCapability({ env: { HEALTHGPT_LLM_GGUF: fixtureModelPath() } }),
  ]);
  const viaHttp: number[] = [];
  try {
    const body = JSON.stringify({
      ...request,
      max_tokens: 32,
      stream: true,
      healthgpt: { tools: false, grounding: false },
    });
    for (let i = 0; i < runs + 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.baseUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      let at: number | undefined;
      for await (const data of parseSse(res.body as unknown as AsyncIterable<Uint8Array>)) {
        if (at === undefined && data !== '[DONE]' && JSON.parse(data).choices?.[0]?.delta?.content)
          at = performance.now() - t0;
      }
      if (i >= 3 && at !== undefined) viaHttp.push(at);
    }
  } finally {
    await server.close();
  }
  return {
    rows: [
      row('provider (in-process, warm): stream() to first text delta', first),
      row(
        'HealthGPT POST /v1/chat/completions, stream: true (no grounding, no tools): request to first content chunk',
        viaHttp,
      ),
    ],
    tokensPerSecond: tokens / seconds,
    promptTokens,
  };
}

/** The gateway's own time per request against a provider that answers at once (a scripted stub). */
export async function gatewayOverhead(
  runs = 300,
): Promise<{ rows: LatencyRow[]; overhead: Record<string, number>; tools: number }> {
  const script = scriptedProvider([{ text: 'CURB-65 is 3.' }]);
  const engines = createEngineRegistry([riskCapability]);
  const gateway = new LlmGateway(script.provider, engines);
  const request = { messages: [{ role: 'user' as const, content: 'What does a CURB-65 of 3 mean?' }] };
  const time = async (fn: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let i = 0; i < runs + 20; i++) {
      script.reset();
      const t0 = performance.now();
      await fn();
      if (i >= 20) xs.push(performance.now() - t0);
    }
    return xs;
  };
  const drain = async (events: AsyncIterable<unknown>) => {
    for await (const _ of events);
  };
  const direct = await time(() => collectStream(script.provider.stream(request)));
  const gatewayOnly = await time(() => drain(gateway.run({ ...request, grounding: false })));
  const gatewayGrounded = await time(() => drain(gateway.run(request)));
  const server = await startTestServer([riskCapability, createLlmCapability({ provider: script.provider })]);
  let http: number[];
  let httpGrounded: number[];
  try {
    const inject = (grounding: boolean) => () =>
      server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { ...request, healthgpt: { grounding } },
      });
    http = await time(inject(false));
    httpGrounded = await time(inject(true));
  } finally {
    await server.close();
  }
  const base = quantile(direct, 0.5);
  const rows = [
    row('stub provider alone (baseline)', direct),
    row(
      `gateway: ${gateway.serverToolDefinitions().length} tools offered (risk engines, guideline lookup), no grounding`,
      gatewayOnly,
    ),
    row('gateway with grounding (guideline retrieval for the question, the default)', gatewayGrounded),
    row(
      'HTTP route (in-process inject: sign-in, audit, validation, serialisation) + gateway, no grounding',
      http,
    ),
    row('HTTP route + gateway with grounding (the default)', httpGrounded),
  ];
  return {
    rows,
    tools: gateway.serverToolDefinitions().length,
    overhead: {
      gateway: quantile(gatewayOnly, 0.5) - base,
      gatewayGrounded: quantile(gatewayGrounded, 0.5) - base,
      http: quantile(http, 0.5) - base,
      httpGrounded: quantile(httpGrounded, 0.5) - base,
    },
  };
}

/** Sends the hand-made de-identification test notes through HealthGPT to a capture server; counts what arrived. */
export async function outboundIdentifyingTokens(): Promise<{
  requests: number;
  bytes: number;
  inNotes: number;
  arrived: number;
}> {
  const capture = await startCaptureServer([{ kind: 'text', text: 'Noted.' }]);
  const server = await startTestServer([
    riskCapability,
    createLlmCapability({ env: { HEALTHGPT_LLM_BASE_URL: capture.baseUrl } }),
  ]);
  try {
    for (const note of PHI_NOTES) {
      await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: {
          messages: [
            { role: 'system', content: note.text },
            { role: 'user', content: `Summarise: ${note.text}` },
          ],
        },
      });
      await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { stream: true, messages: [{ role: 'user', content: note.text }] },
      });
      const stored = server.context.store.cases.create({
        title: 'bench',
        patient: {},
        findings: [],
        observations: [],
        images: [],
        note: note.text,
      });
      await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: {
          messages: [{ role: 'user', content: 'Summarise the case' }],
          healthgpt: { case_id: stored.id },
        },
      });
    }
  } finally {
    await server.close();
    await capture.close();
  }
  const sent = capture.captured.map((r) => r.body).join('\n');
  return {
    requests: capture.captured.length,
    bytes: Buffer.byteLength(sent),
    inNotes: countIdentifyingTokens(PHI_NOTES.map((n) => n.text).join('\n')),
    arrived: countIdentifyingTokens(sent),
  };
}
