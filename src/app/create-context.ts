import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite-store.js';
import { capabilities, createEngineRegistry } from './capabilities.js';
import type { AppConfig } from './config.js';
import type { AppContext } from './context.js';

/** The embedded deployment: a SQLite file in the data folder and every capability's engines. */
export function createAppContext(config: AppConfig): AppContext {
  return {
    config,
    store: openSqliteStore(join(config.dataDir, 'healthgpt.db')),
    engines: createEngineRegistry(capabilities),
  };
}
