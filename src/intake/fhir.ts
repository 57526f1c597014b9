import { randomUUID } from 'node:crypto';
import type {
  Bundle,
  BundleEntry,
  Encounter,
  Extension,
  Observation as FhirObservation,
  Patient,
} from '@medplum/fhirtypes';
import type { Finding } from '../clinical/finding.js';
import { LOINC, type Observation, UCUM } from '../clinical/observation.js';
import { ageInYears, type PatientContext, type Sex } from '../clinical/patient.js';
import type { TextSpan } from '../clinical/span.js';
import type { IntakeRecord } from './record.js';

/**
 * The intake record as a FHIR R4 Bundle (type `collection`): one Patient, one Encounter, and Observations for every
 * value (LOINC code, UCUM `valueQuantity`) and every finding (knowledge-base concept code).
 *
 * Absent findings are kept, not dropped: a yes/no finding is `valueBoolean: true` (present) or `false` (absent); a
 * finding asked about but not established (ConText "possible") has no value and `dataAbsentReason` `unknown`. A
 * finding with a value (a pain location, a 0–10 score) carries it as `valueString` / `valueInteger`, and its status
 * in the `finding-status` extension. ConText temporality, experiencer and certainty, the onset, the duration and the
 * source text span travel in extensions under `https://healthgpt.dev/fhir/StructureDefinition/`, so that
 * `fromFhirBundle` gives back exactly the findings and observations.
 */
export const HEALTHGPT_EXTENSION = 'https://healthgpt.dev/fhir/StructureDefinition';
/** Code system of the knowledge-base concept ids. */
export const KB_CONCEPT_SYSTEM = 'https://healthgpt.dev/fhir/CodeSystem/kb-concept';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const DATA_ABSENT_REASON = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';

const VITAL_SIGN_CODES = new Set([
  '8867-4',
  '9279-1',
  '8310-5',
  '59408-5',
  '29463-7',
  '8302-2',
  '39156-5',
  '8480-6',
  '8462-4',
]);

const ext = (name: string) => `${HEALTHGPT_EXTENSION}/${name}`;

function spanExtension(span: TextSpan): Extension {
  return {
    url: ext('source-span'),
    extension: [
      { url: 'start', valueInteger: span.start },
      { url: 'end', valueInteger: span.end },
      { url: 'text', valueString: span.text },
    ],
  };
}

function readSpan(extensions: readonly Extension[] | undefined): TextSpan | undefined {
  const found = extensions?.find((e) => e.url === ext('source-span'));
  if (!found) return undefined;
  const part = (url: string) => found.extension?.find((e) => e.url === url);
  const start = part('start')?.valueInteger;
  const end = part('end')?.valueInteger;
  const text = part('text')?.valueString;
  return start !== undefined && end !== undefined && text !== undefined ? { start, end, text } : undefined;
}

function category(code: string): FhirObservation['category'] {
  return [{ coding: [{ system: OBSERVATION_CATEGORY, code }] }];
}

/** Blood pressure's systolic and diastolic come from one written value: both keep the same span. */
function valueObservation(o: Observation, subject: string, encounter: string): FhirObservation {
  const kind = VITAL_SIGN_CODES.has(o.code.code)
    ? 'vital-signs'
    : o.code.code === '8664-6'
      ? 'social-history'
      : 'laboratory';
  return {
    resourceType: 'Observation',
    status: 'final',
    category: category(kind),
    code: {
      coding: [
        { system: o.code.system, code: o.code.code, ...(o.code.display ? { display: o.code.display } : {}) },
      ],
    },
    subject: { reference: subject },
    encounter: { reference: encounter },
    ...(o.effectiveDateTime ? { effectiveDateTime: o.effectiveDateTime } : {}),
    valueQuantity: { value: o.value.value, unit: o.value.unit, system: UCUM, code: o.value.unit },
    ...(o.sourceSpan ? { extension: [spanExtension(o.sourceSpan)] } : {}),
  };
}

function findingObservation(
  f: Finding & { label?: string; impliedBy?: string },
  subject: string,
  encounter: string,
): FhirObservation {
  const extension: Extension[] = [{ url: ext('finding-status'), valueCode: f.status }];
  if (f.impliedBy) extension.push({ url: ext('implied-by'), valueCode: f.impliedBy });
  if (f.temporality) extension.push({ url: ext('temporality'), valueCode: f.temporality });
  if (f.experiencer) extension.push({ url: ext('experiencer'), valueCode: f.experiencer });
  if (f.certainty) extension.push({ url: ext('certainty'), valueCode: f.certainty });
  if (f.onset) extension.push({ url: ext('onset'), valueString: f.onset });
  if (f.durationDays !== undefined)
    extension.push({ url: ext('duration-days'), valueDecimal: f.durationDays });
  if (f.sourceSpan) extension.push(spanExtension(f.sourceSpan));
  let value: Partial<FhirObservation>;
  if (f.value === undefined) {
    value =
      f.status === 'unknown'
        ? { dataAbsentReason: { coding: [{ system: DATA_ABSENT_REASON, code: 'unknown' }] } }
        : { valueBoolean: f.status === 'present' };
  } else if (typeof f.value === 'number' && Number.isInteger(f.value)) value = { valueInteger: f.value };
  else if (typeof f.value === 'boolean') value = { valueBoolean: f.value };
  else if (Array.isArray(f.value)) {
    value = { valueString: f.value.join('|') };
    extension.push({ url: ext('value-list'), valueBoolean: true });
  } else value = { valueString: String(f.value) };
  return {
    resourceType: 'Observation',
    status: f.certainty === 'possible' ? 'preliminary' : 'final',
    category: category(
      f.experiencer === 'other' || f.temporality === 'historical' ? 'social-history' : 'exam',
    ),
    code: {
      coding: [{ system: KB_CONCEPT_SYSTEM, code: f.conceptId, ...(f.label ? { display: f.label } : {}) }],
    },
    subject: { reference: subject },
    encounter: { reference: encounter },
    ...value,
    extension,
  };
}

