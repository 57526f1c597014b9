import type { Capability } from '../app/capability.js';
import { registerIntakeCommands } from './commands.js';
import { intakeEngine } from './engine.js';
import { registerIntakeRoutes } from './routes.js';

/** Intake: consultation text (typed, pasted or dictated) to a structured record, in real time. See docs/intake.md. */
export const intakeCapability: Capability = {
  id: 'intake',
  title: 'Intake',
  engines: [intakeEngine],
  registerRoutes: registerIntakeRoutes,
  registerCommands: registerIntakeCommands,
};
