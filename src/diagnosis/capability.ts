import type { Capability } from '../app/capability.js';
import type { AnyEngine } from '../engine/engine.js';
import { registerDiagnosisCommands } from './commands.js';
import { ddxEngine } from './ddx-engine.js';
import { registerDiagnosisRoutes } from './routes.js';

/**
 * Diagnosis: a learned differential diagnosis over the knowledge base's conditions with an adaptive patient
 * interview (see docs/diagnosis.md). The engine (and its weights) load on first use.
 */
export const diagnosisCapability: Capability = {
  id: 'diagnosis',
  title: 'Diagnosis',
  get engines(): readonly AnyEngine[] {
    return [ddxEngine().engine];
  },
  registerRoutes: (app, context) => registerDiagnosisRoutes(app, context),
  registerCommands: (program, cli) => registerDiagnosisCommands(program, cli),
};
