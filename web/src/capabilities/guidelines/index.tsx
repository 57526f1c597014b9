import type { WebCapability } from '../types.js';
import { GuidelinesPage } from './GuidelinesPage.js';
import './guidelines.css';

/** Guidelines: search the guideline library, with edition status and the reasons for each rank. */
export const guidelinesWeb: WebCapability = {
  id: 'guidelines',
  pages: [{ path: '/guidelines', title: 'Guidelines', component: GuidelinesPage }],
};
