import type { Capability } from '../app/capability.js';
import { registerGuidelineCommands } from './commands.js';
import { registerGuidelineRoutes } from './routes.js';

/**
 * Guidelines: a library of guideline passages in the project's own words (edition, section, citation, supersession)
 * with explained retrieval, `healthgpt eval guideline-qa` and `healthgpt guidelines list|search`. No engine: it is
 * looked up, not computed. See docs/guidelines.md.
 */
export const guidelinesCapability: Capability = {
  id: 'guidelines',
  title: 'Guidelines',
  engines: [],
  registerRoutes: (app) => registerGuidelineRoutes(app),
  registerCommands: registerGuidelineCommands,
};
