import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { PrincipalRole } from '../auth/roles.js';
import { HealthGptError } from '../engine/errors.js';
import type { GatewayEvent, GatewayRequest } from './gateway.js';
import {
  type ChatCompletionRequest,
  chatCompletionRequestSchema,
  chatCompletionResponseSchema,
  toChatMessages,
  toTools,
} from './openai-wire.js';
import type { ToolCall } from './provider.js';
import { EMBEDDING_MODEL, type LlmService } from './service.js';
import { sseData } from './sse.js';
import type { Citation } from './tools.js';

/** Chat without a stored record: like the calculators (no patient record is read). */
const CHAT_ROLES: readonly PrincipalRole[] = ['admin', 'clinician', 'researcher'];
/** Reading a stored case into the chat: clinicians and admins only. */
const CASE_ROLES: readonly PrincipalRole[] = ['admin', 'clinician'];
const ANY_PERSON: readonly PrincipalRole[] = ['admin', 'clinician', 'researcher', 'auditor'];

function gatewayRequest(
  service: LlmService,
  body: ChatCompletionRequest,
  role: string | undefined,
  signal: AbortSignal,
): GatewayRequest {
  const clientTools = toTools(body.tools);
  const caseId = body.healthgpt?.case_id;
  if (caseId && !(CASE_ROLES as readonly string[]).includes(role ?? ''))
    throw new HealthGptError('forbidden', 'attaching a case to a chat needs the clinician or admin role');
  const stop = typeof body.stop === 'string' ? [body.stop] : body.stop;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  return {
    messages: toChatMessages(body.messages),
    ...(clientTools ? { clientTools } : {}),
    ...(body.tool_choice ? { toolChoice: body.tool_choice } : {}),
    serverTools: body.healthgpt?.tools ?? true,
    grounding: body.healthgpt?.grounding ?? true,
    ...(caseId ? { caseContext: service.caseContext(caseId) } : {}),
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(body.temperature !== undefined ? { temperature: body.temperature } : {}),
    ...(body.seed !== undefined ? { seed: body.seed } : {}),
    ...(stop ? { stop } : {}),
    signal,
  };
}

const finishOf = (f: string) => (f === 'cancelled' ? 'stop' : f) as 'stop' | 'length' | 'tool_calls';

function serverCall(call: ToolCall, citations: readonly Citation[]) {
  return { id: call.id, name: call.function.name, arguments: call.function.arguments, citations };
}

/**
 * HealthGPT as an OpenAI-compatible endpoint: `POST /v1/chat/completions` (SSE when `stream: true`),
 * `GET /v1/models`, `POST /v1/embeddings` (https://platform.openai.com/docs/api-reference), plus the `healthgpt`
 * extension (citations, server tool calls, `generated`) described in docs/llm.md.
 */
