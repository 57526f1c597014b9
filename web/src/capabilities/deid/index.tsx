import type { WebCapability } from '../types.js';
import { DeidPage } from './DeidPage.js';
import './deid.css';

/** De-identification: a note with removals highlighted beside its surrogate version. */
export const deidWeb: WebCapability = {
  id: 'deid',
  pages: [{ path: '/deid', title: 'De-identify', component: DeidPage }],
};
