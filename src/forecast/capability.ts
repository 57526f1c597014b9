import type { Capability } from '../app/capability.js';

/** Forecast: placeholder until its issue lands (engines, routes and commands are added here). */
export const forecastCapability: Capability = {
  id: 'forecast',
  title: 'Forecast',
  engines: [],
};