export function registerLlmRoutes(app: HttpApp, service: LlmService): void {
  app.post(
    '/v1/chat/completions',
    {
      config: { access: { roles: CHAT_ROLES, audit: 'llm.chat', resourceType: 'chat' } },
      schema: {
        tags: ['llm'],
        summary:
          'Chat completion, OpenAI-compatible (streaming by SSE), grounded in guidelines and engine tools',
        description:
          'The OpenAI Chat Completions request and response. Without client `tools`, HealthGPT offers its engines and guideline lookup as tools, runs the calls, and returns each result and passage used in the `healthgpt` extension (`citations`, `tool_calls`, `generated`). With no model configured the answer is retrieval and engines only (`healthgpt.generated: false`). Stream chunks carry the same extension. Requests to a remote model pass the de-identification gate.',
        body: chatCompletionRequestSchema,
        response: { 200: chatCompletionResponseSchema },
      },
    },
    async (request, reply) => {
      const controller = new AbortController();
      // The response's close before its end is the client going away (the request's close only ends its body).
      reply.raw.on('close', () => {
        if (!reply.raw.writableEnded) controller.abort();
      });
      const body = request.body;
      const gw = gatewayRequest(service, body, request.principal?.role, controller.signal);
      if (body.healthgpt?.case_id)
        service.recordCaseRead(body.healthgpt.case_id, {
          actor: request.principal?.id ?? 'anonymous',
          ...(request.principal ? { role: request.principal.role } : {}),
          clientAddress: request.ip,
          requestId: request.id,
        });
      const events = service.run(gw);
      const id = `chatcmpl-${randomUUID()}`;
      const created = Math.floor(Date.now() / 1000);
      // The first event is awaited before anything is sent, so a provider that is down is a problem document.
      const first = await events.next();
      if (!body.stream) {
        let content = '';
        const clientCalls: ToolCall[] = [];
        const serverCalls: ReturnType<typeof serverCall>[] = [];
        let done: Extract<GatewayEvent, { type: 'done' }> | undefined;
        for (let next = first; !next.done; next = await events.next()) {
          const e = next.value;
          if (e.type === 'text') content += e.text;
          else if (e.type === 'client_tool_call') clientCalls.push(e.toolCall);
          else if (e.type === 'server_tool_call') serverCalls.push(serverCall(e.toolCall, e.citations));
          else done = e;
        }
        if (!done) throw new HealthGptError('internal', 'the gateway ended without an answer');
        return {
          id,
          object: 'chat.completion' as const,
          created,
          model: done.model,
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant' as const,
                content: clientCalls.length > 0 && content === '' ? null : content,
                ...(clientCalls.length ? { tool_calls: clientCalls } : {}),
              },
              finish_reason: finishOf(done.finishReason),
              logprobs: null,
            },
          ],
          usage: done.usage,
          healthgpt: {
            generated: done.generated,
            provider: service.provider.id,
            citations: done.citations as unknown as Record<string, unknown>[],
            tool_calls: serverCalls,
          },
        };
      }
      const includeUsage = body.stream_options?.include_usage === true;
      const model = service.provider.model;
      const chunk = (
        delta: Record<string, unknown>,
        extra: Record<string, unknown> = {},
        finish: string | null = null,
      ) => ({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
        ...extra,
      });
      async function* sse(): AsyncGenerator<string> {
        yield sseData(chunk({ role: 'assistant', content: '' }));
        let clientIndex = 0;
        const serverCalls: ReturnType<typeof serverCall>[] = [];
        try {
          for (let next = first; !next.done; next = await events.next()) {
            const e = next.value;
            if (e.type === 'text') yield sseData(chunk({ content: e.text }));
            else if (e.type === 'client_tool_call')
              yield sseData(chunk({ tool_calls: [{ index: clientIndex++, ...e.toolCall }] }));
            else if (e.type === 'server_tool_call') {
              const call = serverCall(e.toolCall, e.citations);
              serverCalls.push(call);
              yield sseData(chunk({}, { healthgpt: { tool_call: call } }));
            } else {
              yield sseData(
                chunk(
                  {},
                  {
                    healthgpt: {
                      generated: e.generated,
                      provider: service.provider.id,
                      citations: e.citations,
                      tool_calls: serverCalls,
                    },
                  },
                  finishOf(e.finishReason),
                ),
              );
              if (includeUsage)
                yield sseData({
                  id,
                  object: 'chat.completion.chunk',
                  created,
                  model: e.model,
                  choices: [],
                  usage: e.usage,
                });
            }
          }
        } catch (error) {
          if (controller.signal.aborted) return;
          const known = error instanceof HealthGptError;
          yield sseData({
            error: {
              message: known ? error.message : 'internal error',
              type: known ? error.code : 'internal',
              code: known ? error.code : 'internal',
            },
          });
          if (!known) request.log.error({ err: error }, 'chat stream failed');
        }
        yield sseData('[DONE]');
      }
      reply.header('content-type', 'text/event-stream; charset=utf-8');
      reply.header('cache-control', 'no-cache');
      reply.header('x-accel-buffering', 'no');
      // A stream is sent as is (the response schema describes the non-streamed answer).
      return reply.send(Readable.from(sse()) as never);
    },
  );

  app.get(
    '/v1/models',
    {
      config: { access: { roles: ANY_PERSON } },
      schema: {
        tags: ['llm'],
        summary: 'The configured language model and the embedding model, OpenAI-compatible',
        response: {
          200: z.object({
            object: z.literal('list'),
            data: z.array(
              z.object({
                id: z.string(),
                object: z.literal('model'),
                created: z.number().int(),
                owned_by: z.string(),
                healthgpt: z.object({ provider: z.string(), locality: z.string(), generates: z.boolean() }),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const p = service.provider;
      return {
        object: 'list' as const,
        data: [
          {
            id: p.model,
            object: 'model' as const,
            created: 0,
            owned_by: 'healthgpt',
            healthgpt: { provider: p.id, locality: p.locality, generates: p.generates },
          },
          {
            id: EMBEDDING_MODEL,
            object: 'model' as const,
            created: 0,
            owned_by: 'healthgpt',
            healthgpt: { provider: 'use-lite', locality: 'in-process', generates: false },
          },
        ],
      };
    },
  );

  app.post(
    '/v1/embeddings',
    {
      config: { access: { roles: CHAT_ROLES } },
      schema: {
        tags: ['llm'],
        summary:
          'Sentence embeddings (Universal Sentence Encoder lite, 512-d, local weights), OpenAI-compatible',
        body: z.looseObject({
          input: z.union([
            z.string().min(1).max(20_000),
            z.array(z.string().min(1).max(20_000)).min(1).max(256),
          ]),
          model: z.string().max(200).optional().describe(`ignored: ${EMBEDDING_MODEL} answers`),
          encoding_format: z.enum(['float']).optional(),
        }),
        response: {
          200: z.object({
            object: z.literal('list'),
            data: z.array(
              z.object({
                object: z.literal('embedding'),
                index: z.number().int(),
                embedding: z.array(z.number()),
              }),
            ),
            model: z.string(),
            usage: z
              .object({ prompt_tokens: z.number().int(), total_tokens: z.number().int() })
              .describe('whitespace-separated words, not encoder tokens'),
          }),
        },
      },
    },
    async (request) => {
      const input = typeof request.body.input === 'string' ? [request.body.input] : request.body.input;
      const r = await service.embed(input);
      return {
        object: 'list' as const,
        data: r.vectors.map((embedding, index) => ({
          object: 'embedding' as const,
          index,
          embedding: [...embedding],
        })),
        model: r.model,
        usage: r.usage,
      };
    },
  );
}
