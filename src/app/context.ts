import type { EngineRegistry } from '../engine/registry.js';
import type { Store } from '../store/store.js';
import type { AppConfig } from './config.js';

/** What adapters (HTTP, CLI, CDS Hooks) hand to capabilities: the store, the engines, the settings. */
export interface AppContext {
  readonly config: AppConfig;
  readonly store: Store;
  readonly engines: EngineRegistry;
}
