import { HealthGptError } from '../engine/errors.js';
import { bodyError, type OutboundLogger, postJson } from './http-call.js';
import {
  gateMessages,
  gateMessagesWith,
  gateTexts,
  gateTextsWith,
  type OutboundGuard,
} from './privacy-gate.js';
import {
  type ChatDelta,
  type ChatRequest,
  type ChatResult,
  type EmbeddingResult,
  type FinishReason,
  type LlmProvider,
  type ToolCall,
  type Usage,
  zeroUsage,
} from './provider.js';
import { parseSse } from './sse.js';

export interface OpenAiProviderOptions {
  /** Base URL up to and including `/v1`, e.g. `http://127.0.0.1:8000/v1` (vLLM), `http://127.0.0.1:11434/v1` (Ollama). */
  readonly baseUrl: string;
  readonly apiKey?: string;
  readonly model: string;
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** Ceiling on `max_tokens` whatever a request asks. */
  readonly maxTokens?: number;
  /** Content-free log line per outbound request. */
  readonly log?: OutboundLogger;
  /** Send images (an admin's explicit choice; default: refused by the privacy gate). */
  readonly allowImages?: boolean;
  /** Embedding model name, when the server has one (`/v1/embeddings`). */
  readonly embeddingModel?: string;
  /** Where the privacy gate de-identifies (the HTTP server: its worker pool); default this thread. */
  readonly guard?: OutboundGuard;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_TOKENS = 1024;

/**
 * A provider for any OpenAI-compatible server (vLLM, Ollama, llama.cpp server, a second HealthGPT), speaking the
 * Chat Completions API (https://platform.openai.com/docs/api-reference/chat/create) with `fetch` and SSE streaming.
 * Every request passes the privacy gate (`privacy-gate.ts`) before it is built, so nothing identifying leaves.
 */
export function openAiProvider(options: OpenAiProviderOptions): LlmProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  const call = (path: string, body: unknown, signal: AbortSignal | undefined) =>
    postJson({
      url: `${base}${path}`,
      body: JSON.stringify(body),
      headers,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retries: options.retries ?? 2,
      ...(signal ? { signal } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  const gate = { allowImages: options.allowImages ?? false };
  const bodyOf = async (request: ChatRequest, stream: boolean) => ({
    model: options.model,
    messages: options.guard
      ? await gateMessagesWith(request.messages, gate, options.guard)
      : gateMessages(request.messages, gate),
    ...(request.tools && request.tools.length > 0 ? { tools: request.tools } : {}),
    ...(request.toolChoice && request.tools?.length ? { tool_choice: request.toolChoice } : {}),
    max_tokens: Math.min(
      request.maxTokens ?? Number.POSITIVE_INFINITY,
      options.maxTokens ?? DEFAULT_MAX_TOKENS,
    ),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
    ...(request.stop?.length ? { stop: request.stop } : {}),
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
  });

  async function* stream(request: ChatRequest): AsyncGenerator<ChatDelta> {
    const { response, done, signal } = await call(
      '/chat/completions',
      await bodyOf(request, true),
      request.signal,
    );
    const calls = new Map<number, { id: string; name: string; arguments: string }>();
    let finish: FinishReason = 'stop';
    let usage: Usage = zeroUsage;
    let model = options.model;
    try {
      if (!response.body) throw new HealthGptError('upstream-failed', 'language model server sent no body');
      for await (const data of parseSse(response.body as unknown as AsyncIterable<Uint8Array>)) {
        if (data === '[DONE]') break;
        const chunk = parseJson(data) as StreamChunk;
        if (chunk.error) throw upstream(chunk.error);
        if (chunk.model) model = chunk.model;
        if (chunk.usage) usage = usageOf(chunk.usage);
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        if (choice.delta?.content) yield { type: 'text', text: choice.delta.content };
        for (const part of choice.delta?.tool_calls ?? []) {
          const entry = calls.get(part.index) ?? { id: '', name: '', arguments: '' };
          if (part.id) entry.id = part.id;
          if (part.function?.name) entry.name += part.function.name;
          if (part.function?.arguments) entry.arguments += part.function.arguments;
          calls.set(part.index, entry);
        }
        if (choice.finish_reason) finish = finishOf(choice.finish_reason);
      }
    } catch (error) {
      throw bodyError(error, request.signal, signal);
    } finally {
      done();
    }
    for (const [index, c] of [...calls.entries()].sort((a, b) => a[0] - b[0]))
      yield {
        type: 'tool_call',
        toolCall: {
          id: c.id || `call_${index}`,
          type: 'function',
          function: { name: c.name, arguments: c.arguments },
        },
      };
    yield { type: 'done', finishReason: calls.size > 0 ? 'tool_calls' : finish, usage, model };
  }

  return {
    id: 'openai-compatible',
    locality: 'remote',
    model: options.model,
    generates: true,
    stream,
    async chat(request: ChatRequest): Promise<ChatResult> {
      const { response, done, signal } = await call(
        '/chat/completions',
        await bodyOf(request, false),
        request.signal,
      );
      let json: ChatCompletion;
      try {
        json = parseJson(await response.text()) as ChatCompletion;
      } catch (error) {
        throw bodyError(error, request.signal, signal);
      } finally {
        done();
      }
      const choice = json.choices?.[0];
      if (!choice?.message)
        throw new HealthGptError('upstream-failed', 'language model server sent no choice');
      const toolCalls: ToolCall[] = (choice.message.tool_calls ?? []).map((c, i) => ({
        id: c.id ?? `call_${i}`,
        type: 'function',
        function: { name: c.function.name, arguments: c.function.arguments ?? '{}' },
      }));
      return {
        content: choice.message.content ?? '',
        toolCalls,
        finishReason: toolCalls.length > 0 ? 'tool_calls' : finishOf(choice.finish_reason),
        usage: json.usage ? usageOf(json.usage) : zeroUsage,
        model: json.model ?? options.model,
      };
    },
    async embed(texts, signal): Promise<EmbeddingResult> {
      const {
        response,
        done,
        signal: requestSignal,
      } = await call(
        '/embeddings',
        {
          model: options.embeddingModel ?? options.model,
          input: options.guard ? await gateTextsWith(texts, options.guard) : gateTexts(texts),
        },
        signal,
      );
      try {
        const json = parseJson(await response.text()) as EmbeddingResponse;
        const vectors = [...(json.data ?? [])].sort((a, b) => a.index - b.index).map((d) => d.embedding);
        if (vectors.length !== texts.length)
          throw new HealthGptError(
            'upstream-failed',
            `embedding server returned ${vectors.length} of ${texts.length} vectors`,
          );
        return {
          model: json.model ?? options.model,
          vectors,
          usage: {
            prompt_tokens: json.usage?.prompt_tokens ?? 0,
            total_tokens: json.usage?.total_tokens ?? 0,
          },
        };
      } catch (error) {
        throw bodyError(error, signal, requestSignal);
      } finally {
        done();
      }
    },
  };
}

interface StreamChunk {
  model?: string;
  error?: unknown;
  usage?: RawUsage;
  choices?: {
    delta?: {
      content?: string | null;
      tool_calls?: { index: number; id?: string; function?: { name?: string; arguments?: string } }[];
    };
    finish_reason?: string | null;
  }[];
}

interface ChatCompletion {
  model?: string;
  usage?: RawUsage;
  choices?: {
    message?: {
      content?: string | null;
      tool_calls?: { id?: string; function: { name: string; arguments?: string } }[];
    };
    finish_reason?: string | null;
  }[];
}

interface EmbeddingResponse {
  model?: string;
  data?: { index: number; embedding: number[] }[];
  usage?: { prompt_tokens?: number; total_tokens?: number };
}

interface RawUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

function usageOf(u: RawUsage): Usage {
  const prompt = u.prompt_tokens ?? 0;
  const completion = u.completion_tokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: u.total_tokens ?? prompt + completion,
  };
}

function finishOf(reason: string | null | undefined): FinishReason {
  return reason === 'length' ? 'length' : reason === 'tool_calls' ? 'tool_calls' : 'stop';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HealthGptError('upstream-failed', 'language model server sent a body that is not JSON');
  }
}

function upstream(error: unknown): HealthGptError {
  const message = (error as { message?: string }).message ?? JSON.stringify(error).slice(0, 200);
  return new HealthGptError('upstream-failed', `language model server reported an error: ${message}`);
}
