import type { Capability } from '../app/capability.js';
import { registerTriageCommands } from './commands.js';
import { triageEngine } from './engine.js';
import { registerTriageRoutes } from './routes.js';

/** Triage: four levels with reasons, from red flags, NEWS2 and the open differential. See docs/triage.md. */
export const triageCapability: Capability = {
  id: 'triage',
  title: 'Triage',
  engines: [triageEngine],
  registerRoutes: registerTriageRoutes,
  registerCommands: registerTriageCommands,
};
