/**
 * HealthGPT as a library: the shared clinical types, the engine contracts, every capability's engines, the server
 * and the stores. Capability internals are reachable as `healthgpt/<capability>/<module>` (e.g.
 * `healthgpt/intake/default`, `healthgpt/risk/index`).
 */

export { capabilities, createEngineRegistry } from './app/capabilities.js';
export type { Capability } from './app/capability.js';
export { type AppConfig, loadConfig } from './app/config.js';
export type { AppContext } from './app/context.js';
export { createAppContext } from './app/create-context.js';
export * from './clinical/index.js';
export * from './deid/index.js';
export * from './engine/index.js';
export { caseToBundle } from './fhir/export-bundle.js';
export { bundleToCase, FhirImportError, type ImportReport, importBundle } from './fhir/import-bundle.js';
export * as operations from './operations/index.js';
export * as risk from './risk/index.js';
export { createServer } from './server/create-server.js';
export { openStoreFromEnv } from './store/postgres/select-store.js';
export { openSqliteStore } from './store/sqlite-store.js';
export type { Store } from './store/store.js';
