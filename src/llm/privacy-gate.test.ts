import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectResponsive, healthzDuring } from '../../test/healthz-during.js';
import { type RunningServer, startTestServer } from '../../test/server-harness.js';
import { riskCapability } from '../risk/capability.js';
import { createLlmCapability } from './capability.js';
import { openAiProvider } from './openai-provider.js';
import {
  extendNamePlaceholders,
  type GuardResult,
  gateMessages,
  gateMessagesWith,
  gateTexts,
  gateTextsWith,
  guardPayload,
  type OutboundGuard,
  scrubLongNumbers,
  trustText,
} from './privacy-gate.js';
import type { ChatMessage } from './provider.js';
import { startCaptureServer } from './testing/capture-server.js';
import { countIdentifyingTokens, PHI_NOTES } from './testing/phi-notes.js';

describe('privacy gate: what reaches a remote model server', () => {
  let capture: Awaited<ReturnType<typeof startCaptureServer>>;
  let server: RunningServer;
  beforeAll(async () => {
    capture = await startCaptureServer([{ kind: 'text', text: 'Noted.' }]);
    server = await startTestServer([
      riskCapability,
      createLlmCapability({
        env: { HEALTHGPT_LLM_BASE_URL: capture.baseUrl, HEALTHGPT_LLM_MODEL: 'remote' },
      }),
    ]);
  });
  afterAll(async () => {
    await server.close();
    await capture.close();
  });

  it('the hand-made notes hold identifying tokens (the count can fail)', () => {
    expect(countIdentifyingTokens(PHI_NOTES.map((n) => n.text).join('\n'))).toBeGreaterThanOrEqual(35);
  });

  it('sends zero identifying tokens, as user messages, streamed, and as attached case notes', async () => {
    for (const note of PHI_NOTES) {
      const direct = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: {
          messages: [
            { role: 'system', content: `Context: ${note.text}` },
            { role: 'user', content: note.text },
          ],
        },
      });
      expect(direct.statusCode).toBe(200);
      const streamed = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: { stream: true, messages: [{ role: 'user', content: `Summarise: ${note.text}` }] },
      });
      expect(streamed.body).toContain('[DONE]');
      const stored = server.context.store.cases.create({
        title: 'gate test',
        patient: { ageYears: 70, sex: 'female' },
        findings: [],
        observations: [],
        images: [],
        note: note.text,
      });
      const withCase = await server.app.inject({
        method: 'POST',
        url: '/v1/chat/completions',
        payload: {
          messages: [{ role: 'user', content: 'Summarise the case' }],
          healthgpt: { case_id: stored.id },
        },
      });
      expect(withCase.statusCode).toBe(200);
      expect(server.context.store.audit.list({ resourceId: stored.id }).map((e) => e.action)).toContain(
        'llm.case-context',
      );
    }
    expect(capture.captured).toHaveLength(PHI_NOTES.length * 3);
    const sent = capture.captured.map((r) => r.body).join('\n');
    // The clinical content went out (the gate is not vacuous): only the identifiers were removed.
    expect(sent).toContain('pleuritic chest pain');
    expect(sent).toContain('7 mm solid nodule');
    expect(countIdentifyingTokens(sent)).toBe(0);
  }, 120_000);

  it('a remote embedding request is de-identified too', async () => {
    const before = capture.captured.length;
    const provider = openAiProvider({ baseUrl: capture.baseUrl, model: 'remote' });
    await provider.embed!(PHI_NOTES.map((n) => n.text));
    expect(
      countIdentifyingTokens(
        capture.captured
          .slice(before)
          .map((r) => r.body)
          .join('\n'),
      ),
    ).toBe(0);
  });

  it('tool-call arguments and tool results are de-identified as well', () => {
    const gated = gateMessages([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'c',
            type: 'function',
            function: { name: 'x', arguments: JSON.stringify({ note: PHI_NOTES[2]!.text }) },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'c', content: PHI_NOTES[3]!.text },
    ]);
    expect(countIdentifyingTokens(JSON.stringify(gated))).toBe(0);
  });

  it('a capitalised word after a name placeholder goes with it (first name taken, surname left)', () => {
    expect(extendNamePlaceholders('Called [NAME] Farraday back; [NAME], 72, and Dr. [NAME] J. Okafor')).toBe(
      'Called [NAME] back; [NAME], 72, and Dr. [NAME]',
    );
    expect(extendNamePlaceholders('Patient Henrik [NAME]; Daughter [NAME] The')).toBe(
      'Patient [NAME]; Daughter [NAME] The',
    );
  });

  it('long digit runs the de-identifier may miss are scrubbed; clinical values are kept', () => {
    expect(scrubLongNumbers('call 07700 900461, BP 104/62, HR 118, T 38.9')).toBe(
      'call [NUMBER], BP 104/62, HR 118, T 38.9',
    );
  });
});

