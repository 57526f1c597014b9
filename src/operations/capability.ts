import type { Capability } from '../app/capability.js';
import { registerOperationsCommands } from './commands.js';
import { registerOperationsRoutes } from './routes.js';

/**
 * Operations: what a forecast does for a department — a discrete-event simulation of the wait to be seen under a
 * rota, and flat, historical-template and forecast-driven rotas compared at equal staff-hours on real arrivals.
 * No engine of its own: it uses the forecast module's models and Erlang C. See docs/operations.md.
 */
export const operationsCapability: Capability = {
  id: 'operations',
  title: 'Operations',
  engines: [],
  registerRoutes: registerOperationsRoutes,
  registerCommands: registerOperationsCommands,
};
