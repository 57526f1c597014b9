import type { WebCapability } from '../types.js';

/** risk: its pages and case panels are added here when its issue lands. */
export const riskWeb: WebCapability = { id: 'risk' };
