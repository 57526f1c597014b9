import type { WebCapability } from '../types.js';
import { IntakePage } from './IntakePage.js';
import { IntakePanel } from './IntakePanel.js';
import './intake.css';

/** Intake: the live consultation page, and a case panel that reads the case's note into findings and values. */
export const intakeWeb: WebCapability = {
  id: 'intake',
  pages: [{ path: '/intake', title: 'Intake', component: IntakePage }],
  casePanels: [{ id: 'intake', title: 'Consultation note', component: IntakePanel }],
};
