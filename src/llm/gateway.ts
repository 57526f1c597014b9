import type { ClinicalCase } from '../clinical/case.js';
import type { EngineRegistry } from '../engine/registry.js';
import { searchGuidelinesSemantic } from '../guidelines/library.js';
import { trustText } from './privacy-gate.js';
import type {
  ChatMessage,
  ChatRequest,
  FinishReason,
  LlmProvider,
  ToolCall,
  ToolChoice,
  ToolDefinition,
  Usage,
} from './provider.js';
import {
  type Citation,
  type PassageCitation,
  passageCitation,
  runTool,
  type ServerTool,
  serverTools,
} from './tools.js';
import { answerWithoutModel, RETRIEVAL_MODEL } from './without-model.js';

/** What the gateway streams: text, the server's own tool calls and results, citations, then the end. */
export type GatewayEvent =
  | { readonly type: 'text'; readonly text: string }
  /** A call to a tool the client supplied (pass-through): the client runs it. */
  | { readonly type: 'client_tool_call'; readonly toolCall: ToolCall }
  /** A call the server ran, with the citation of its result. */
  | {
      readonly type: 'server_tool_call';
      readonly toolCall: ToolCall;
      readonly citations: readonly Citation[];
    }
  | {
      readonly type: 'done';
      readonly finishReason: FinishReason;
      readonly usage: Usage;
      readonly model: string;
      readonly generated: boolean;
      /** Every tool result and guideline passage the answer was given, in order. */
      readonly citations: readonly Citation[];
    };

export interface GatewayRequest {
  readonly messages: readonly ChatMessage[];
  /** Tools the client brings (OpenAI pass-through: their calls are returned, not run). */
  readonly clientTools?: readonly ToolDefinition[];
  /** Over the client's tools, or — without them — over the server's tools (first round only). */
  readonly toolChoice?: ToolChoice;
  /** Offer the engines and guideline lookup as tools (default true when the client brings none). */
  readonly serverTools?: boolean;
  /** Retrieve guideline passages for the question and give them to the model (default true). */
  readonly grounding?: boolean;
  /** A case's record, added as context (`case-context.ts`). */
  readonly caseContext?: { readonly clinicalCase: ClinicalCase; readonly text: string };
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly seed?: number;
  readonly stop?: readonly string[];
  readonly signal?: AbortSignal;
}

export const MAX_TOOL_ROUNDS = 4;

export const SYSTEM_PROMPT = [
  'You are HealthGPT, decision support for clinicians (not a diagnosis, not a medical device).',
  'Answer from the guideline passages and tool results you are given, not from memory; say which passage or tool each statement rests on.',
  'Use the tools for any score, risk or differential: never compute them yourself. If something is not known, say so.',
].join(' ');

/**
 * The language-model gateway: adds the grounding (guideline passages for the question, the case's record), offers the
 * engines as tools, runs the calls the model makes (arguments validated by each engine's schema; a rejected call is
 * returned to the model as a problem with field errors), feeds results back for up to `MAX_TOOL_ROUNDS` rounds, and
 * ends with the citations of every tool result and passage. With no generating provider it answers from retrieval
 * and the engines, labelled `generated: false`.
 */
export class LlmGateway {
  private tools: Map<string, ServerTool> | undefined;

  constructor(
    readonly provider: LlmProvider,
    private readonly engines: EngineRegistry,
    /** Offer the server's tools at all (`HEALTHGPT_LLM_TOOLS=off` for a model server without tool calling). */
    private readonly toolsEnabled = true,
    /** Tools capabilities offer beyond the engines (`AppContext.gatewayTools`). */
    private readonly extraTools: readonly ServerTool[] = [],
  ) {}

  serverToolDefinitions(): ToolDefinition[] {
    return [...this.toolMap().values()].map((t) => t.definition);
  }

  private toolMap(): Map<string, ServerTool> {
    this.tools ??= serverTools(this.engines, this.extraTools);
    return this.tools;
  }

