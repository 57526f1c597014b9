import type { WebCapability } from '../types.js';

/** forecast: its pages and case panels are added here when its issue lands. */
export const forecastWeb: WebCapability = { id: 'forecast' };
