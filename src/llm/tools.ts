import { z } from 'zod';
import type { AnyEngine } from '../engine/engine.js';
import { HealthGptError, parseOrThrow } from '../engine/errors.js';
import type { EngineRegistry } from '../engine/registry.js';
import { searchGuidelinesSemantic } from '../guidelines/library.js';
import type { Citation, PassageCitation, ToolCitation } from './citations.js';
import type { ToolDefinition } from './provider.js';

export type { Citation, PassageCitation, ToolCitation } from './citations.js';

export interface ToolOutcome {
  /** What the model reads (JSON text). */
  readonly content: string;
  readonly citations: readonly Citation[];
}

export interface ServerTool {
  readonly definition: ToolDefinition;
  readonly engineId: string;
  run(args: unknown): Promise<{ output: unknown; version?: string; passages?: readonly PassageCitation[] }>;
}

/** Function names allow `[a-zA-Z0-9_-]{1,64}` (OpenAI), so engine ids' dots become underscores. */
export const toolNameOf = (engineId: string) => engineId.replaceAll('.', '_');

/** Engines the model cannot usefully call: images come as files, not arguments; de-identification is the gate's. */
const NOT_TOOLS = /^(vision|other)\./;

const guidelineArgs = z
  .object({
    query: z.string().min(3).max(500).describe('the clinical question, in words'),
    guideline: z.string().max(60).optional().describe('only this guideline id, e.g. curb65-bts-nice'),
  })
  .strict();

export const GUIDELINE_TOOL = 'guideline_lookup';

/**
 * The tools the server offers a model: one per registered engine (its zod input schema as JSON Schema, via
 * `z.toJSONSchema`), guideline lookup over the guideline library, and the `extra` tools capabilities offer
 * (`Capability.gatewayTools`, e.g. literature search). Arguments are validated with the tool's own schema before
 * anything runs.
 */
export function serverTools(
  engines: EngineRegistry,
  extra: readonly ServerTool[] = [],
): Map<string, ServerTool> {
  const tools = new Map<string, ServerTool>();
  for (const engine of engines.list()) {
    if (NOT_TOOLS.test(engine.id)) continue;
    const parameters = jsonSchemaOf(engine);
    if (!parameters) continue;
    const name = toolNameOf(engine.id);
    tools.set(name, {
      engineId: engine.id,
      definition: {
        type: 'function',
        function: { name, description: `${engine.title}: ${engine.description}`.slice(0, 1000), parameters },
      },
      async run(args) {
        const result = await engine.run(args);
        return {
          output: { output: result.output, explanation: result.explanation },
          version: engine.version,
        };
      },
    });
  }
  tools.set(GUIDELINE_TOOL, {
    engineId: 'guidelines.search',
    definition: {
      type: 'function',
      function: {
        name: GUIDELINE_TOOL,
        description:
          'Search the guideline library (current and superseded editions, in HealthGPT’s own words) for the passages that answer a clinical question.',
        parameters: z.toJSONSchema(guidelineArgs, { io: 'input' }) as Record<string, unknown>,
      },
    },
    async run(args) {
      const { query, guideline } = parseOrThrow(guidelineArgs, args, 'guideline lookup arguments');
      const result = await searchGuidelinesSemantic(query, { limit: 3, ...(guideline ? { guideline } : {}) });
      const passages = result.hits.map(passageCitation);
      return { output: { passages: passages.map(({ kind: _k, ...p }) => p) }, passages };
    },
  });
  for (const tool of extra) {
    const name = tool.definition.function.name;
    if (tools.has(name)) throw new Error(`two gateway tools are named '${name}'`);
    tools.set(name, tool);
  }
  return tools;
}

/** Runs one call: unknown tools and bad arguments become a problem the model reads (and the citation records). */
export async function runTool(
  tools: ReadonlyMap<string, ServerTool>,
  call: { id: string; name: string; arguments: string },
): Promise<ToolOutcome> {
  const tool = tools.get(call.name);
  let args: unknown;
  try {
    if (!tool)
      throw HealthGptError.invalid(`no tool named '${call.name}'`, [
        { field: '/name', message: 'unknown tool' },
      ]);
    try {
      args = JSON.parse(call.arguments || '{}');
    } catch {
      throw HealthGptError.invalid('tool arguments are not JSON', [
        { field: '/arguments', message: 'not JSON' },
      ]);
    }
    const { output, version, passages } = await tool.run(args);
    const citation: ToolCitation = {
      kind: 'tool',
      toolCallId: call.id,
      tool: call.name,
      engineId: tool.engineId,
      ...(version ? { engineVersion: version } : {}),
      arguments: args,
      ok: true,
      result: output,
    };
    return { content: JSON.stringify(output), citations: [citation, ...(passages ?? [])] };
  } catch (error) {
    if (!(error instanceof HealthGptError) || !['invalid', 'unprocessable', 'not-found'].includes(error.code))
      throw error;
    const problem = { error: error.code, message: error.message, fieldErrors: error.fieldErrors };
    return {
      content: JSON.stringify(problem),
      citations: [
        {
          kind: 'tool',
          toolCallId: call.id,
          tool: call.name,
          engineId: tool?.engineId ?? 'unknown',
          arguments: args ?? call.arguments,
          ok: false,
          result: problem,
        },
      ],
    };
  }
}

export function passageCitation(hit: {
  passage: { id: string; guideline: string; edition: string; section: string; text: string };
  guideline: string;
  current: boolean;
  source: string;
}): PassageCitation {
  return {
    kind: 'guideline',
    passageId: hit.passage.id,
    guideline: hit.guideline,
    edition: hit.passage.edition,
    section: hit.passage.section,
    current: hit.current,
    source: hit.source,
    text: hit.passage.text,
  };
}

function jsonSchemaOf(engine: AnyEngine): Record<string, unknown> | undefined {
  try {
    const { $schema: _s, ...schema } = z.toJSONSchema(engine.inputSchema, {
      io: 'input',
      unrepresentable: 'any',
    }) as Record<string, unknown>;
    return schema.type === 'object' ? schema : undefined;
  } catch {
    return undefined;
  }
}
