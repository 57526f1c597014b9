import type { WebCapability } from '../types.js';

/** diagnosis: its pages and case panels are added here when its issue lands. */
export const diagnosisWeb: WebCapability = { id: 'diagnosis' };
