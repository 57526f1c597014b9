import type { Capability } from '../app/capability.js';
import { registerFairnessCommands } from './commands.js';
import { registerFairnessRoutes } from './routes.js';

/**
 * Fairness: subgroup audits (accuracy with bootstrap intervals, calibration, must-not-miss recall, a Holm-corrected
 * test of each group against the rest) for the diagnosis model and any engine with labelled data, alerts, and repair
 * by reweighting or group-balanced sampling (see docs/fairness.md).
 */
export const fairnessCapability: Capability = {
  id: 'fairness',
  title: 'Fairness',
  engines: [],
  registerRoutes: (app, context) => registerFairnessRoutes(app, context),
  registerCommands: (program, cli) => registerFairnessCommands(program, cli),
};
