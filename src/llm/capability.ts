import type { Capability } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import { runHeavy } from '../app/work.js';
import { HealthGptError } from '../engine/errors.js';
import { registerLlmCommands } from './commands.js';
import { registerDraftRoutes } from './draft-routes.js';
import type { OutboundGuard, OutboundPayload } from './privacy-gate.js';
import { registerLlmRoutes } from './routes.js';
import { LlmService, type LlmServiceOptions } from './service.js';

/**
 * The language-model gateway: providers (OpenAI-compatible HTTP, in-process GGUF, none), HealthGPT's own
 * OpenAI-compatible endpoint with the engines as tools, the privacy gate, `healthgpt ask` and note/referral drafts.
 * See docs/llm.md. `options.provider` replaces the environment's provider (tests, benchmarks).
 */
export function createLlmCapability(options: LlmServiceOptions = {}): Capability {
  return {
    id: 'llm',
    title: 'Language-model gateway',
    engines: [],
    registerRoutes(app, context) {
      // With a worker pool, what goes to a remote model is de-identified there: a long message takes seconds.
      const outboundGuard = context.work ? pooledGuard(context) : undefined;
      const service = new LlmService(
        context,
        { ...(outboundGuard ? { outboundGuard } : {}), ...options },
        (entry) => app.log.info({ outbound: entry }, 'llm outbound request'),
      );
      app.addHook('onClose', () => service.close());
      registerLlmRoutes(app, service);
      registerDraftRoutes(app, service);
    },
    registerCommands: (program, cli) => registerLlmCommands(program, cli, options),
  };
}

export const llmCapability: Capability = createLlmCapability();

/** Characters of outbound text per pool task: each task stays well inside the time budget, and workers share them. */
const GUARD_CHARS_PER_TASK = 250_000;

/** The privacy gate's de-identification in the worker pool (task `deid.outbound`), in tasks of ~250,000 characters. */
function pooledGuard(context: AppContext): OutboundGuard {
  return async (payloads) => {
    const groups: OutboundPayload[][] = [];
    let size = Number.POSITIVE_INFINITY;
    for (const payload of payloads) {
      const chars =
        payload.kind === 'text' ? payload.text.length : (JSON.stringify(payload.value)?.length ?? 0);
      if (size + chars > GUARD_CHARS_PER_TASK) {
        groups.push([]);
        size = 0;
      }
      groups.at(-1)!.push(payload);
      size += chars;
    }
    const results = await Promise.all(
      groups.map((group) => runHeavy(context, 'deid.outbound', { payloads: group })),
    );
    return results
      .flat()
      .map((r) =>
        r.error ? { error: new HealthGptError(r.error.code, r.error.message) } : { text: r.text as string },
      );
  };
}
