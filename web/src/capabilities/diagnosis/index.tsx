import type { WebCapability } from '../types.js';
import { DifferentialPanel } from './DifferentialPanel.js';
import { InterviewPanel } from './InterviewPanel.js';
import './diagnosis.css';

/** Diagnosis: the differential panel and the adaptive interview panel on the case page. */
export const diagnosisWeb: WebCapability = {
  id: 'diagnosis',
  casePanels: [
    { id: 'differential', title: 'Differential diagnosis', component: DifferentialPanel },
    { id: 'interview', title: 'Patient interview', component: InterviewPanel },
  ],
};
