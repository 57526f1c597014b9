import type { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import type { AnyEngine } from '../engine/engine.js';
import type { ServerTool } from '../llm/tools.js';
import type { CdsService } from '../server/cds/service.js';
import type { HttpApp } from '../server/http-app.js';
import type { AppContext } from './context.js';

/**
 * The capability plugin contract: the only adapter types a capability folder (`src/<capability>/`) may use. They are
 * re-exported here so that no domain module imports `src/server/**` or `src/cli/**` (checked by
 * `src/engine/layering.test.ts`); errors are `HealthGptError` (`src/engine/errors.ts`), never HTTP statuses.
 */
export type { CdsService, CliContext, HttpApp };

/**
 * A clinical capability (intake, diagnosis, risk, vision, forecast …) as the adapters see it. Each folder under
 * `src/` exports one from its `capability.ts`; `src/app/capabilities.ts` lists them. A newcomer adding an engine
 * adds it to its capability's `engines`, and its routes and commands here.
 */
export interface Capability {
  readonly id: string;
  readonly title: string;
  readonly engines: readonly AnyEngine[];
  /** Adds HTTP routes (under `/v1/…`), with zod schemas so they appear in the OpenAPI document. */
  registerRoutes?(app: HttpApp, context: AppContext): void | Promise<void>;
  /** Adds CLI commands; `cli.evalCommand` is the shared `healthgpt eval` parent. */
  registerCommands?(program: Command, cli: CliContext): void;
  /**
   * Tools the language-model gateway may call beyond one per engine (which it builds itself from `engines`): e.g.
   * literature search over the hospital's library. Built once per application context.
   */
  gatewayTools?(context: AppContext): readonly ServerTool[];
  /** CDS Hooks services beyond the shared `patient-view` one. */
  readonly cdsServices?: readonly CdsService[];
}
