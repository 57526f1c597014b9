import type { WebCapability } from '../types.js';
import { LiteraturePage } from './LiteraturePage.js';
import './literature.css';

/** Literature: the local library (import, search with evidence badges), research gaps, screening projects. */
export const literatureWeb: WebCapability = {
  id: 'literature',
  pages: [{ path: '/literature', title: 'Literature', component: LiteraturePage }],
};