  async *run(request: GatewayRequest): AsyncGenerator<GatewayEvent> {
    const question = lastUserText(request.messages);
    if (!this.provider.generates) {
      const answer = await answerWithoutModel(
        question || 'guideline',
        this.engines,
        request.caseContext?.clinicalCase,
      );
      yield { type: 'text', text: answer.content };
      yield {
        type: 'done',
        finishReason: 'stop',
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
        model: RETRIEVAL_MODEL,
        generated: false,
        citations: answer.citations,
      };
      return;
    }
    const citations: Citation[] = [];
    const passthrough = (request.clientTools?.length ?? 0) > 0;
    const useServerTools = !passthrough && this.toolsEnabled && request.serverTools !== false;
    let messages: ChatMessage[] = [...request.messages];
    if (!passthrough) messages = await this.grounded(messages, question, request, citations);
    const tools = passthrough
      ? request.clientTools
      : useServerTools
        ? this.serverToolDefinitions()
        : undefined;
    const usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
    let model = this.provider.model;
    for (let round = 0; ; round++) {
      const lastRound = round >= MAX_TOOL_ROUNDS;
      const choice: ToolChoice | undefined = lastRound ? 'none' : round === 0 ? request.toolChoice : 'auto';
      const providerRequest: ChatRequest = {
        messages,
        ...(tools && !lastRound ? { tools } : {}),
        ...(choice && tools && !lastRound ? { toolChoice: choice } : {}),
        ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
        ...(request.stop ? { stop: request.stop } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      };
      const calls: ToolCall[] = [];
      let text = '';
      let finish: FinishReason = 'stop';
      for await (const delta of this.provider.stream(providerRequest)) {
        if (delta.type === 'text') {
          text += delta.text;
          yield delta;
        } else if (delta.type === 'tool_call') calls.push(delta.toolCall);
        else {
          finish = delta.finishReason;
          model = delta.model;
          usage.prompt_tokens += delta.usage.prompt_tokens;
          usage.completion_tokens += delta.usage.completion_tokens;
          usage.total_tokens += delta.usage.total_tokens;
        }
      }
      if (calls.length === 0 || passthrough) {
        for (const call of calls) yield { type: 'client_tool_call', toolCall: call };
        yield {
          type: 'done',
          finishReason: calls.length > 0 ? 'tool_calls' : finish,
          usage,
          model,
          generated: true,
          citations,
        };
        return;
      }
      messages = [...messages, { role: 'assistant', content: text || null, tool_calls: calls }];
      for (const call of calls) {
        request.signal?.throwIfAborted();
        const outcome = await runTool(this.toolMap(), {
          id: call.id,
          name: call.function.name,
          arguments: call.function.arguments,
        });
        citations.push(...outcome.citations);
        yield { type: 'server_tool_call', toolCall: call, citations: outcome.citations };
        messages.push({ role: 'tool', tool_call_id: call.id, content: trustText(outcome.content) });
      }
    }
  }

  /** The system prompt, the case's record and the best guideline passages for the question, before the chat. */
  private async grounded(
    messages: ChatMessage[],
    question: string,
    request: GatewayRequest,
    citations: Citation[],
  ): Promise<ChatMessage[]> {
    const context: string[] = [trustText(SYSTEM_PROMPT)];
    if (request.caseContext) context.push(`The case the clinician has open:\n${request.caseContext.text}`);
    if (request.grounding !== false && question.trim().length >= 3) {
      const hits = (await searchGuidelinesSemantic(question, { limit: 3 })).hits.map(passageCitation);
      citations.push(...hits);
      if (hits.length)
        context.push(trustText(`Guideline passages for the question:\n${hits.map(passageLine).join('\n')}`));
    }
    const own = messages.filter((m) => m.role === 'system');
    return [
      { role: 'system', content: [...context, ...own.map((m) => m.content as string)].join('\n\n') },
      ...messages.filter((m) => m.role !== 'system'),
    ];
  }
}

function passageLine(p: PassageCitation, i: number): string {
  return `[${i + 1}] ${p.guideline} ${p.edition}${p.current ? '' : ' (superseded)'}, ${p.section}: ${p.text}`;
}

/** The text of the last user message (its text parts joined). */
export function lastUserText(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'user') continue;
    return typeof m.content === 'string'
      ? m.content
      : m.content
          .filter((p) => p.type === 'text')
          .map((p) => (p as { text: string }).text)
          .join('\n');
  }
  return '';
}
