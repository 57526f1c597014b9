/**
 * The one interface every language-model provider implements (an OpenAI-compatible server over HTTP, a GGUF file
 * in-process, or none). The shapes follow the OpenAI Chat Completions API
 * (https://platform.openai.com/docs/api-reference/chat) so that messages, tool calls and usage pass between the
 * gateway, the providers and HealthGPT's own `/v1/chat/completions` without translation. Providers throw
 * `HealthGptError` only: `upstream-failed` (the model server answered with an error), `timeout`, `unavailable`
 * (nothing configured, connection refused, model file missing).
 */

/** A text part of a message (https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages). */
export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

/** An image part: `url` is a `data:image/…;base64,` URL or an http(s) URL. */
export interface ImagePart {
  readonly type: 'image_url';
  readonly image_url: { readonly url: string; readonly detail?: 'auto' | 'low' | 'high' };
}

export type ContentPart = TextPart | ImagePart;

/** A function call the model asked for; `arguments` is a JSON text (as the OpenAI API sends it). */
export interface ToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

export type ChatMessage =
  | { readonly role: 'system'; readonly content: string }
  | { readonly role: 'user'; readonly content: string | readonly ContentPart[] }
  | { readonly role: 'assistant'; readonly content: string | null; readonly tool_calls?: readonly ToolCall[] }
  | { readonly role: 'tool'; readonly content: string; readonly tool_call_id: string };

/** A function tool (https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools). */
export interface ToolDefinition {
  readonly type: 'function';
  readonly function: {
    readonly name: string;
    readonly description?: string;
    /** JSON Schema (draft 2020-12 subset) of the arguments object. */
    readonly parameters: Readonly<Record<string, unknown>>;
  };
}

/** `auto`: the model decides; `none`: no call; `required`: some call; or exactly this function. */
export type ToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | { readonly type: 'function'; readonly function: { readonly name: string } };

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolDefinition[];
  readonly toolChoice?: ToolChoice;
  /** Most tokens to generate (the provider's own ceiling applies too). */
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly seed?: number;
  readonly stop?: readonly string[];
  /** Cancels the request: the provider stops generating and rejects with the signal's reason (an `AbortError`). */
  readonly signal?: AbortSignal;
}

/** Token counts (https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage). */
export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'cancelled';

export interface ChatResult {
  readonly content: string;
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: FinishReason;
  readonly usage: Usage;
  /** The model that answered, as the provider names it. */
  readonly model: string;
}

/**
 * One streamed piece: text, a complete tool call, or the end (with usage). Tool calls are delivered whole (the
 * gateway validates them before anything runs).
 */
export type ChatDelta =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'tool_call'; readonly toolCall: ToolCall }
  | {
      readonly type: 'done';
      readonly finishReason: FinishReason;
      readonly usage: Usage;
      readonly model: string;
    };

export interface EmbeddingResult {
  readonly model: string;
  readonly vectors: readonly (readonly number[])[];
  readonly usage: { readonly prompt_tokens: number; readonly total_tokens: number };
}

/** Where a provider's requests go: the privacy gate applies to every provider that is not in-process. */
export type ProviderLocality = 'in-process' | 'remote' | 'none';

export interface LlmProvider {
  /** `openai-compatible`, `gguf`, `none`, or a test's own id. */
  readonly id: string;
  readonly locality: ProviderLocality;
  /** The model name reported by `/v1/models` and in responses. */
  readonly model: string;
  /** Whether `chat` generates text (false for the retrieval-only `none` provider). */
  readonly generates: boolean;
  chat(request: ChatRequest): Promise<ChatResult>;
  /** Streams the answer; the last delta is always `done`. */
  stream(request: ChatRequest): AsyncIterable<ChatDelta>;
  /** Sentence/text embeddings, where the provider has them. */
  embed?(texts: readonly string[], signal?: AbortSignal): Promise<EmbeddingResult>;
  /** Frees native memory or sockets. */
  close?(): Promise<void>;
}

/** Collects a stream into one result (what `chat` returns for providers that only stream). */
export async function collectStream(deltas: AsyncIterable<ChatDelta>): Promise<ChatResult> {
  let content = '';
  const toolCalls: ToolCall[] = [];
  for await (const delta of deltas) {
    if (delta.type === 'text') content += delta.text;
    else if (delta.type === 'tool_call') toolCalls.push(delta.toolCall);
    else
      return { content, toolCalls, finishReason: delta.finishReason, usage: delta.usage, model: delta.model };
  }
  throw new Error('provider stream ended without a done delta');
}

export const zeroUsage: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
