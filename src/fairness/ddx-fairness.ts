import type { DdxplusPatient } from '../diagnosis/ddxplus/patients.js';
import { rankedDifferential } from '../diagnosis/eval/evaluate.js';
import type { DdxLogisticModel } from '../diagnosis/model/logistic.js';
import { fullState } from '../diagnosis/model/state.js';
import { HealthGptError } from '../engine/errors.js';
import {
  type AuditGroup,
  type AuditItem,
  type AuditOptions,
  type AuditReport,
  auditSubgroups,
  DEMOGRAPHIC_ATTRIBUTES,
  demographicAttributes,
} from './audit.js';

/** A group of the diagnosis audit, in the `healthgpt eval fairness` contract (plus the test's details). */
export interface DdxFairnessGroup extends Omit<AuditGroup, 'value_right'> {
  readonly gtpa_at_1: number;
}

/** `healthgpt eval fairness --json`. */
export interface DdxFairnessReport {
  readonly n: number;
  readonly model_version: string;
  readonly mode: 'full';
  readonly overall: Omit<AuditReport['overall'], 'value_right'> & { readonly gtpa_at_1: number };
  readonly groups: readonly DdxFairnessGroup[];
  readonly method: AuditReport['method'];
}

/**
 * Checks DDXPlus patients against a model before evaluating: every pathology and evidence must be one the model
 * knows, or the patient is refused with the 1-based row (data row 1 = CSV line 2).
 */
export function checkDdxPatients(
  model: DdxLogisticModel,
  patients: readonly DdxplusPatient[],
  label: string,
): void {
  patients.forEach((patient, i) => {
    if (!model.index.conditionIndex.has(patient.pathology))
      throw HealthGptError.invalid(`${label} row ${i + 1}: unknown pathology '${patient.pathology}'`);
    try {
      fullState(model.index, patient);
    } catch (error) {
      throw HealthGptError.invalid(`${label} row ${i + 1}: ${(error as Error).message}`);
    }
  });
}

/**
 * Audit items of a diagnosis model on DDXPlus patients in full-evidence mode (every evidence known, as `eval ddx
 * --mode full`): right = the true pathology ranked first in the differential (GTPA@1); confidence = the top
 * condition's calibrated posterior; must-not-miss (severity ≤ 2) patients: the pathology in the top 5.
 */
export function ddxAuditItems(model: DdxLogisticModel, patients: readonly DdxplusPatient[]): AuditItem[] {
  const system = {
    scorer: model,
    table: model.table,
    differentialHead: (s: Parameters<typeof model.differential>[0]) => model.differential(s),
  };
  return patients.map((patient) => {
    const predicted = rankedDifferential(system, fullState(model.index, patient));
    const rank = predicted.findIndex((entry) => entry.name === patient.pathology);
    const condition = model.index.conditionIndex.get(patient.pathology)!;
    return {
      correct: rank === 0,
      attributes: demographicAttributes(patient),
      confidence: predicted[0]?.probability ?? 0,
      ...(model.index.mustNotMiss[condition] ? { mustNotMissHit: rank >= 0 && rank < 5 } : {}),
    };
  });
}

/** Renames the audit's generic `value_right` to the diagnosis metric's name. */
export function toDdxFairnessReport(report: AuditReport, modelVersion: string): DdxFairnessReport {
  const { value_right, ...overall } = report.overall;
  return {
    n: report.n,
    model_version: modelVersion,
    mode: 'full',
    overall: { gtpa_at_1: value_right, ...overall },
    groups: report.groups.map(({ value_right: v, ...group }) => ({ ...group, gtpa_at_1: v })),
    method: report.method,
  };
}

/** The subgroup audit of a diagnosis model on DDXPlus patients: sex, age band, sex × age band. */
export function ddxFairnessReport(
  model: DdxLogisticModel,
  patients: readonly DdxplusPatient[],
  options: AuditOptions = {},
): DdxFairnessReport {
  const report = auditSubgroups(ddxAuditItems(model, patients), {
    attributes: DEMOGRAPHIC_ATTRIBUTES,
    ...options,
  });
  return toDdxFairnessReport(report, model.modelVersion);
}

/**
 * Overall GTPA@1 minus the lowest sex × age-band group's (groups of at least `minN` patients; 0 when none): the
 * `worst_group_gap` of `healthgpt eval feedback`.
 */
export function worstGroupGap(
  report: { overall: { gtpa_at_1: number }; groups: readonly DdxFairnessGroup[] },
  minN = 1,
): number {
  const cross = report.groups.filter((g) => g.attribute === 'sex_x_age_band' && g.n >= minN);
  if (cross.length === 0) return 0;
  return report.overall.gtpa_at_1 - Math.min(...cross.map((g) => g.gtpa_at_1));
}
