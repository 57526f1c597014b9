import type { ClinicalCase } from '../clinical/case.js';
import type { FieldError } from './errors.js';

/**
 * What an engine reads from a case, in full: the values found (with where each came from), what is still missing,
 * and whether the engine applies to this case at all. The one function behind a panel's prefill, `fromCase`, and
 * the reason `POST /v1/cases/{id}/assessments` gives when it cannot run, so the three never disagree.
 */
export interface CaseInputs {
  /** Input values read from the case (partial). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Field → where the value came from (e.g. `observation LOINC 9279-1`). */
  readonly sources: Readonly<Record<string, string>>;
  /** Yes/no fields the case does not mention, filled as no (listed so the UI can say so). Risk engines fill none. */
  readonly assumedAbsent: readonly string[];
  /** Inputs the case does not state that the engine accepts as unknown: left out, never filled as no. */
  readonly unknown?: readonly string[];
  /** Inputs the engine needs that the case does not hold (JSON pointers into the input). */
  readonly missing: readonly FieldError[];
  /** Why the engine does not apply to this case (e.g. CURB-65 needs a diagnosed pneumonia), when it does not. */
  readonly notApplicable?: string;
  /** The complete, valid input, when there is one: exactly what `fromCase` returns. */
  readonly input?: unknown;
}

/** An engine that can say what it reads from a case. */
export interface CaseInputsProvider {
  caseInputs(clinicalCase: ClinicalCase): CaseInputs;
}

export function hasCaseInputs<E extends object>(engine: E): engine is E & CaseInputsProvider {
  return typeof (engine as Partial<CaseInputsProvider>).caseInputs === 'function';
}

/** One sentence naming what is missing, for a problem document or a panel. */
export function describeMissing(inputs: CaseInputs, label: (field: string) => string = (f) => f): string {
  if (inputs.notApplicable) return inputs.notApplicable;
  if (inputs.missing.length === 0) return 'nothing is missing';
  const names = [
    ...new Set(inputs.missing.map((e) => label(e.field.replace(/^\//, '').split('/')[0] ?? e.field))),
  ];
  return `the case does not hold: ${names.join(', ')}`;
}
