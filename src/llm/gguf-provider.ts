import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { HealthGptError } from '../engine/errors.js';
import { AsyncQueue, Mutex } from './async-queue.js';
import {
  type LlamaCompletionOptions,
  type LlamaContext,
  type LlamaMessage,
  llamaBinding,
} from './llama-binding.js';
import type {
  ChatDelta,
  ChatMessage,
  ChatRequest,
  ChatResult,
  EmbeddingResult,
  FinishReason,
  LlmProvider,
  Usage,
} from './provider.js';
import { collectStream } from './provider.js';
import { callRequired, parseConstrainedCall, toolCallSchema } from './tool-grammar.js';

export interface GgufProviderOptions {
  /** Path of the GGUF model file (`HEALTHGPT_LLM_GGUF`). */
  readonly modelPath: string;
  /** Multimodal projector for a vision-language model (`HEALTHGPT_LLM_MMPROJ`). */
  readonly mmprojPath?: string;
  readonly contextSize?: number;
  readonly threads?: number;
  /** Ceiling on generated tokens whatever a request asks. */
  readonly maxTokens?: number;
  /** Budget of one generation; the model is stopped and `timeout` thrown when exceeded. */
  readonly timeoutMs?: number;
  /** Tokens a constrained tool call may use (JSON with whitespace; tiny models write many). */
  readonly toolCallTokens?: number;
}

/**
 * A GGUF model run in-process by llama.cpp (`@fugood/llama.node`), loaded on first use. Nothing leaves the machine,
 * so the privacy gate does not apply. Tool calls: when a call is required, the output is constrained to the tools'
 * JSON schema (a grammar), so the arguments always parse and have the declared types; with `tool_choice: auto` the
 * model's own chat template decides (models with a Jinja template that knows tools), else it answers in text.
 */
