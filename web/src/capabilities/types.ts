import type { ComponentType } from 'react';
import type { ClinicalCase } from '../../../src/clinical/case.js';

/** What a panel on the case page receives. */
export interface CasePanelProps {
  readonly clinicalCase: ClinicalCase;
  /** Reload the case (after a panel changed it). */
  readonly refresh: () => void;
}

/** A capability's part of the web UI: whole pages (in the nav bar) and panels on the case page. */
export interface WebCapability {
  readonly id: string;
  readonly pages?: readonly { path: string; title: string; component: ComponentType }[];
  readonly casePanels?: readonly { id: string; title: string; component: ComponentType<CasePanelProps> }[];
}
