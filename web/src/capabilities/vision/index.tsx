import type { WebCapability } from '../types.js';

/** vision: its pages and case panels are added here when its issue lands. */
export const visionWeb: WebCapability = { id: 'vision' };
