import type { WebCapability } from '../types.js';
import { FairnessPage } from './FairnessPage.js';
import { FeedbackPanel } from './FeedbackPanel.js';
import './fairness.css';

/** Fairness and learning: the audit page, and clinician feedback on the case page. */
export const fairnessWeb: WebCapability = {
  id: 'fairness',
  pages: [{ path: '/fairness', title: 'Fairness', component: FairnessPage }],
  casePanels: [{ id: 'feedback', title: 'Clinician feedback', component: FeedbackPanel }],
};
