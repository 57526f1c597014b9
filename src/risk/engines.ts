import type { ClinicalCase } from '../clinical/case.js';
import { adaDiabetesEngine } from './ada-diabetes.js';
import { brockEngine } from './brock.js';
import { findingFor, findingStatus, prefillFromCase } from './case-inputs.js';
import { cha2ds2VascEngine } from './cha2ds2-vasc.js';
import { curb65Engine } from './curb65.js';
import { fleischnerEngine } from './fleischner.js';
import { fusionEngine } from './fusion.js';
import { herderEngine } from './herder.js';
import { lungNoduleEngine } from './lung-nodule.js';
import { lungRadsEngine } from './lung-rads.js';
import { mayoEngine } from './mayo.js';
import { qsofaEngine } from './qsofa.js';
import type { AnyRiskEngine, RiskEngine, RiskOutput } from './risk-engine.js';
import { tiradsEngine } from './tirads.js';
import { wellsPeEngine } from './wells-pe.js';

/**
 * `fromCase` for an engine: the case prefill, returned only when it is complete valid input (otherwise undefined,
 * so the CDS service and `POST /v1/cases/:id/assessments` never run a model on guessed inputs).
 */
export function withFromCase<Input, Output extends RiskOutput>(
  engine: RiskEngine<Input, Output>,
  appliesTo: (clinicalCase: ClinicalCase) => boolean = () => true,
): RiskEngine<Input, Output> {
  return {
    ...engine,
    fromCase(clinicalCase: ClinicalCase): Input | undefined {
      if (!appliesTo(clinicalCase)) return undefined;
      const prefill = prefillFromCase(engine.id, clinicalCase);
      const parsed = engine.inputSchema.safeParse(prefill.values);
      return parsed.success ? (prefill.values as Input) : undefined;
    },
  };
}

/** Every risk engine HealthGPT ships, in display order; engines that can read a case have `fromCase`. */
export const RISK_ENGINES: readonly AnyRiskEngine[] = [
  withFromCase(lungNoduleEngine),
  withFromCase(brockEngine),
  withFromCase(mayoEngine),
  herderEngine,
  lungRadsEngine,
  withFromCase(fleischnerEngine),
  fusionEngine,
  withFromCase(tiradsEngine),
  withFromCase(curb65Engine, (c) => findingStatus(c, 'pneumonia') === true),
  // Wells is for suspected PE: a PE finding marked possible (or the concept `suspected-pe`).
  withFromCase(wellsPeEngine, (c) => {
    const pe = findingFor(c, 'suspectedPe');
    return (
      pe !== undefined &&
      pe.status !== 'absent' &&
      (pe.certainty === 'possible' || pe.conceptId === 'suspected-pe')
    );
  }),
  withFromCase(cha2ds2VascEngine, (c) => findingStatus(c, 'atrialFibrillation') === true),
  withFromCase(qsofaEngine, (c) => findingStatus(c, 'suspectedInfection') === true),
  withFromCase(adaDiabetesEngine),
] as readonly AnyRiskEngine[];

/** The risk engine of an id, or undefined. */
export function riskEngine(id: string): AnyRiskEngine | undefined {
  return RISK_ENGINES.find((engine) => engine.id === id);
}
