import type { Capability } from '../app/capability.js';

/** Vision: placeholder until its issue lands (engines, routes and commands are added here). */
export const visionCapability: Capability = {
  id: 'vision',
  title: 'Vision',
  engines: [],
};
