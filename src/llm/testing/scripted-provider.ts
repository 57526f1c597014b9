import type { ChatDelta, ChatRequest, LlmProvider, ToolCall } from '../provider.js';
import { collectStream } from '../provider.js';

/** One scripted turn: text to stream, or tool calls to make. */
export type ScriptedTurn = { readonly text: string } | { readonly calls: readonly ToolCall[] };

/**
 * A provider that answers from a script, turn by turn, and records every request it was sent: for tests of the
 * gateway and the routes, and for measuring the gateway's own overhead (`bench/llm.ts`).
 */
export function scriptedProvider(
  turns: readonly ScriptedTurn[],
  locality: LlmProvider['locality'] = 'in-process',
) {
  const requests: ChatRequest[] = [];
  let at = 0;
  async function* stream(request: ChatRequest): AsyncGenerator<ChatDelta> {
    requests.push(request);
    const turn = turns[Math.min(at++, turns.length - 1)]!;
    if ('text' in turn) {
      for (const word of turn.text.split(/(?<= )/)) yield { type: 'text', text: word };
    } else for (const toolCall of turn.calls) yield { type: 'tool_call', toolCall };
    yield {
      type: 'done',
      finishReason: 'text' in turn ? 'stop' : 'tool_calls',
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      model: 'scripted',
    };
  }
  const provider: LlmProvider = {
    id: 'scripted',
    locality,
    model: 'scripted',
    generates: true,
    stream,
    chat: (request) => collectStream(stream(request)),
  };
  return {
    provider,
    requests,
    reset: () => {
      at = 0;
      requests.length = 0;
    },
  };
}

export const call = (id: string, name: string, args: unknown): ToolCall => ({
  id,
  type: 'function',
  function: { name, arguments: JSON.stringify(args) },
});
