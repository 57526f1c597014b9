import type { WebCapability } from '../types.js';
import { FederatedPage } from './FederatedPage.js';

/** Federated learning: the runs coordinated from this install (administrators). */
export const federatedWeb: WebCapability = {
  id: 'federated',
  pages: [{ path: '/federated', title: 'Federated', component: FederatedPage }],
};
