import type { z } from 'zod';
import type { ClinicalCase } from '../clinical/case.js';
import type { CaseInputs } from '../engine/case-inputs.js';
import { fieldErrorsFromZod } from '../engine/errors.js';
import { adaDiabetesEngine } from './ada-diabetes.js';
import { brockEngine } from './brock.js';
import { findingFor, findingStatus, observationValue, prefillFromCase, RISK_LOINC } from './case-inputs.js';
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

/** When an engine applies to a case, and what to say when it does not. */
export interface AppliesTo {
  readonly test: (clinicalCase: ClinicalCase) => boolean;
  readonly reason: string;
}

/**
 * What an engine reads from a case: the prefill, the inputs still missing (from the engine's own schema), whether it
 * applies, and the complete input when there is one. The risk panel's prefill, `fromCase` and the 422 of
 * `POST /v1/cases/:id/assessments` all come from this one function.
 */
export function riskCaseInputs(
  engine: AnyRiskEngine,
  clinicalCase: ClinicalCase,
  appliesTo?: AppliesTo,
): CaseInputs {
  const prefill = prefillFromCase(engine.modelId, clinicalCase);
  const parsed = engine.inputSchema.safeParse(prefill.values);
  const missing = parsed.success ? [] : fieldErrorsFromZod(parsed.error);
  // The case's own reason (a deceased patient) comes before the model's scope.
  const applies =
    prefill.notApplicable === undefined && (appliesTo === undefined || appliesTo.test(clinicalCase));
  return {
    values: prefill.values,
    sources: prefill.sources,
    assumedAbsent: prefill.assumedAbsent,
    unknown: prefill.unknown ?? [],
    missing,
    ...(applies ? {} : { notApplicable: prefill.notApplicable ?? appliesTo?.reason }),
    ...(applies && parsed.success ? { input: prefill.values } : {}),
  };
}

/**
 * `fromCase` and `caseInputs` for an engine: `fromCase` returns the prefill only when it is complete valid input and
 * the engine applies (otherwise undefined, so the CDS service and `POST /v1/cases/:id/assessments` never run a model
 * on guessed inputs); `caseInputs` says what is missing or why it does not apply.
 */
export function withFromCase<S extends z.ZodType, Output extends RiskOutput>(
  engine: RiskEngine<S, Output>,
  appliesTo?: AppliesTo,
): RiskEngine<S, Output> & { caseInputs(clinicalCase: ClinicalCase): CaseInputs } {
  const caseInputs = (clinicalCase: ClinicalCase) =>
    riskCaseInputs(engine as unknown as AnyRiskEngine, clinicalCase, appliesTo);
  return {
    ...engine,
    caseInputs,
    fromCase(clinicalCase: ClinicalCase): z.input<S> | undefined {
      return caseInputs(clinicalCase).input as z.input<S> | undefined;
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
  withFromCase(curb65Engine, {
    test: (c) => findingStatus(c, 'pneumonia') === true,
    reason: 'CURB-65 grades a diagnosed community-acquired pneumonia: the case has no pneumonia finding',
  }),
  // Wells is for suspected PE: a PE finding marked possible (or the concept `suspected-pe`).
  withFromCase(wellsPeEngine, {
    test: (c) => {
      const pe = findingFor(c, 'suspectedPe');
      return (
        pe !== undefined &&
        pe.status !== 'absent' &&
        (pe.certainty === 'possible' || pe.conceptId === 'suspected-pe')
      );
    },
    reason: 'the Wells score is for a suspected pulmonary embolism: the case does not mark PE as suspected',
  }),
  withFromCase(cha2ds2VascEngine, {
    test: (c) => findingStatus(c, 'atrialFibrillation') === true,
    reason: 'CHA₂DS₂-VASc is for atrial fibrillation: the case has no atrial fibrillation finding',
  }),
  withFromCase(qsofaEngine, {
    // An infection finding, or (unless the case says there is none) a temperature of 38 °C or more, as the prefill reads it.
    test: (c) => {
      const infection = findingStatus(c, 'suspectedInfection');
      if (infection !== undefined) return infection;
      const temperatureC = observationValue(c, RISK_LOINC.bodyTemperatureC, 'Cel');
      return temperatureC !== undefined && temperatureC >= 38;
    },
    reason: 'qSOFA is for a suspected infection: the case has no infection finding (or temperature ≥ 38 °C)',
  }),
  withFromCase(adaDiabetesEngine),
] as readonly AnyRiskEngine[];

/** The risk engine of an id (`risk.brock`) or model id (`brock`, the former engine id), or undefined. */
export function riskEngine(id: string): AnyRiskEngine | undefined {
  return RISK_ENGINES.find((engine) => engine.id === id || engine.modelId === id);
}
