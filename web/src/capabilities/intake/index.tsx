import type { WebCapability } from '../types.js';
import { IntakePage } from './IntakePage.js';
import './intake.css';

/** Intake: the live consultation page (type or paste; the record updates as you type). */
export const intakeWeb: WebCapability = {
  id: 'intake',
  pages: [{ path: '/intake', title: 'Intake', component: IntakePage }],
};
