import type { Capability } from '../app/capability.js';
import { registerLiteratureCommands } from './commands.js';
import { literatureGatewayTool } from './gateway-tool.js';
import { registerLiteratureRoutes } from './routes.js';

/**
 * Literature and evidence: a local library (MEDLINE XML, BEIR JSONL, RIS, CSV) searched with BM25 + sentence
 * embeddings and a learned fusion, evidence levels (Oxford CEBM 2011), screening projects with active learning,
 * research gaps, and the PubMed E-utilities client. No engine: nothing here computes on a patient. See
 * docs/literature.md.
 */
export const literatureCapability: Capability = {
  id: 'literature',
  title: 'Literature',
  engines: [],
  registerRoutes: (app, context) => registerLiteratureRoutes(app, context),
  registerCommands: registerLiteratureCommands,
  gatewayTools: (context) => [literatureGatewayTool(context)],
};
