import type { Capability } from '../app/capability.js';
import { riskCdsServices } from './cds.js';
import { registerRiskCommands } from './commands.js';
import { RISK_ENGINES } from './engines.js';
import { registerRiskRoutes } from './routes.js';

/**
 * Risk: published clinical risk models and scores (Brock, Mayo, Herder, Lung-RADS, Fleischner, TI-RADS, CURB-65,
 * Wells, CHA₂DS₂-VASc, qSOFA, ADA Standards of Care), likelihood-ratio evidence fusion, and guideline-based next steps from
 * versioned guideline sets. See docs/risk.md.
 */
export const riskCapability: Capability = {
  id: 'risk',
  title: 'Risk',
  engines: RISK_ENGINES,
  registerRoutes: registerRiskRoutes,
  registerCommands: registerRiskCommands,
  cdsServices: riskCdsServices,
};
