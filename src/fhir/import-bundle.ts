import type { Bundle, Condition, Observation as FhirObservation, Patient } from '@medplum/fhirtypes';
import type { NewClinicalCase } from '../clinical/case.js';
import type { Finding } from '../clinical/finding.js';
import type { Coding, Observation } from '../clinical/observation.js';
import type { PatientContext, Sex } from '../clinical/patient.js';
import { type FieldError, HealthGptError } from '../engine/errors.js';
import { HEALTHGPT_CONCEPT_SYSTEM } from './systems.js';

/**
 * Raised when a FHIR bundle cannot become a case (code `unprocessable`); `fieldErrors` name each resource and field
 * at fault as JSON pointers into the bundle (`/entry/0/resource/gender`).
 */
export class FhirImportError extends HealthGptError {
  constructor(fieldErrors: readonly FieldError[]) {
    super(
      'unprocessable',
      `invalid FHIR bundle: ${fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      { fieldErrors, title: 'Invalid FHIR bundle' },
    );
    this.name = 'FhirImportError';
  }
}

const GENDERS: Record<string, Sex> = { female: 'female', male: 'male', other: 'other', unknown: 'unknown' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Age in completed years on `today` of someone born on `birthDate` (YYYY, YYYY-MM or YYYY-MM-DD). */
export function ageOn(birthDate: string, today: Date): number | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(birthDate);
  if (!match) return undefined;
  const [year, month = 1, day = 1] = [Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1)];
  let age = today.getUTCFullYear() - year;
  const beforeBirthday =
    today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  if (beforeBirthday) age--;
  return age;
}

function firstCoding(codeable: unknown): Coding | undefined {
  if (!isRecord(codeable) || !Array.isArray(codeable.coding)) return undefined;
  const coding = codeable.coding.find((c) => isRecord(c) && typeof c.code === 'string');
  if (!isRecord(coding)) return undefined;
  return {
    system: typeof coding.system === 'string' ? coding.system : 'urn:unknown',
    code: String(coding.code),
    ...(typeof coding.display === 'string' ? { display: coding.display } : {}),
  };
}

/** LOINC 30525-0 "Age" in years: how HealthGPT carries age when a Patient has no birth date. */
export const AGE_LOINC = '30525-0';

function isAgeObservation(observation: Observation): boolean {
  return (
    observation.code.system === 'http://loinc.org' &&
    observation.code.code === AGE_LOINC &&
    observation.value.unit === 'a'
  );
}

/** A HealthGPT concept id for a coding: the code itself for our own system, `system|code` otherwise. */
function conceptIdOf(coding: Coding): string {
  return coding.system === HEALTHGPT_CONCEPT_SYSTEM ? coding.code : `${coding.system}|${coding.code}`;
}

function readPatient(patient: Patient, today: Date, at: string, errors: FieldError[]): PatientContext {
  const context: { ageYears?: number; sex?: Sex } = {};
  if (patient.gender !== undefined) {
    const sex = GENDERS[patient.gender];
    if (sex) context.sex = sex;
    else errors.push({ field: `${at}/gender`, message: `unknown gender '${String(patient.gender)}'` });
  }
  if (patient.birthDate !== undefined) {
    const age = typeof patient.birthDate === 'string' ? ageOn(patient.birthDate, today) : undefined;
    if (age === undefined || age < 0 || age > 120) {
      errors.push({
        field: `${at}/birthDate`,
        message: 'must be a FHIR date (YYYY-MM-DD) giving an age of 0–120',
      });
    } else context.ageYears = age;
  }
  return context;
}

function readObservation(
  resource: FhirObservation,
  at: string,
  errors: FieldError[],
): { observation?: Observation; finding?: Finding } {
  const code = firstCoding(resource.code);
  if (!code) {
    errors.push({ field: `${at}/code`, message: 'an Observation needs code.coding with a code' });
    return {};
  }
  const effective =
    typeof resource.effectiveDateTime === 'string' ? { effectiveDateTime: resource.effectiveDateTime } : {};
  if (resource.valueQuantity !== undefined) {
    const { value, unit, code: ucum } = resource.valueQuantity;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      errors.push({ field: `${at}/valueQuantity/value`, message: 'must be a number' });
      return {};
    }
    const unitText = ucum ?? unit;
    if (typeof unitText !== 'string' || unitText === '') {
      errors.push({
        field: `${at}/valueQuantity/code`,
        message: 'a quantity needs a UCUM unit (code or unit)',
      });
      return {};
    }
    const range = resource.referenceRange?.[0];
    const quantity = (q: { value?: number; code?: string; unit?: string } | undefined) =>
      q && typeof q.value === 'number' ? { value: q.value, unit: q.code ?? q.unit ?? unitText } : undefined;
    const low = quantity(range?.low);
    const high = quantity(range?.high);
    return {
      observation: {
        code,
        value: { value, unit: unitText },
        ...(low || high ? { referenceRange: { ...(low ? { low } : {}), ...(high ? { high } : {}) } } : {}),
        ...effective,
      },
    };
  }
  const label = code.display && code.system !== HEALTHGPT_CONCEPT_SYSTEM ? { label: code.display } : {};
  if (typeof resource.valueBoolean === 'boolean') {
    return {
      finding: {
        conceptId: conceptIdOf(code),
        ...label,
        status: resource.valueBoolean ? 'present' : 'absent',
      },
    };
  }
  if (resource.valueCodeableConcept !== undefined) {
    const value = firstCoding(resource.valueCodeableConcept);
    return {
      finding: {
        conceptId: conceptIdOf(code),
        ...label,
        status: 'present',
        ...(value ? { value: value.code } : {}),
      },
    };
  }
  if (resource.dataAbsentReason !== undefined)
    return { finding: { conceptId: conceptIdOf(code), ...label, status: 'unknown' } };
  errors.push({
    field: `${at}`,
    message: 'an Observation needs valueQuantity, valueBoolean, valueCodeableConcept or dataAbsentReason',
  });
  return {};
}

function readCondition(resource: Condition, at: string, errors: FieldError[]): Finding | undefined {
  const code = firstCoding(resource.code);
  if (!code) {
    errors.push({ field: `${at}/code`, message: 'a Condition needs code.coding with a code' });
    return undefined;
  }
  const verification = firstCoding(resource.verificationStatus)?.code;
  const clinical = firstCoding(resource.clinicalStatus)?.code;
  const status = verification === 'refuted' ? 'absent' : 'present';
  const historical = clinical === 'resolved' || clinical === 'inactive' || clinical === 'remission';
  return {
    conceptId: conceptIdOf(code),
    ...(code.display ? { label: code.display } : {}),
    status,
    ...(historical ? { temporality: 'historical' as const } : {}),
    ...(verification === 'provisional' || verification === 'differential'
      ? { certainty: 'possible' as const }
      : {}),
    ...(typeof resource.onsetDateTime === 'string' ? { onset: resource.onsetDateTime } : {}),
  };
}

/**
 * Reads a FHIR R4 Bundle (https://hl7.org/fhir/R4/bundle.html) of one Patient with Observations and Conditions
 * into a new case. Other resource types are ignored; every problem is collected and thrown as one
 * `FhirImportError`, so nothing is half-imported.
 */
export function bundleToCase(
  input: unknown,
  options: { today?: Date; title?: string } = {},
): NewClinicalCase {
  const errors: FieldError[] = [];
  if (!isRecord(input) || input.resourceType !== 'Bundle') {
    throw new FhirImportError([{ field: '/resourceType', message: "must be 'Bundle'" }]);
  }
  const bundle = input as unknown as Bundle;
  if (bundle.entry !== undefined && !Array.isArray(bundle.entry)) {
    throw new FhirImportError([{ field: '/entry', message: 'must be an array' }]);
  }
  const today = options.today ?? new Date();
  let patient: PatientContext = {};
  let patientAge: number | undefined;
  let patientCount = 0;
  let title = options.title;
  const findings: Finding[] = [];
  const observations: Observation[] = [];
  (bundle.entry ?? []).forEach((entry, index) => {
    const at = `/entry/${index}/resource`;
    const resource: unknown = isRecord(entry) ? entry.resource : undefined;
    if (!isRecord(resource) || typeof resource.resourceType !== 'string') {
      errors.push({ field: at, message: 'each entry needs a resource with a resourceType' });
      return;
    }
    switch (resource.resourceType) {
      case 'Patient': {
        patientCount++;
        patient = readPatient(resource as unknown as Patient, today, at, errors);
        // Never the Patient's id or identifiers: they are often the MRN, and titles are shown in lists.
        title ??= 'Imported patient';
        break;
      }
      case 'Observation': {
        const read = readObservation(resource as unknown as FhirObservation, at, errors);
        if (read.observation && isAgeObservation(read.observation)) {
          patientAge = read.observation.value.value;
          break;
        }
        if (read.observation) observations.push(read.observation);
        if (read.finding) findings.push(read.finding);
        break;
      }
      case 'Condition': {
        const finding = readCondition(resource as unknown as Condition, at, errors);
        if (finding) findings.push(finding);
        break;
      }
      default:
        break;
    }
  });
  if (patientCount > 1)
    errors.push({ field: '/entry', message: 'a bundle must hold one Patient, not several' });
  if (patientAge !== undefined && patient.ageYears === undefined) {
    if (patientAge < 0 || patientAge > 120)
      errors.push({ field: '/entry', message: 'age observation must be 0–120 years' });
    else patient = { ...patient, ageYears: Math.floor(patientAge) };
  }
  if (errors.length > 0) throw new FhirImportError(errors);
  return { title: title ?? 'Imported FHIR bundle', patient, findings, observations, images: [] };
}
