import type { WebCapability } from '../types.js';

/** intake: its pages and case panels are added here when its issue lands. */
export const intakeWeb: WebCapability = { id: 'intake' };
