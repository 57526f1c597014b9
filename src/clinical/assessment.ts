import type { Differential, Explanation, Provenance, Recommendation, RiskEstimate } from './outputs.js';

/** The stored result of running one engine on one case. */
export interface Assessment {
  readonly id: string;
  readonly caseId: string;
  readonly engineId: string;
  readonly differential?: Differential;
  readonly risk?: RiskEstimate;
  readonly recommendations?: readonly Recommendation[];
  /** Engine-specific output, kept as JSON. */
  readonly output?: unknown;
  readonly explanation: Explanation;
  readonly provenance: Provenance;
  readonly createdAt: string;
}

export type NewAssessment = Omit<Assessment, 'id' | 'createdAt'>;
