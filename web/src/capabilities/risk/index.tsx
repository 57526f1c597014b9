import type { WebCapability } from '../types.js';
import { RiskPage } from './RiskPage.js';
import { RiskPanel } from './RiskPanel.js';
import './risk.css';

/** Risk: the stand-alone calculator page and the risk panel on the case page. */
export const riskWeb: WebCapability = {
  id: 'risk',
  pages: [{ path: '/risk', title: 'Risk', component: RiskPage }],
  casePanels: [{ id: 'risk', title: 'Risk models', component: RiskPanel }],
};
