import type { WebCapability } from '../types.js';
import { IntakePage } from './IntakePage.js';
import { IntakePanel } from './IntakePanel.js';
import './intake.css';

/** Intake: the live consultation page (saves to a new or existing case), and the case page's note field. */
export const intakeWeb: WebCapability = {
  id: 'intake',
  pages: [{ path: '/intake', title: 'Intake', component: IntakePage }],
  casePanels: [{ id: 'intake', title: 'Consultation note', component: IntakePanel }],
};
