import type { Capability } from '../app/capability.js';

/** Risk: placeholder until its issue lands (engines, routes and commands are added here). */
export const riskCapability: Capability = {
  id: 'risk',
  title: 'Risk',
  engines: [],
};
