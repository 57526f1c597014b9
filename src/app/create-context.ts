import { openStoreFromEnv } from '../store/postgres/select-store.js';
import { capabilities, createEngineRegistry, gatewayToolsOf } from './capabilities.js';
import type { AppConfig } from './config.js';
import type { AppContext } from './context.js';

/**
 * The store (a SQLite file in the data folder by default, PostgreSQL when `HEALTHGPT_DATABASE_URL` is set) and every
 * capability's engines and language-model gateway tools.
 */
export function createAppContext(config: AppConfig): AppContext {
  const context: AppContext = {
    config,
    store: openStoreFromEnv(process.env, config.dataDir),
    engines: createEngineRegistry(capabilities),
  };
  return { ...context, gatewayTools: gatewayToolsOf(context) };
}
