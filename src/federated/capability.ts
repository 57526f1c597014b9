import type { Capability } from '../app/capability.js';
import { registerFederatedCommands } from './commands.js';
import { registerFederatedRoutes } from './routes.js';

/**
 * Federated learning across hospitals: sites train on their own rows and send only (securely aggregated, optionally
 * differentially private) model updates to a coordinator. See docs/federated.md.
 */
export const federatedCapability: Capability = {
  id: 'federated',
  title: 'Federated learning',
  engines: [],
  registerRoutes: registerFederatedRoutes,
  registerCommands: registerFederatedCommands,
};
