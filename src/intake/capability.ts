import type { Capability } from '../app/capability.js';

/** Intake: placeholder until its issue lands (engines, routes and commands are added here). */
export const intakeCapability: Capability = {
  id: 'intake',
  title: 'Intake',
  engines: [],
};
