import type { ClinicalCase, NewClinicalCase } from '../../../../src/clinical/case.js';
import type { Finding } from '../../../../src/clinical/finding.js';
import type { Observation } from '../../../../src/clinical/observation.js';
import type { PatientContext } from '../../../../src/clinical/patient.js';

/**
 * The case with what the intake read from its note added: findings not already on the case (same concept and
 * value), values not already there (same code and source span), age and sex only where the case has none.
 */
export function mergeIntoCase(
  clinicalCase: ClinicalCase,
  read: {
    readonly findings: readonly Finding[];
    readonly observations: readonly Observation[];
    readonly patient: PatientContext;
  },
): NewClinicalCase {
  const findingKey = (f: Finding) => `${f.conceptId}\u0000${JSON.stringify(f.value ?? null)}`;
  const haveFindings = new Set(clinicalCase.findings.map(findingKey));
  const observationKey = (o: Observation) =>
    `${o.code.system}|${o.code.code}|${o.sourceSpan?.start ?? ''}|${o.value.value}`;
  const haveObservations = new Set(clinicalCase.observations.map(observationKey));
  return {
    title: clinicalCase.title,
    patient: {
      ...clinicalCase.patient,
      ...(clinicalCase.patient.ageYears === undefined && read.patient.ageYears !== undefined
        ? { ageYears: read.patient.ageYears }
        : {}),
      ...((clinicalCase.patient.sex === undefined || clinicalCase.patient.sex === 'unknown') &&
      read.patient.sex
        ? { sex: read.patient.sex }
        : {}),
    },
    findings: [...clinicalCase.findings, ...read.findings.filter((f) => !haveFindings.has(findingKey(f)))],
    observations: [
      ...clinicalCase.observations,
      ...read.observations.filter((o) => !haveObservations.has(observationKey(o))),
    ],
    images: clinicalCase.images,
    ...(clinicalCase.note !== undefined ? { note: clinicalCase.note } : {}),
  };
}
