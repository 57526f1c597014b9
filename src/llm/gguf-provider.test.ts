import { afterAll, expect, it } from 'vitest';
import { describeIfAvailable } from '../../test/describe-if-available.js';
import { createEngineRegistry } from '../app/capabilities.js';
import { HealthGptError } from '../engine/errors.js';
import { riskCapability } from '../risk/capability.js';
import { LlmGateway } from './gateway.js';
import { ggufProvider } from './gguf-provider.js';
import { collectStream } from './provider.js';
import { fixtureModelPath, fixtureModelUnavailable } from './testing/fixture-model.js';
import { GUIDELINE_TOOL, serverTools } from './tools.js';

const story = { messages: [{ role: 'user' as const, content: 'Once upon a time' }], temperature: 0, seed: 1 };

describeIfAvailable(
  'in-process GGUF provider (real model file stories260K.gguf)',
  fixtureModelUnavailable(),
  () => {
    const provider = ggufProvider({ modelPath: fixtureModelPath(), contextSize: 1024, threads: 1 });
    afterAll(() => provider.close?.());
    const tools = serverTools(createEngineRegistry([riskCapability]));
    const definitions = [tools.get('risk_curb65')!.definition, tools.get(GUIDELINE_TOOL)!.definition];

    it('streams text token by token and ends with usage counts', async () => {
      const deltas = [];
      for await (const d of provider.stream({ ...story, maxTokens: 12 })) deltas.push(d);
      const texts = deltas.filter((d) => d.type === 'text');
      expect(texts.length).toBeGreaterThan(3);
      const done = deltas.at(-1)!;
      if (done.type !== 'done') throw new Error('no done delta');
      expect(done.usage.completion_tokens).toBeGreaterThan(3);
      expect(done.usage.completion_tokens).toBeLessThanOrEqual(12);
      expect(done.usage.prompt_tokens).toBeGreaterThan(3);
      expect(done.usage.total_tokens).toBe(done.usage.prompt_tokens + done.usage.completion_tokens);
      expect(done.model).toBe('stories260K');
    });

    it('stops at the token limit with finish_reason length', async () => {
      const r = await provider.chat({ ...story, maxTokens: 5 });
      expect(r.usage.completion_tokens).toBeLessThanOrEqual(5);
      expect(r.finishReason).toBe('length');
    });

    it('writes a named tool call constrained by the tool’s JSON schema (grammar), even though it was never trained on tools', async () => {
      const r = await provider.chat({
        messages: [{ role: 'user', content: 'Look up the pneumonia guideline.' }],
        tools: definitions,
        toolChoice: { type: 'function', function: { name: GUIDELINE_TOOL } },
        temperature: 0,
        seed: 3,
      });
      expect(r.finishReason).toBe('tool_calls');
      expect(r.content).toBe('');
      const [call] = r.toolCalls;
      expect(call!.function.name).toBe(GUIDELINE_TOOL);
      const args = JSON.parse(call!.function.arguments) as { query: unknown };
      expect(typeof args.query).toBe('string');
      expect((args.query as string).length).toBeGreaterThanOrEqual(3);
    });

    it('a required call to an engine has the engine’s argument types; the engine validates the values', async () => {
      const r = await provider.chat({
        messages: [{ role: 'user', content: 'Score this patient.' }],
        tools: definitions,
        toolChoice: { type: 'function', function: { name: 'risk_curb65' } },
        temperature: 0,
        seed: 5,
      });
      const args = JSON.parse(r.toolCalls[0]!.function.arguments) as Record<string, unknown>;
      for (const key of ['age', 'respiratoryRate', 'systolicBp', 'diastolicBp'])
        expect(typeof args[key]).toBe('number');
    });

    it('round trip through the gateway: the model calls guideline lookup, the server runs it, the answer cites it', async () => {
      const gateway = new LlmGateway(provider, createEngineRegistry([riskCapability]));
      const events = [];
      for await (const e of gateway.run({
        messages: [{ role: 'user', content: 'What does CURB-65 mean for where to treat pneumonia?' }],
        toolChoice: { type: 'function', function: { name: GUIDELINE_TOOL } },
        maxTokens: 16,
        temperature: 0,
      }))
        events.push(e);
      const call = events.find((e) => e.type === 'server_tool_call');
      expect(call).toBeDefined();
      const done = events.at(-1)!;
      if (done.type !== 'done') throw new Error('no done event');
      expect(done.generated).toBe(true);
      expect(done.citations.some((c) => c.kind === 'tool' && c.tool === GUIDELINE_TOOL)).toBe(true);
      expect(done.citations.some((c) => c.kind === 'guideline')).toBe(true);
      expect(done.usage.completion_tokens).toBeGreaterThan(0);
    }, 60_000);

    it('embeds texts with the model (one vector per text, same text same vector)', async () => {
      const r = await provider.embed!(['a little girl', 'a little girl', 'the big red ball']);
      expect(r.vectors).toHaveLength(3);
      expect(r.vectors[0]!.length).toBeGreaterThan(10);
      expect(r.vectors[0]).toEqual(r.vectors[1]);
      expect(r.vectors[0]).not.toEqual(r.vectors[2]);
      expect(r.usage.prompt_tokens).toBeGreaterThan(3);
    });

    it('cancels a generation on abort and answers the next request', async () => {
      const controller = new AbortController();
      let seen = 0;
      const run = async () => {
        for await (const d of provider.stream({ ...story, maxTokens: 100_000, signal: controller.signal }))
          if (d.type === 'text' && ++seen === 3) controller.abort();
      };
      await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
      expect(seen).toBeLessThan(500);
      const after = await collectStream(provider.stream({ ...story, maxTokens: 4 }));
      expect(after.usage.completion_tokens).toBeGreaterThan(0);
    });

    it('a model file that does not exist is unavailable', async () => {
      const missing = ggufProvider({ modelPath: '/nonexistent/model.gguf' });
      await expect(missing.chat(story)).rejects.toSatisfy(
        (e: unknown) => e instanceof HealthGptError && e.code === 'unavailable',
      );
    });
  },
);
