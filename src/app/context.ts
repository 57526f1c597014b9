import type { EngineRegistry } from '../engine/registry.js';
import type { ServerTool } from '../llm/tools.js';
import type { Store } from '../store/store.js';
import type { AppConfig } from './config.js';

/** What adapters (HTTP, CLI, CDS Hooks) hand to capabilities: the store, the engines, the settings. */
export interface AppContext {
  readonly config: AppConfig;
  readonly store: Store;
  readonly engines: EngineRegistry;
  /**
   * Worker threads for heavy work (image decoding and analysis, DICOM rendering, forecast fitting) with a time
   * budget, so that light requests keep answering; absent = heavy work runs in the calling thread (CLI, library).
   */
  readonly work?: WorkRunner;
  /** Tools capabilities offer the language-model gateway beyond the engines (`Capability.gatewayTools`). */
  readonly gatewayTools?: readonly ServerTool[];
}

/** Runs a named heavy task (`src/server/work-tasks.ts`) off the main thread; see `src/server/work-pool.ts`. */
export interface WorkRunner {
  run(task: string, input: unknown): Promise<unknown>;
  close(): Promise<void>;
}