export function ggufProvider(options: GgufProviderOptions): LlmProvider {
  const model = basename(options.modelPath).replace(/\.gguf$/i, '');
  const mutex = new Mutex();
  let chatContext: Promise<LlamaContext> | undefined;
  let embeddingContext: Promise<LlamaContext> | undefined;
  let vision = false;
  /** Contexts left for ever "busy" by the binding (see `isWedged`): never stopped or released again. */
  const wedged = new WeakSet<LlamaContext>();

  const load = async (embedding: boolean): Promise<LlamaContext> => {
    if (!existsSync(options.modelPath))
      throw new HealthGptError('unavailable', `language model file '${options.modelPath}' does not exist`);
    const llama = await llamaBinding();
    await llama.toggleNativeLog(false);
    try {
      const context = await llama.loadModel({
        model: options.modelPath,
        n_ctx: options.contextSize ?? 2048,
        ...(options.threads ? { n_threads: options.threads } : {}),
        ...(embedding ? { embedding: true, pooling_type: 'mean' as const } : {}),
      });
      if (!embedding && options.mmprojPath)
        vision = await context.initMultimodal({ path: options.mmprojPath });
      return context;
    } catch (error) {
      throw new HealthGptError(
        'unavailable',
        `language model '${model}' could not be loaded: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  };
  const chatCtx = () => {
    chatContext ??= load(false).catch((e: unknown) => {
      chatContext = undefined;
      throw e;
    });
    return chatContext;
  };

  function stream(request: ChatRequest): AsyncIterable<ChatDelta> {
    // A consumer that stops reading early stops the generation too (it would otherwise hold the model).
    const stopped = new AbortController();
    const signal = request.signal ? AbortSignal.any([request.signal, stopped.signal]) : stopped.signal;
    const queue = new AsyncQueue<ChatDelta>(() => stopped.abort());
    mutex
      .run(() => generate({ ...request, signal }, queue))
      .then(
        () => queue.end(),
        (error: unknown) => queue.fail(error),
      );
    return queue;
  }

  async function generate(request: ChatRequest, queue: AsyncQueue<ChatDelta>): Promise<void> {
    request.signal?.throwIfAborted();
    let context = await chatCtx();
    const constrained = callRequired(request.tools, request.toolChoice);
    const ceiling = options.maxTokens ?? 1024;
    const completion: LlamaCompletionOptions = {
      messages: request.messages.map((m) => toLlama(m, vision, context.isJinjaSupported())),
      n_predict: constrained
        ? Math.max(options.toolCallTokens ?? 512, Math.min(request.maxTokens ?? 0, ceiling))
        : Math.min(request.maxTokens ?? ceiling, ceiling),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.stop?.length ? { stop: [...request.stop] } : {}),
    };
    if (constrained)
      completion.response_format = {
        type: 'json_schema',
        json_schema: { strict: true, schema: toolCallSchema(request.tools!, request.toolChoice!) },
      };
    else if (request.tools?.length && request.toolChoice !== 'none' && context.isJinjaSupported()) {
      completion.tools = [...request.tools];
      completion.tool_choice = 'auto';
      completion.jinja = true;
    }
    let timedOut = false;
    const stop = () => {
      if (!wedged.has(context)) context.stopCompletion();
    };
    request.signal?.addEventListener('abort', stop, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs ?? 120_000);
    const complete = (on: LlamaContext) =>
      on.completion(completion, (token) => {
        if (!constrained && token.token) queue.push({ type: 'text', text: token.token });
      });
    try {
      let result: Awaited<ReturnType<LlamaContext['completion']>>;
      try {
        result = await complete(context);
      } catch (error) {
        if (!isWedged(error)) throw error;
        // This provider runs one generation at a time (the mutex), so the binding's "busy" is stale: give up the
        // context without touching it and load a fresh one for this request.
        wedged.add(context);
        chatContext = undefined;
        context = await chatCtx();
        result = await complete(context);
      }
      if (request.signal?.aborted) throw request.signal.reason;
      if (timedOut)
        throw new HealthGptError(
          'timeout',
          `the language model did not finish in ${options.timeoutMs ?? 120_000} ms`,
        );
      const usage: Usage = {
        prompt_tokens: Math.max(0, result.tokens_evaluated - result.tokens_predicted),
        completion_tokens: result.tokens_predicted,
        total_tokens: result.tokens_evaluated,
      };
      let finish: FinishReason = result.truncated || result.context_full ? 'length' : 'stop';
      if (constrained) {
        queue.push({
          type: 'tool_call',
          toolCall: parseConstrainedCall(result.text.trim(), `call_${Date.now().toString(36)}`),
        });
        finish = 'tool_calls';
      } else if (result.tool_calls?.length) {
        for (const [i, c] of result.tool_calls.entries())
          queue.push({
            type: 'tool_call',
            toolCall: {
              id: c.id ?? `call_${i}`,
              type: 'function',
              function: { name: c.function.name, arguments: c.function.arguments },
            },
          });
        finish = 'tool_calls';
      } else if (result.tokens_predicted >= (completion.n_predict ?? ceiling)) finish = 'length';
      queue.push({ type: 'done', finishReason: finish, usage, model });
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', stop);
    }
  }

  return {
    id: 'gguf',
    locality: 'in-process',
    model,
    generates: true,
    stream,
    chat: (request: ChatRequest): Promise<ChatResult> => collectStream(stream(request)),
    embed(texts, signal): Promise<EmbeddingResult> {
      embeddingContext ??= load(true).catch((e: unknown) => {
        embeddingContext = undefined;
        throw e;
      });
      return mutex.run(async () => {
        const context = await embeddingContext!;
        const vectors: number[][] = [];
        let tokens = 0;
        for (const text of texts) {
          signal?.throwIfAborted();
          context.clearCache(true);
          vectors.push(Array.from((await context.embedding(text)).embedding));
          tokens += (await context.tokenize(text)).tokens.length;
        }
        return { model, vectors, usage: { prompt_tokens: tokens, total_tokens: tokens } };
      });
    },
    async close() {
      const contexts = [chatContext, embeddingContext];
      chatContext = embeddingContext = undefined;
      for (const c of contexts) {
        const context = c && (await c.catch(() => undefined));
        if (context && !wedged.has(context)) await context.release();
      }
    },
  };
}

/**
 * True for the binding's "Another completion is in progress" refusal. `@fugood/llama.node` 1.7 queues a completion's
 * worker before it registers the hook that marks the context free again (`LlamaContext::Completion`: `Queue()` then
 * `OnComplete()`), and skips that hook when the worker fails, so a completion that ends first — a tiny model on a
 * loaded machine — or fails leaves the context refusing every later completion. Its pointer to the finished worker
 * then dangles, so such a context must not be stopped or released either.
 */
export function isWedged(error: unknown): boolean {
  return error instanceof Error && error.message === 'Another completion is in progress';
}

/**
 * A message as llama.node takes it. `native`: the model's Jinja chat template knows tool calls and tool results, so
 * they are passed as such; otherwise (templates without tools, or none) they are written out as text.
 */
function toLlama(message: ChatMessage, vision: boolean, native: boolean): LlamaMessage {
  switch (message.role) {
    case 'user':
      if (typeof message.content === 'string') return { role: 'user', content: message.content };
      if (!vision && message.content.some((p) => p.type === 'image_url'))
        throw new HealthGptError(
          'unprocessable',
          'this language model reads no images (set HEALTHGPT_LLM_MMPROJ to the projector of a vision-language model)',
        );
      for (const p of message.content)
        if (p.type === 'image_url' && !p.image_url.url.startsWith('data:image/'))
          // llama.node reads any other string as a file path on this server: never let a request name one.
          throw HealthGptError.unprocessable(
            'images reach the in-process model as data:image/…;base64 URLs only',
          );
      return { role: 'user', content: message.content.map((p) => ({ ...p })) };
    case 'assistant': {
      if (native)
        return {
          role: 'assistant',
          content: message.content ?? '',
          ...(message.tool_calls?.length ? { tool_calls: message.tool_calls.map((c) => ({ ...c })) } : {}),
        };
      const calls = message.tool_calls?.map((c) => `${c.function.name}(${c.function.arguments})`).join('\n');
      return {
        role: 'assistant',
        content: [message.content ?? '', calls ? `Tool calls: ${calls}` : ''].filter(Boolean).join('\n'),
      };
    }
    case 'tool':
      if (native) return { role: 'tool', content: message.content, tool_call_id: message.tool_call_id };
      return { role: 'user', content: `Tool result (${message.tool_call_id}): ${message.content}` };
    default:
      return { role: message.role, content: message.content };
  }
}
