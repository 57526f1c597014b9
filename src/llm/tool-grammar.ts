import { HealthGptError } from '../engine/errors.js';
import type { ToolCall, ToolChoice, ToolDefinition } from './provider.js';

/**
 * The JSON schema a constrained tool call must match: `{ "name": <one tool>, "arguments": <that tool's parameters> }`.
 * llama.cpp turns it into a grammar (json-schema-to-grammar), so a model — even one never trained on tools — can only
 * write a call to a tool that exists with arguments of the right shape. Used by the in-process provider when a call
 * is required (`tool_choice` `required` or a named function).
 */
export function toolCallSchema(
  tools: readonly ToolDefinition[],
  choice: ToolChoice,
): Record<string, unknown> {
  const allowed =
    typeof choice === 'object' ? tools.filter((t) => t.function.name === choice.function.name) : tools;
  if (allowed.length === 0)
    throw HealthGptError.invalid(
      `tool_choice names '${typeof choice === 'object' ? choice.function.name : ''}', which is not among the tools`,
      [{ field: '/tool_choice', message: 'not one of the tools' }],
    );
  const variants = allowed.map((t) => ({
    type: 'object',
    properties: { name: { const: t.function.name }, arguments: withoutMeta(t.function.parameters) },
    required: ['name', 'arguments'],
    additionalProperties: false,
  }));
  return variants.length === 1 ? variants[0]! : { anyOf: variants };
}

/** Whether a request needs a grammar-constrained call (the model must call a tool). */
export function callRequired(
  tools: readonly ToolDefinition[] | undefined,
  choice: ToolChoice | undefined,
): boolean {
  return !!tools?.length && (choice === 'required' || typeof choice === 'object');
}

/** Reads the constrained output back as a tool call. */
export function parseConstrainedCall(text: string, id: string): ToolCall {
  let parsed: { name?: unknown; arguments?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new HealthGptError(
      'upstream-failed',
      'the model stopped before finishing its tool call (the token limit cut the constrained JSON)',
    );
  }
  if (typeof parsed.name !== 'string')
    throw new HealthGptError('upstream-failed', 'the model wrote a tool call without a tool name');
  return {
    id,
    type: 'function',
    function: { name: parsed.name, arguments: JSON.stringify(parsed.arguments ?? {}) },
  };
}

/** `$schema` and other annotations are not grammar: llama.cpp ignores most, but drop them to keep it small. */
function withoutMeta(schema: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { $schema: _s, $id: _i, title: _t, ...rest } = schema;
  return rest;
}
