import type { ClinicalCase, NewClinicalCase } from './case.js';
import type { Finding } from './finding.js';
import type { Observation } from './observation.js';
import type { PatientContext } from './patient.js';

/**
 * Merging what a clinician adds (a note read by the intake, interview answers, accepted image findings) into a case:
 * pure functions, so the API (`POST /v1/cases/{id}/notes`, `POST /v1/cases/{id}/findings`) and the web UI merge the
 * same way.
 */

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
    // The version read: the API client sends it as If-Match, so a save from an older copy is refused, not applied.
    ...(clinicalCase.version !== undefined ? { version: clinicalCase.version } : {}),
  };
}

/** Same concept about the same person: an interview answer or an accepted image finding replaces the earlier one. */
function sameSubject(a: Finding, b: Finding): boolean {
  return a.conceptId === b.conceptId && (a.experiencer ?? 'patient') === (b.experiencer ?? 'patient');
}

/**
 * The case with findings set: each given finding replaces the case's finding for the same concept and person (an
 * answer to "fever?" replaces an earlier unknown), the rest are kept in order.
 */
export function setFindings(clinicalCase: ClinicalCase, findings: readonly Finding[]): NewClinicalCase {
  const kept = clinicalCase.findings.filter((f) => !findings.some((g) => sameSubject(f, g)));
  const { id: _id, createdAt: _c, updatedAt: _u, ...content } = clinicalCase;
  return { ...content, findings: [...kept, ...findings] };
}

/** A note added to the case's note, separated by a blank line and dated, so earlier notes stay as written. */
export function appendNote(existing: string | undefined, text: string, at: string): string {
  const entry = `[${at.slice(0, 16).replace('T', ' ')} UTC]\n${text.trim()}`;
  return existing && existing.trim() !== '' ? `${existing.trimEnd()}\n\n${entry}` : entry;
}
