import type { Capability } from '../app/capability.js';

/** Diagnosis: placeholder until its issue lands (engines, routes and commands are added here). */
export const diagnosisCapability: Capability = {
  id: 'diagnosis',
  title: 'Diagnosis',
  engines: [],
};
