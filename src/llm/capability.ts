import type { Capability } from '../app/capability.js';
import { registerLlmCommands } from './commands.js';
import { registerDraftRoutes } from './draft-routes.js';
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
      const service = new LlmService(context, options, (entry) =>
        app.log.info({ outbound: entry }, 'llm outbound request'),
      );
      app.addHook('onClose', () => service.close());
      registerLlmRoutes(app, service);
      registerDraftRoutes(app, service);
    },
    registerCommands: (program, cli) => registerLlmCommands(program, cli, options),
  };
}

export const llmCapability: Capability = createLlmCapability();
