import type { GatewayRequest } from './gateway.js';
import type { Usage } from './provider.js';
import type { LlmService } from './service.js';
import type { Citation } from './tools.js';

export interface AskResult {
  readonly question: string;
  readonly answer: string;
  /** False when no model wrote the answer (retrieval and engines only). */
  readonly generated: boolean;
  readonly provider: string;
  readonly model: string;
  readonly caseId?: string;
  readonly toolCalls: readonly { readonly name: string; readonly arguments: string }[];
  readonly citations: readonly Citation[];
  readonly usage: Usage;
}

/**
 * One question to the gateway (`healthgpt ask`): grounded in guideline passages, with the engines as tools and a
 * case's record as context when given. `onText` receives the answer as it is written.
 */
export async function ask(
  service: LlmService,
  question: string,
  options: {
    caseId?: string;
    signal?: AbortSignal;
    onText?: (text: string) => void;
    maxTokens?: number;
  } = {},
): Promise<AskResult> {
  const request: GatewayRequest = {
    messages: [{ role: 'user', content: question }],
    ...(options.caseId ? { caseContext: service.caseContext(options.caseId) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
  };
  let answer = '';
  const toolCalls: { name: string; arguments: string }[] = [];
  for await (const event of service.run(request)) {
    if (event.type === 'text') {
      answer += event.text;
      options.onText?.(event.text);
    } else if (event.type === 'server_tool_call')
      toolCalls.push({ name: event.toolCall.function.name, arguments: event.toolCall.function.arguments });
    else if (event.type === 'done')
      return {
        question,
        answer,
        generated: event.generated,
        provider: service.provider.id,
        model: event.model,
        ...(options.caseId ? { caseId: options.caseId } : {}),
        toolCalls,
        citations: event.citations,
        usage: event.usage,
      };
  }
  throw new Error('the gateway ended without an answer');
}

/** Citations as numbered lines for a terminal. */
export function citationLines(citations: readonly Citation[]): string[] {
  return citations.map((c, i) =>
    c.kind === 'guideline'
      ? `[${i + 1}] ${c.guideline} ${c.edition}${c.current ? '' : ' (superseded)'} — ${c.section}`
      : `[${i + 1}] tool ${c.tool} (${c.engineId}${c.engineVersion ? ` ${c.engineVersion}` : ''})${c.ok ? '' : ' — arguments rejected'}`,
  );
}