const GENDER: Readonly<Record<Sex, Patient['gender']>> = {
  female: 'female',
  male: 'male',
  other: 'other',
  unknown: 'unknown',
};

/** The record as a FHIR R4 collection Bundle (see the module comment for how findings are represented). */
export function toFhirBundle(record: IntakeRecord, options: { readonly newId?: () => string } = {}): Bundle {
  const newId = options.newId ?? randomUUID;
  const patientUrl = `urn:uuid:${newId()}`;
  const encounterUrl = `urn:uuid:${newId()}`;
  const patient: Patient = {
    resourceType: 'Patient',
    ...(record.patient.sex ? { gender: GENDER[record.patient.sex] } : {}),
  };
  const encounter: Encounter = {
    resourceType: 'Encounter',
    status: record.partial ? 'in-progress' : 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    subject: { reference: patientUrl },
    ...(record.referenceDate ? { period: { start: record.referenceDate } } : {}),
    ...(record.chiefComplaint
      ? {
          reasonCode: [
            {
              coding: [
                {
                  system: KB_CONCEPT_SYSTEM,
                  code: record.chiefComplaint.conceptId,
                  display: record.chiefComplaint.label,
                },
              ],
              text: record.chiefComplaint.sourceSpan.text,
            },
          ],
        }
      : {}),
  };
  const entries: BundleEntry[] = [
    { fullUrl: patientUrl, resource: patient },
    { fullUrl: encounterUrl, resource: encounter },
  ];
  for (const o of record.observations) {
    entries.push({ fullUrl: `urn:uuid:${newId()}`, resource: valueObservation(o, patientUrl, encounterUrl) });
  }
  for (const f of record.findings) {
    entries.push({
      fullUrl: `urn:uuid:${newId()}`,
      resource: findingObservation(f, patientUrl, encounterUrl),
    });
  }
  return { resourceType: 'Bundle', type: 'collection', entry: entries };
}

/** What a bundle written by `toFhirBundle` (or a compatible one) holds, back in the shared clinical types. */
export interface ParsedIntakeBundle {
  readonly patient: PatientContext;
  readonly findings: Finding[];
  readonly observations: Observation[];
}

function code(extensions: readonly Extension[] | undefined, name: string): string | undefined {
  return extensions?.find((e) => e.url === ext(name))?.valueCode;
}

/** Reads a Bundle back: findings from knowledge-base-coded Observations, values from quantity Observations. */
export function fromFhirBundle(bundle: Bundle): ParsedIntakeBundle {
  const findings: Finding[] = [];
  const observations: Observation[] = [];
  let patient: PatientContext = {};
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource;
    if (resource?.resourceType === 'Patient') {
      const gender = resource.gender;
      patient = gender ? { ...patient, sex: gender } : patient;
      continue;
    }
    if (resource?.resourceType !== 'Observation') continue;
    const coding = resource.code?.coding?.[0];
    if (!coding?.code || !coding.system) continue;
    const extensions = resource.extension;
    const sourceSpan = readSpan(extensions);
    if (coding.system === KB_CONCEPT_SYSTEM) {
      const statusCode = code(extensions, 'finding-status');
      const status: Finding['status'] =
        statusCode === 'present' || statusCode === 'absent' || statusCode === 'unknown'
          ? statusCode
          : resource.dataAbsentReason
            ? 'unknown'
            : resource.valueBoolean === false
              ? 'absent'
              : 'present';
      let value: Finding['value'];
      if (resource.valueInteger !== undefined) value = resource.valueInteger;
      else if (resource.valueString !== undefined) {
        const isList = extensions?.some((e) => e.url === ext('value-list') && e.valueBoolean);
        value = isList ? resource.valueString.split('|') : resource.valueString;
      }
      const temporality = code(extensions, 'temporality');
      const experiencer = code(extensions, 'experiencer');
      const certainty = code(extensions, 'certainty');
      const onset = extensions?.find((e) => e.url === ext('onset'))?.valueString;
      const durationDays = extensions?.find((e) => e.url === ext('duration-days'))?.valueDecimal;
      findings.push({
        conceptId: coding.code,
        status,
        ...(value !== undefined ? { value } : {}),
        ...(onset ? { onset } : {}),
        ...(durationDays !== undefined ? { durationDays } : {}),
        ...(temporality === 'recent' || temporality === 'historical' || temporality === 'hypothetical'
          ? { temporality }
          : {}),
        ...(experiencer === 'patient' || experiencer === 'other' ? { experiencer } : {}),
        ...(certainty === 'definite' || certainty === 'possible' ? { certainty } : {}),
        ...(sourceSpan ? { sourceSpan } : {}),
      });
      continue;
    }
    const quantity = resource.valueQuantity;
    if (quantity?.value === undefined) continue;
    const ageYears =
      coding.system === LOINC && coding.code === '30525-0'
        ? ageInYears({ value: quantity.value, unit: quantity.code ?? quantity.unit ?? 'a' })
        : undefined;
    if (ageYears !== undefined && patient.ageYears === undefined) patient = { ...patient, ageYears };
    observations.push({
      code: {
        system: coding.system,
        code: coding.code,
        ...(coding.display ? { display: coding.display } : {}),
      },
      value: { value: quantity.value, unit: quantity.code ?? quantity.unit ?? '1' },
      ...(resource.effectiveDateTime ? { effectiveDateTime: resource.effectiveDateTime } : {}),
      ...(sourceSpan ? { sourceSpan } : {}),
    });
  }
  return { patient, findings, observations };
}
