import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { riskCapability } from '../risk/capability.js';
import { createLlmCapability } from './capability.js';
import { parseSse } from './sse.js';
import { call, scriptedProvider } from './testing/scripted-provider.js';

const curb65 = {
  age: 70,
  respiratoryRate: 32,
  systolicBp: 85,
  diastolicBp: 50,
  confusion: true,
  ureaMmolL: 9,
};

describe('POST /v1/chat/completions (OpenAI wire format, scripted model)', () => {
  const script = scriptedProvider([
    { calls: [call('c1', 'risk_curb65', { ...curb65, age: 700 }), call('c2', 'risk_curb65', curb65)] },
    { text: 'CURB-65 is 5 [tool c2]; admit.' },
  ]);
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer([riskCapability, createLlmCapability({ provider: script.provider })]);
  });
  afterAll(() => server.close());

  it('runs the engine tools, rejects bad arguments with field errors, and cites each result', async () => {
    script.reset();
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: {
        model: 'x',
        messages: [{ role: 'user', content: 'CURB-65 for this patient?' }],
        healthgpt: { grounding: false },
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0].message).toEqual({ role: 'assistant', content: 'CURB-65 is 5 [tool c2]; admit.' });
    expect(body.choices[0].finish_reason).toBe('stop');
    expect(body.usage).toEqual({ prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 });
    const [bad, good] = body.healthgpt.citations;
    expect(bad).toMatchObject({ kind: 'tool', tool: 'risk_curb65', engineId: 'risk.curb65', ok: false });
    expect(bad.result.fieldErrors.map((e: { field: string }) => e.field)).toContain('/age');
    expect(good).toMatchObject({ kind: 'tool', toolCallId: 'c2', ok: true });
    expect(good.result.output.score).toBe(5);
    // The model was offered the engine as a JSON-schema tool and read both results back.
    const offered = script.requests[0]!.tools!.find((t) => t.function.name === 'risk_curb65')!;
    expect(offered.function.parameters).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['age']),
    });
    const toolMessages = script.requests[1]!.messages.filter((m) => m.role === 'tool');
    expect(toolMessages).toHaveLength(2);
    expect(JSON.parse(toolMessages[0]!.content as string).error).toBe('invalid');
  });

  it('streams OpenAI chunks by SSE, ending with finish_reason, the extension and [DONE]', async () => {
    script.reset();
    const res = await fetch(`${server.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [{ role: 'user', content: 'CURB-65?' }],
        stream: true,
        stream_options: { include_usage: true },
        healthgpt: { grounding: false },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events: string[] = [];
    for await (const data of parseSse(res.body as unknown as AsyncIterable<Uint8Array>)) events.push(data);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0].id)).toBe(true);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('CURB-65 is 5 [tool c2]; admit.');
    expect(chunks.filter((c) => c.healthgpt?.tool_call)).toHaveLength(2);
    const final = chunks.find((c) => c.choices[0]?.finish_reason);
    expect(final.choices[0].finish_reason).toBe('stop');
    expect(final.healthgpt.citations).toHaveLength(2);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: 30 } });
  });

  it('returns the calls of client tools to the client (pass-through), in the OpenAI shape', async () => {
    script.reset();
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: {
        messages: [{ role: 'user', content: 'score it' }],
        tools: [{ type: 'function', function: { name: 'risk_curb65', parameters: { type: 'object' } } }],
      },
    });
    const body = res.json();
    expect(body.choices[0].finish_reason).toBe('tool_calls');
    expect(body.choices[0].message.content).toBeNull();
    expect(body.choices[0].message.tool_calls.map((c: { id: string }) => c.id)).toEqual(['c1', 'c2']);
    expect(body.healthgpt.tool_calls).toEqual([]);
  });

  it('rejects a malformed request with a problem document naming the field', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: { messages: [{ role: 'wizard', content: 'hi' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(res.json())).toContain('/body/messages/0');
  });

  it('404s a chat on a case that does not exist', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: { messages: [{ role: 'user', content: 'summarise' }], healthgpt: { case_id: 'nope' } },
    });
    expect(res.statusCode).toBe(404);
  });

  it('refuses a researcher a chat with a case attached (it reads the record), not a chat without one', async () => {
    const c = server.context.store.cases.create({
      title: 't',
      patient: {},
      findings: [],
      observations: [],
      images: [],
    });
    const as = { authorization: `Bearer ${server.tokenFor('researcher')}` };
    const withCase = await server.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: as,
      payload: {
        messages: [{ role: 'user', content: 'summarise' }],
        healthgpt: { case_id: c.id, grounding: false },
      },
    });
    expect(withCase.statusCode).toBe(403);
    script.reset();
    const plain = await server.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: as,
      payload: {
        messages: [{ role: 'user', content: 'what is CURB-65?' }],
        healthgpt: { grounding: false, tools: false },
      },
    });
    expect(plain.statusCode).toBe(200);
  });

  it('lists the model and the embedding model', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/v1/models' });
    expect(res.json().data.map((m: { id: string }) => m.id)).toEqual(['scripted', 'use-lite-512']);
  });
});

describe('HEALTHGPT_LLM_TOOLS=off (a model server without tool calling)', () => {
  it('offers the model no tools, and still grounds the question in guideline passages', async () => {
    const script = scriptedProvider([{ text: 'Treat in hospital.' }]);
    const server = await startTestServer([
      riskCapability,
      createLlmCapability({ provider: script.provider, env: { HEALTHGPT_LLM_TOOLS: 'off' } }),
    ]);
    try {
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { messages: [{ role: 'user', content: 'CURB-65 of 3: where to treat?' }] },
      });
      expect(res.statusCode).toBe(200);
      expect(script.requests[0]!.tools).toBeUndefined();
      expect(script.requests[0]!.messages[0]!.content).toMatch(/Guideline passages for the question/);
      expect(res.json().healthgpt.citations[0].kind).toBe('guideline');
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('with no model configured', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer([riskCapability, createLlmCapability({ env: {} })]);
  });
  afterAll(() => server.close());

  it('answers from guideline retrieval, labelled generated: false, with passage citations', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: {
        messages: [{ role: 'user', content: 'CURB-65 score of 3: where should the patient be treated?' }],
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.model).toBe('healthgpt-retrieval');
    expect(body.healthgpt.generated).toBe(false);
    expect(body.choices[0].message.content).toMatch(/not generated/i);
    expect(body.healthgpt.citations.length).toBeGreaterThanOrEqual(1);
    expect(body.healthgpt.citations[0]).toMatchObject({ kind: 'guideline' });
  }, 60_000);

  it('serves USE-lite embeddings in the OpenAI shape', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/embeddings',
      payload: { input: ['chest pain', 'pleuritic chest pain', 'ankle sprain'], model: 'anything' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.data).toHaveLength(3);
    expect(body.data[0].embedding).toHaveLength(512);
    const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    const [a, b, c] = body.data.map((d: { embedding: number[] }) => d.embedding);
    expect(cos(a, b)).toBeGreaterThan(cos(a, c));
  }, 60_000);
});

describe('images in chat', () => {
  it('accepts a data: URL image part and refuses a link or a server path (400 naming the field)', async () => {
    const script = scriptedProvider([{ text: 'An image.' }]);
    const server = await startTestServer([createLlmCapability({ provider: script.provider })]);
    try {
      const send = (url: string) =>
        server.app.inject({
          method: 'POST',
          url: '/v1/chat/completions',
          payload: {
            messages: [
              {
                role: 'user',
                content: [
                  { type: 'text', text: 'describe' },
                  { type: 'image_url', image_url: { url } },
                ],
              },
            ],
            healthgpt: { grounding: false, tools: false },
          },
        });
      expect((await send('data:image/png;base64,iVBORw0KGgo=')).statusCode).toBe(200);
      for (const url of ['/etc/passwd', 'file:///etc/passwd', 'http://10.0.0.1/x.png']) {
        const res = await send(url);
        expect(res.statusCode).toBe(400);
        expect(JSON.stringify(res.json())).toContain('/body/messages/0/content');
      }
    } finally {
      await server.close();
    }
  });
});
