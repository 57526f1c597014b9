import type { Citation } from '../../../../src/llm/citations.js';
import { ApiError, SIGNED_OUT_EVENT } from '../../api.js';
import { sseEvents } from './sse.js';

export type { Citation, PassageCitation, ToolCitation } from '../../../../src/llm/citations.js';

export interface ServerToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
  readonly citations: readonly Citation[];
}

/** One assistant answer as it streams in. */
export interface AnswerState {
  readonly text: string;
  readonly toolCalls: readonly ServerToolCall[];
  readonly citations: readonly Citation[];
  /** False: no model wrote it (retrieval and engines only); undefined until the last chunk. */
  readonly generated?: boolean;
  readonly provider?: string;
  readonly model?: string;
  readonly finishReason?: string;
  readonly error?: string;
  readonly done: boolean;
}

export const EMPTY_ANSWER: AnswerState = { text: '', toolCalls: [], citations: [], done: false };

interface Chunk {
  model?: string;
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  healthgpt?: {
    tool_call?: ServerToolCall;
    generated?: boolean;
    provider?: string;
    citations?: Citation[];
    tool_calls?: ServerToolCall[];
  };
  error?: { message?: string; code?: string };
}

/** Folds one SSE `data` payload of `/v1/chat/completions` into the answer (pure, so it is unit-tested). */
export function applyChunk(state: AnswerState, data: string): AnswerState {
  if (data === '[DONE]') return { ...state, done: true };
  let chunk: Chunk;
  try {
    chunk = JSON.parse(data) as Chunk;
  } catch {
    return { ...state, error: 'The server sent a stream chunk that is not JSON.', done: true };
  }
  if (chunk.error) return { ...state, error: chunk.error.message ?? 'The answer failed.', done: true };
  let next = state;
  const choice = chunk.choices?.[0];
  const content = choice?.delta?.content;
  if (content) next = { ...next, text: next.text + content };
  if (chunk.model && !next.model) next = { ...next, model: chunk.model };
  const ext = chunk.healthgpt;
  if (ext?.tool_call) next = { ...next, toolCalls: [...next.toolCalls, ext.tool_call] };
  if (ext?.generated !== undefined)
    next = {
      ...next,
      generated: ext.generated,
      ...(ext.provider ? { provider: ext.provider } : {}),
      citations: ext.citations ?? next.citations,
      toolCalls: ext.tool_calls ?? next.toolCalls,
    };
  if (choice?.finish_reason) next = { ...next, finishReason: choice.finish_reason };
  return next;
}

export type UserContent =
  | string
  | readonly ({ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } })[];

export interface ChatRequest {
  readonly messages: readonly { role: 'user' | 'assistant'; content: UserContent }[];
  /** A stored case attached as context (`healthgpt.case_id`). */
  readonly caseId?: string;
}

/**
 * Sends a chat to `POST /v1/chat/completions` with `stream: true` (signed in by the session cookie, like every
 * UI request) and calls `onUpdate` with the answer so far after every chunk. Stops when `signal` aborts (the
 * answer so far is kept). A refusal before the stream starts is thrown as an `ApiError` with the problem document.
 */
export async function streamChat(
  request: ChatRequest,
  onUpdate: (answer: AnswerState) => void,
  signal: AbortSignal,
): Promise<AnswerState> {
  const body = {
    messages: request.messages,
    stream: true,
    ...(request.caseId ? { healthgpt: { case_id: request.caseId } } : {}),
  };
  let response: Response;
  try {
    response = await fetch('/v1/chat/completions', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal.aborted) {
      const stopped: AnswerState = { ...EMPTY_ANSWER, done: true, finishReason: 'cancelled' };
      onUpdate(stopped);
      return stopped;
    }
    throw new ApiError(0, {
      title: 'The HealthGPT server cannot be reached',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  if (response.status === 401) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  if (!response.ok || !response.body) {
    const text = await response.text();
    let problem: ApiError['problem'] = { title: `HTTP ${response.status}`, detail: text.slice(0, 300) };
    try {
      problem = JSON.parse(text) as ApiError['problem'];
    } catch {}
    throw new ApiError(response.status, problem);
  }
  let answer = EMPTY_ANSWER;
  try {
    for await (const data of sseEvents(response.body)) {
      answer = applyChunk(answer, data);
      onUpdate(answer);
      if (answer.done) break;
    }
  } catch (error) {
    if (!signal.aborted) throw error;
    answer = { ...answer, finishReason: 'cancelled' };
  }
  answer = { ...answer, done: true };
  onUpdate(answer);
  return answer;
}
