import type { Capability } from '../app/capability.js';
import { registerLearningCommands } from './commands.js';
import { registerLearningRoutes } from './routes.js';

/**
 * Learning from clinicians: feedback on cases, the diagnosis model registry (active / candidate / retired), training
 * candidates from confirmed cases, the promotion rule and rollback (see docs/learning.md). No engines of its own.
 */
export const learningCapability: Capability = {
  id: 'learning',
  title: 'Learning from clinicians',
  engines: [],
  registerRoutes: (app, context) => registerLearningRoutes(app, context),
  registerCommands: (program, cli) => registerLearningCommands(program, cli),
};
