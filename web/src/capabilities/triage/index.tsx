import type { WebCapability } from '../types.js';
import { TriagePanel } from './TriagePanel.js';
import './triage.css';

/** Triage: the level and its reasons on the case page. */
export const triageWeb: WebCapability = {
  id: 'triage',
  casePanels: [{ id: 'triage', title: 'Triage', component: TriagePanel }],
};
