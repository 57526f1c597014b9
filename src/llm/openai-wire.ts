import { z } from 'zod';
import type { ChatMessage, ContentPart, ToolChoice, ToolDefinition } from './provider.js';

/**
 * Zod schemas of the OpenAI Chat Completions wire format (https://platform.openai.com/docs/api-reference/chat/create)
 * as HealthGPT's own `/v1/chat/completions` accepts it. Fields clients commonly send that HealthGPT does not use
 * (`top_p`, `presence_penalty`, `user`, `metadata` …) are accepted and ignored.
 */
const textPart = z.object({ type: z.literal('text'), text: z.string().max(200_000) });
const imagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.object({
    url: z
      .string()
      .max(20_000_000)
      .regex(
        /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=\s]+$/,
        'a data:image/png|jpeg|webp|gif;base64 URL',
      )
      .describe(
        'the image itself as a data: URL; links are refused (an in-process model would read a server path, a remote one fetch the link)',
      ),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  }),
});
const textContent = z.union([z.string().max(200_000), z.array(textPart).max(100)]);
const toolCallSchema = z.object({
  id: z.string().max(200),
  type: z.literal('function'),
  function: z.object({ name: z.string().max(64), arguments: z.string().max(100_000) }),
});

export const wireMessageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: textContent, name: z.string().optional() }),
  z.object({ role: z.literal('developer'), content: textContent, name: z.string().optional() }),
  z.object({
    role: z.literal('user'),
    content: z.union([z.string().max(200_000), z.array(z.union([textPart, imagePart])).max(100)]),
    name: z.string().optional(),
  }),
  z.object({
    role: z.literal('assistant'),
    content: z.union([textContent, z.null()]).optional(),
    tool_calls: z.array(toolCallSchema).max(50).optional(),
    name: z.string().optional(),
  }),
  z.object({ role: z.literal('tool'), content: textContent, tool_call_id: z.string().max(200) }),
]);

const toolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'letters, digits, _ and -, at most 64'),
    description: z.string().max(4000).optional(),
    parameters: z.record(z.string(), z.unknown()).default({ type: 'object', properties: {} }),
    strict: z.boolean().optional(),
  }),
});

const toolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string().max(64) }) }),
]);

export const chatCompletionRequestSchema = z.looseObject({
  model: z
    .string()
    .max(200)
    .optional()
    .describe('ignored: the configured model answers (see GET /v1/models)'),
  messages: z.array(wireMessageSchema).min(1).max(200),
  stream: z.boolean().default(false),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional(),
  tools: z
    .array(toolSchema)
    .max(128)
    .optional()
    .describe("the client's own tools: their calls are returned to the client (no server tools then)"),
  tool_choice: toolChoiceSchema
    .optional()
    .describe("over the client's tools or, without them, over HealthGPT's tools (engine ids with _ for .)"),
  max_tokens: z.number().int().min(1).max(32_768).optional(),
  max_completion_tokens: z.number().int().min(1).max(32_768).optional(),
  temperature: z.number().min(0).max(2).optional(),
  seed: z.number().int().optional(),
  stop: z.union([z.string().max(200), z.array(z.string().max(200)).max(4)]).optional(),
  n: z.literal(1).optional().describe('only 1'),
  healthgpt: z
    .object({
      case_id: z.string().min(1).max(100).optional().describe('attach a stored case (its record) as context'),
      tools: z.boolean().default(true).describe("offer HealthGPT's engines and guideline lookup as tools"),
      grounding: z
        .boolean()
        .default(true)
        .describe('give the model the best guideline passages for the question'),
    })
    .strict()
    .optional()
    .describe('HealthGPT extension (docs/llm.md)'),
});

export type ChatCompletionRequest = z.output<typeof chatCompletionRequestSchema>;

const joinText = (c: z.output<typeof textContent>) =>
  typeof c === 'string' ? c : c.map((p) => p.text).join('\n');

/** Wire messages as the providers' `ChatMessage` (developer → system, text-part arrays joined). */
export function toChatMessages(messages: ChatCompletionRequest['messages']): ChatMessage[] {
  return messages.map((m): ChatMessage => {
    switch (m.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: joinText(m.content) };
      case 'user':
        return {
          role: 'user',
          content: typeof m.content === 'string' ? m.content : m.content.map((p) => p as ContentPart),
        };
      case 'assistant':
        return {
          role: 'assistant',
          content: m.content == null ? null : joinText(m.content),
          ...(m.tool_calls?.length ? { tool_calls: m.tool_calls } : {}),
        };
      default:
        return { role: 'tool', tool_call_id: m.tool_call_id, content: joinText(m.content) };
    }
  });
}

export function toTools(tools: ChatCompletionRequest['tools']): ToolDefinition[] | undefined {
  return tools?.map((t) => ({
    type: 'function',
    function: {
      name: t.function.name,
      ...(t.function.description ? { description: t.function.description } : {}),
      parameters: t.function.parameters,
    },
  }));
}

export const toToolChoice = (c: ChatCompletionRequest['tool_choice']): ToolChoice | undefined => c;

const usageSchema = z.object({
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  total_tokens: z.number().int(),
});

/** `healthgpt` on a response: whether the answer was generated, by what, and what it rests on. */
export const extensionSchema = z.object({
  generated: z.boolean().describe('false: no model wrote this (retrieval and engines only)'),
  provider: z.string(),
  citations: z
    .array(z.record(z.string(), z.unknown()))
    .describe('every tool result and guideline passage given to the model'),
  tool_calls: z
    .array(z.record(z.string(), z.unknown()))
    .describe('the calls the server ran on HealthGPT tools, with their citations'),
});

export const chatCompletionResponseSchema = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({
        role: z.literal('assistant'),
        content: z.string().nullable(),
        tool_calls: z.array(toolCallSchema).optional(),
      }),
      finish_reason: z.enum(['stop', 'length', 'tool_calls']),
      logprobs: z.null(),
    }),
  ),
  usage: usageSchema,
  healthgpt: extensionSchema,
});