describe('privacy gate with the de-identification elsewhere (the worker pool)', () => {
  /** What the pool runs, here in this thread. */
  const guardHere: OutboundGuard = async (payloads) =>
    payloads.map((p): GuardResult => {
      try {
        return { text: guardPayload(p) };
      } catch (error) {
        return { error: error as Error };
      }
    });
  const trusted = trustText('HealthGPT wrote this: score 3 in Springfield rules.');
  const messages: ChatMessage[] = [
    { role: 'system', content: `${trusted}\n\n${PHI_NOTES[0]!.text}` },
    { role: 'user', content: [{ type: 'text', text: PHI_NOTES[1]!.text }] },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'c1',
          type: 'function',
          function: { name: 'x', arguments: JSON.stringify({ note: PHI_NOTES[2]!.text }) },
        },
        { id: 'c2', type: 'function', function: { name: 'y', arguments: `not json: ${PHI_NOTES[3]!.text}` } },
      ],
    },
    { role: 'tool', tool_call_id: 'c1', content: PHI_NOTES[4]!.text },
    { role: 'user', content: '   ' },
  ];

  it('sends exactly what the gate in this thread sends', async () => {
    const here = gateMessages(messages);
    expect(await gateMessagesWith(messages, {}, guardHere)).toEqual(here);
    expect(JSON.stringify(here)).toContain(trusted);
    expect(countIdentifyingTokens(JSON.stringify(here))).toBe(0);
    const texts = PHI_NOTES.map((n) => n.text);
    expect(await gateTextsWith(texts, guardHere)).toEqual(gateTexts(texts));
  });

  it('refuses with the same error, for the first message refused', async () => {
    const refused: ChatMessage[] = [
      messages[0]!,
      { role: 'user', content: 'binary \u0000 data' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
    ];
    const here = (() => {
      try {
        gateMessages(refused);
      } catch (error) {
        return error as Error & { code?: string };
      }
    })();
    const there = await gateMessagesWith(refused, {}, guardHere).catch((e: unknown) => e as Error);
    expect(here?.message).toMatch(/^message 1 not sent/);
    expect(there).toMatchObject({ message: here!.message, code: here!.code });
    const image = (await gateMessagesWith([refused[2]!], {}, guardHere).catch((e: unknown) => e)) as Error;
    expect(image.message).toMatch(/^message 0 not sent .*images are not sent/);
  });

  it('sends nothing when the guard does not answer for every payload', async () => {
    const short: OutboundGuard = async (payloads) => (await guardHere(payloads)).slice(1);
    await expect(gateMessagesWith(messages, {}, short)).rejects.toMatchObject({ code: 'internal' });
  });

  describe('through the server', () => {
    let capture: Awaited<ReturnType<typeof startCaptureServer>>;
    let server: RunningServer;
    beforeAll(async () => {
      capture = await startCaptureServer([{ kind: 'text', text: 'Noted.' }]);
      server = await startTestServer([
        createLlmCapability({
          env: { HEALTHGPT_LLM_BASE_URL: capture.baseUrl, HEALTHGPT_LLM_MODEL: 'remote' },
        }),
      ]);
    });
    afterAll(async () => {
      await server?.close();
      await capture?.close();
    });

    it('answers /healthz within 200 ms while a 2 MB chat is de-identified for the remote model', async () => {
      const note = PHI_NOTES.map((n) => n.text).join('\n\n');
      const long = `${note}\n\n`.repeat(Math.floor(195_000 / (note.length + 2)));
      const chat = {
        messages: [
          ...Array.from({ length: 10 }, () => ({ role: 'user', content: long })),
          { role: 'user', content: 'Summarise.' },
        ],
        healthgpt: { grounding: false, tools: false },
      };
      expect(JSON.stringify(chat).length).toBeGreaterThan(1_900_000);
      const { status, checks } = await healthzDuring(server.baseUrl, () =>
        fetch(`${server.baseUrl}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(chat),
        }),
      );
      expect(status).toBe(200);
      expect(capture.captured).toHaveLength(1);
      const sent = capture.captured[0]!.body;
      expect(sent).toContain('pleuritic chest pain');
      expect(countIdentifyingTokens(sent)).toBe(0);
      expectResponsive(checks);
    }, 120_000);
  });
});
