import type { NewClinicalCase } from '../clinical/case.js';
import type { Finding } from '../clinical/finding.js';
import type { Coding, Observation } from '../clinical/observation.js';
import type { PatientContext, Sex } from '../clinical/patient.js';
import { ageInYears } from '../clinical/patient.js';
import type { SourceRecord } from '../clinical/source.js';
import { temperatureCelsius } from '../clinical/units.js';
import { boundFieldErrors, type FieldError, HealthGptError } from '../engine/errors.js';
import {
  isKnownLoinc,
  LOINC,
  LOINC_OBSERVATIONS,
  mapCodings,
  SMOKING_ANSWERS,
  SMOKING_CONCEPT_NAMES,
  SMOKING_STATUS_LOINC,
} from './mapping.js';
import { DECEASED_CONCEPT_ID, HEALTHGPT_CONCEPT_SYSTEM } from './systems.js';

export { DECEASED_CONCEPT_ID };

/**
 * Raised when a FHIR bundle cannot become a case (code `unprocessable`); `fieldErrors` name each resource and field
 * at fault as JSON pointers into the bundle (`/entry/0/resource/gender`): the first `MAX_REPORTED_FIELD_ERRORS`
 * (100), with `details: { errorCount, errorsShown }` and the count in the message when there were more, so a large
 * bad bundle gets a bounded, readable answer.
 */
export class FhirImportError extends HealthGptError {
  constructor(fieldErrors: readonly FieldError[]) {
    const bounded = boundFieldErrors(fieldErrors);
    super(
      'unprocessable',
      `invalid FHIR bundle: ${bounded.details ? `${bounded.count} problems, the first ${bounded.fieldErrors.length}: ` : ''}${bounded.text}`,
      {
        fieldErrors: bounded.fieldErrors,
        title: 'Invalid FHIR bundle',
        ...(bounded.details ? { details: bounded.details } : {}),
      },
    );
    this.name = 'FhirImportError';
  }
}

/** Resource types the importer reads into the case. */
export const IMPORTED_RESOURCE_TYPES = [
  'Patient',
  'Observation',
  'Condition',
  'AllergyIntolerance',
  'MedicationStatement',
  'MedicationRequest',
  'Procedure',
  'DiagnosticReport',
] as const;

/** What one resource type contributed: resources read, items kept, kept with a name, mapped to a project concept. */
export interface ResourceTally {
  resources: number;
  /** Resources that became at least one case item (or whose members did, for a panel). */
  kept: number;
  /** Kept resources whose items carry a human-readable name (display, text or a mapped concept's label). */
  named: number;
  /** Kept resources whose code HealthGPT maps to a knowledge-base concept or a known LOINC observation. */
  mapped: number;
}

/**
 * The import report: per imported resource type, how many were read, kept, named and mapped; resource types not
 * imported (Encounter, Claim …) with their counts; and notes about values kept in a changed form.
 */
export interface ImportReport {
  readonly byType: Record<string, ResourceTally>;
  readonly ignored: Record<string, number>;
  readonly notes: readonly string[];
}

export interface ImportResult {
  readonly case: NewClinicalCase;
  readonly report: ImportReport;
}

const GENDERS: Record<string, Sex> = { female: 'female', male: 'male', other: 'other', unknown: 'unknown' };

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * Age on `today` of someone born on `birthDate` (YYYY, YYYY-MM or YYYY-MM-DD): completed years from 2; below 2, with a
 * full birth date, the exact fraction of a year (an 8-month-old is 0.667), since "0 years" would put every baby under
 * the rules for the first 3 months (fever under 3 months is an emergency, at 10 months it is not).
 */
export function ageOn(birthDate: string, today: Date): number | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(birthDate);
  if (!match) return undefined;
  const [year, month = 1, day = 1] = [Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1)];
  let age = today.getUTCFullYear() - year;
  const beforeBirthday =
    today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  if (beforeBirthday) age--;
  if (age >= 2 || match[3] === undefined) return age;
  const days = (today.getTime() - Date.UTC(year, month - 1, day)) / 86_400_000;
  return days < 0 ? age : days / 365.25;
}

/** LOINC 30525-0 "Age" in years: how HealthGPT carries age when a Patient has no birth date. */
export const AGE_LOINC = '30525-0';

/** Every coding of a CodeableConcept that has a code, as sent (system `urn:unknown` when it had none). */
function codingsOf(codeable: unknown): Coding[] {
  if (!isRecord(codeable) || !Array.isArray(codeable.coding)) return [];
  return codeable.coding.filter(isRecord).flatMap((c) => {
    const code = str(c.code);
    if (!code) return [];
    const display = str(c.display);
    return [{ system: str(c.system) ?? 'urn:unknown', code, ...(display ? { display } : {}) }];
  });
}

function textOf(codeable: unknown): string | undefined {
  return isRecord(codeable) ? str(codeable.text) : undefined;
}

/** The first code of a status CodeableConcept (clinicalStatus, verificationStatus). */
function statusCode(codeable: unknown): string | undefined {
  return codingsOf(codeable)[0]?.code;
}

const MAX_LABEL = 500;

function clip(text: string): string {
  return text.length <= MAX_LABEL ? text : `${text.slice(0, MAX_LABEL - 1)}…`;
}

/** A coded item's identity: its knowledge-base id when mapped, else `system|code` of its first coding. */
interface Identity {
  readonly conceptId: string;
  readonly label?: string;
  readonly mapped: boolean;
  /** The coding the item is known by (the mapped one, else the first). */
  readonly primary: Coding;
}

function identify(codings: readonly Coding[], text: string | undefined, historical = false): Identity {
  const mapped = mapCodings(codings);
  const primary = mapped?.coding ?? (codings[0] as Coding);
  const foreign = codings.filter((c) => c.system !== HEALTHGPT_CONCEPT_SYSTEM);
  // A name from the record (the primary coding's display, another coding's, the text), else our own coding's.
  const display =
    (primary.system !== HEALTHGPT_CONCEPT_SYSTEM ? primary.display : undefined) ??
    foreign.find((c) => c.display)?.display ??
    text ??
    codings.find((c) => c.display)?.display;
  const conceptId = mapped
    ? historical && mapped.target.resolvedId
      ? mapped.target.resolvedId
      : mapped.target.id
    : `${primary.system}|${primary.code}`;
  return { conceptId, ...(display ? { label: clip(display) } : {}), mapped: mapped !== undefined, primary };
}

function sourceOf(
  resource: Json,
  codings: readonly Coding[],
  extra: Partial<SourceRecord> = {},
): SourceRecord {
  const id = str(resource.id);
  const text = textOf(resource.code);
  return {
    resourceType: String(resource.resourceType),
    ...(id ? { id } : {}),
    ...(codings.length ? { coding: codings } : {}),
    ...(text ? { text: clip(text) } : {}),
    ...extra,
  };
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** FHIR dateTime → ISO date-time with offset (a date alone becomes midnight UTC); undefined for partial dates. */
function dateTimeOf(value: unknown): string | undefined {
  const text = str(value);
  if (!text) return undefined;
  if (ISO_DATETIME.test(text)) return text;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00Z`;
  return undefined;
}

function effectiveOf(resource: Json): string | undefined {
  return (
    dateTimeOf(resource.effectiveDateTime) ??
    (isRecord(resource.effectivePeriod) ? dateTimeOf(resource.effectivePeriod.start) : undefined) ??
    dateTimeOf(resource.issued)
  );
}

/** Collects errors (refuse the whole bundle), items and the report while the bundle is read. */
class Reader {
  readonly errors: FieldError[] = [];
  readonly findings: Finding[] = [];
  readonly observations: Observation[] = [];
  readonly byType: Record<string, ResourceTally> = {};
  readonly ignored: Record<string, number> = {};
  readonly notes: string[] = [];
  patient: PatientContext = {};
  patientCount = 0;
  patientId: string | undefined;
  ageObservation: number | undefined;
  /** The Patient is deceased with no date of death: an age (today's or an observation's) is not the age at death. */
  deceasedAgeUnknown = false;

  constructor(readonly today: Date) {}

  tally(type: string): ResourceTally {
    this.byType[type] ??= { resources: 0, kept: 0, named: 0, mapped: 0 };
    return this.byType[type];
  }

  count(type: string, kept: boolean, named: boolean, mapped: boolean): void {
    const t = this.tally(type);
    t.resources++;
    if (kept) t.kept++;
    if (kept && named) t.named++;
    if (kept && mapped) t.mapped++;
  }

  error(field: string, message: string): void {
    this.errors.push({ field, message });
  }
}

/** The date part of a FHIR date or dateTime (YYYY, YYYY-MM or YYYY-MM-DD), for `ageOn`; undefined otherwise. */
function datePart(value: string): { text: string; date: Date } | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1)];
  const text = [match[1], match[2], match[3]].filter(Boolean).join('-');
  return { text, date: new Date(Date.UTC(year, month - 1, day)) };
}

/**
 * `Patient.deceasedBoolean` / `deceasedDateTime`: `undefined` when the record does not say the patient died,
 * `{ date }` when it does (the date of death when given), or an error message.
 */
function deceasedOf(
  resource: Json,
  today: Date,
): { date?: { text: string; date: Date } } | string | undefined {
  if (resource.deceasedDateTime !== undefined) {
    const date =
      typeof resource.deceasedDateTime === 'string' ? datePart(resource.deceasedDateTime) : undefined;
    if (!date) return 'must be a FHIR dateTime';
    if (date.date.getTime() > today.getTime()) return 'must not be in the future';
    return { date };
  }
  if (resource.deceasedBoolean !== undefined) {
    if (typeof resource.deceasedBoolean !== 'boolean') return 'must be true or false';
    return resource.deceasedBoolean ? {} : undefined;
  }
  return undefined;
}

function readPatient(reader: Reader, resource: Json, at: string): void {
  reader.patientCount++;
  reader.patientId = str(resource.id);
  const context: { ageYears?: number; sex?: Sex } = {};
  if (resource.gender !== undefined) {
    const sex = typeof resource.gender === 'string' ? GENDERS[resource.gender] : undefined;
    if (sex) context.sex = sex;
    else reader.error(`${at}/gender`, `unknown gender '${String(resource.gender)}'`);
  }
  const deceased = deceasedOf(resource, reader.today);
  if (typeof deceased === 'string') {
    const field = resource.deceasedDateTime !== undefined ? 'deceasedDateTime' : 'deceasedBoolean';
    reader.error(`${at}/${field}`, deceased);
  }
  const died = typeof deceased === 'object' ? deceased : undefined;
  if (resource.birthDate !== undefined) {
    // The age of a patient who died is the age at death: the age they would have today describes no one.
    const on = died?.date?.date ?? reader.today;
    const age = typeof resource.birthDate === 'string' ? ageOn(resource.birthDate, on) : undefined;
    if (age === undefined || age < 0 || age > 120) {
      reader.error(
        `${at}/birthDate`,
        died?.date
          ? 'must be a FHIR date (YYYY-MM-DD) giving an age at death of 0–120'
          : 'must be a FHIR date (YYYY-MM-DD) giving an age of 0–120',
      );
    } else if (died && !died.date) {
      reader.deceasedAgeUnknown = true;
      reader.notes.push(
        `${at}: deceased, with no date of death: the age at death is not known, age not imported`,
      );
    } else context.ageYears = age;
  }
  if (died) {
    const when = died.date ? ` on ${died.date.text}` : '';
    const diedAt = dateTimeOf(resource.deceasedDateTime);
    const age = context.ageYears !== undefined ? `, aged ${ageText(context.ageYears)}` : '';
    reader.findings.push({
      conceptId: DECEASED_CONCEPT_ID,
      label: `Deceased${when}${age}`,
      status: 'present',
      ...(diedAt ? { onset: diedAt } : {}),
      source: {
        resourceType: 'Patient',
        ...(reader.patientId ? { id: reader.patientId } : {}),
        coding: [{ system: 'http://snomed.info/sct', code: '419099009', display: 'Dead' }],
        derived: died.date
          ? 'Patient.deceasedDateTime: the patient has died'
          : 'Patient.deceasedBoolean: the patient has died',
      },
    });
    if (died.date) reader.notes.push(`${at}: the patient died${when}: age is the age at death`);
  }
  reader.patient = context;
  reader.count('Patient', true, true, true);
}

/** An age for a label: years from 2, else months (15 months). */
function ageText(ageYears: number): string {
  if (ageYears >= 2) return `${Math.floor(ageYears)} years`;
  const months = Math.floor(ageYears * 12 + 1e-9);
  return `${months} month${months === 1 ? '' : 's'}`;
}

/** What an Observation (or one component) with a code reads as. */
type Read = { observation?: Observation; finding?: Finding } | { error: FieldError };

/**
 * One value of an Observation or of a component: `valueQuantity` and `valueInteger` are measured values;
 * `valueBoolean`, `valueCodeableConcept`, `valueString` and the other value types are findings (named, their answer
 * kept); `dataAbsentReason` or no value at all is a finding whose status is unknown.
 */
function readValue(
  part: Json,
  codings: readonly Coding[],
  at: string,
  source: SourceRecord,
  effective: string | undefined,
): Read {
  const text = textOf(part.code);
  if (part.valueQuantity !== undefined || part.valueInteger !== undefined) {
    return readMeasured(part, observationCode(codings, text), at, source, effective);
  }
  const id = identify(codings, text);
  const base = { conceptId: id.conceptId, ...(id.label ? { label: id.label } : {}), source };
  if (part.valueBoolean !== undefined) {
    if (typeof part.valueBoolean !== 'boolean') {
      return { error: { field: `${at}/valueBoolean`, message: 'must be true or false' } };
    }
    return { finding: { ...base, status: part.valueBoolean ? 'present' : 'absent' } };
  }
  if (part.valueCodeableConcept !== undefined) return readCodedAnswer(part, codings, id, at, source);
  const other = valueAsText(part);
  if (other !== undefined) {
    return {
      finding: {
        ...base,
        ...(id.label ? { label: clip(`${id.label}: ${other}`) } : {}),
        status: 'present',
        value: clip(other),
      },
    };
  }
  // dataAbsentReason, or no value at all: asked, not known. Unknown stays unknown.
  const reason = codingsOf(part.dataAbsentReason)[0];
  return {
    finding: { ...base, status: 'unknown', ...(reason ? { value: `data-absent:${reason.code}` } : {}) },
  };
}

/** The code a measured value is stored under: a LOINC code HealthGPT knows if there is one, named. */
function observationCode(codings: readonly Coding[], text: string | undefined): Coding {
  const first = codings.find(isKnownLoinc) ?? (codings[0] as Coding);
  const name =
    first.display ?? text ?? (first.system === LOINC ? LOINC_OBSERVATIONS[first.code]?.name : undefined);
  return name && first.system !== HEALTHGPT_CONCEPT_SYSTEM ? { ...first, display: clip(name) } : first;
}

/** `valueQuantity` (with its reference range) or `valueInteger` (unit `1`): a measured value. */
function readMeasured(
  part: Json,
  code: Coding,
  at: string,
  source: SourceRecord,
  effective: string | undefined,
): Read {
  const when = effective ? { effectiveDateTime: effective } : {};
  if (part.valueQuantity === undefined) {
    if (typeof part.valueInteger !== 'number' || !Number.isInteger(part.valueInteger)) {
      return { error: { field: `${at}/valueInteger`, message: 'must be an integer' } };
    }
    return { observation: { code, value: { value: part.valueInteger, unit: '1' }, ...when, source } };
  }
  const quantity = part.valueQuantity;
  if (!isRecord(quantity) || typeof quantity.value !== 'number' || !Number.isFinite(quantity.value)) {
    return { error: { field: `${at}/valueQuantity/value`, message: 'must be a number' } };
  }
  const unit = str(quantity.code) ?? str(quantity.unit);
  if (!unit) {
    return {
      error: { field: `${at}/valueQuantity/code`, message: 'a quantity needs a UCUM unit (code or unit)' },
    };
  }
  const range = Array.isArray(part.referenceRange) ? part.referenceRange.find(isRecord) : undefined;
  const bound = (q: unknown) =>
    isRecord(q) && typeof q.value === 'number'
      ? { value: q.value, unit: str(q.code) ?? str(q.unit) ?? unit }
      : undefined;
  const low = bound(range?.low);
  const high = bound(range?.high);
  return {
    observation: {
      code,
      value: { value: quantity.value, unit },
      ...(low || high ? { referenceRange: { ...(low ? { low } : {}), ...(high ? { high } : {}) } } : {}),
      ...when,
      source,
    },
  };
}

/**
 * `valueCodeableConcept`: a finding named "code: answer" with the answer's codings kept; smoking status (LOINC
 * 72166-2) is mapped by its SNOMED answer to the knowledge base's smoking concepts.
 */
function readCodedAnswer(
  part: Json,
  codings: readonly Coding[],
  id: Identity,
  at: string,
  source: SourceRecord,
): Read {
  const answers = codingsOf(part.valueCodeableConcept);
  const answerText = textOf(part.valueCodeableConcept);
  const withAnswers = { ...source, ...(answers.length ? { valueCoding: answers } : {}) };
  const answer = answers[0];
  const answerName =
    answer?.display ?? answerText ?? (answer ? `${answer.system}|${answer.code}` : undefined);
  if (!answerName) {
    return { error: { field: `${at}/valueCodeableConcept`, message: 'needs a coding with a code, or text' } };
  }
  const label = clip(`${id.label ?? 'Observation'}: ${answerName}`);
  const smoking = codings.some((c) => c.system === LOINC && c.code === SMOKING_STATUS_LOINC)
    ? answers.map((a) => SMOKING_ANSWERS[a.code]).find(Boolean)
    : undefined;
  if (smoking) {
    return {
      finding: {
        conceptId: smoking.id,
        label: clip(`${SMOKING_CONCEPT_NAMES[smoking.id] ?? smoking.id} — ${label}`),
        status: smoking.status,
        ...(answer ? { value: answer.code } : {}),
        source: withAnswers,
      },
    };
  }
  return {
    finding: {
      conceptId: id.conceptId,
      label,
      status: 'present',
      ...(answer ? { value: answer.code } : { value: clip(answerText ?? '') }),
      source: withAnswers,
    },
  };
}

/** valueString, valueDateTime, valueTime, valuePeriod, valueRange, valueRatio as text (kept by name). */
function valueAsText(part: Json): string | undefined {
  if (typeof part.valueString === 'string') return part.valueString;
  if (typeof part.valueDateTime === 'string') return part.valueDateTime;
  if (typeof part.valueTime === 'string') return part.valueTime;
  const q = (v: unknown) =>
    isRecord(v) && typeof v.value === 'number'
      ? `${v.value}${(str(v.unit) ?? str(v.code)) ? ` ${str(v.unit) ?? str(v.code)}` : ''}`
      : '';
  if (isRecord(part.valuePeriod))
    return `${str(part.valuePeriod.start) ?? '…'} – ${str(part.valuePeriod.end) ?? '…'}`;
  if (isRecord(part.valueRange))
    return `${q(part.valueRange.low) || '…'} – ${q(part.valueRange.high) || '…'}`;
  if (isRecord(part.valueRatio)) return `${q(part.valueRatio.numerator)} / ${q(part.valueRatio.denominator)}`;
  return undefined;
}

function keep(reader: Reader, read: { observation?: Observation; finding?: Finding }): void {
  if (read.observation) reader.observations.push(read.observation);
  if (read.finding) reader.findings.push(read.finding);
}

function named(read: { observation?: Observation; finding?: Finding }): boolean {
  return Boolean(read.observation?.code.display ?? read.finding?.label);
}

function mappedItem(read: { observation?: Observation; finding?: Finding }): boolean {
  if (read.observation) return isKnownLoinc(read.observation.code);
  if (!read.finding) return false;
  if (!read.finding.conceptId.includes('|')) return true;
  // An unknown or non-numeric value of a LOINC observation HealthGPT knows (e.g. a respiratory rate not measured).
  return (read.finding.source?.coding ?? []).some(isKnownLoinc);
}

function readObservation(reader: Reader, resource: Json, at: string): void {
  const codings = codingsOf(resource.code);
  if (codings.length === 0) {
    reader.error(`${at}/code`, 'an Observation needs code.coding with a code');
    return;
  }
  if (resource.status === 'entered-in-error') {
    reader.notes.push(`${at}: Observation entered in error, not imported`);
    reader.count('Observation', false, false, false);
    return;
  }
  const effective = effectiveOf(resource);
  const source = sourceOf(resource, codings);
  const components = Array.isArray(resource.component) ? resource.component : [];
  const members = Array.isArray(resource.hasMember) ? resource.hasMember : [];
  const hasValue =
    Object.keys(resource).some((k) => k.startsWith('value')) || resource.dataAbsentReason !== undefined;
  const reads: { observation?: Observation; finding?: Finding }[] = [];
  let failed = false;
  if (hasValue || (components.length === 0 && members.length === 0)) {
    const read = readValue(resource, codings, at, source, effective);
    if ('error' in read) {
      reader.errors.push(read.error);
      failed = true;
    } else reads.push(read);
  }
  components.forEach((component, index) => {
    const where = `${at}/component/${index}`;
    if (!isRecord(component)) {
      reader.error(where, 'a component must be an object');
      failed = true;
      return;
    }
    const parts = codingsOf(component.code);
    if (parts.length === 0) {
      reader.error(`${where}/code`, 'a component needs code.coding with a code');
      failed = true;
      return;
    }
    const panel = { ...(source.id ? { id: source.id } : {}), coding: codings };
    const componentSource: SourceRecord = {
      resourceType: 'Observation',
      coding: parts,
      ...(textOf(component.code) ? { text: clip(textOf(component.code) as string) } : {}),
      panel,
    };
    const read = readValue(component, parts, where, componentSource, effective);
    if ('error' in read) {
      reader.errors.push(read.error);
      failed = true;
    } else reads.push(read);
  });
  if (failed) return;
  const age = reads.find(
    (r) =>
      r.observation?.code.system === LOINC &&
      r.observation.code.code === AGE_LOINC &&
      ageInYears(r.observation.value) !== undefined,
  );
  if (age?.observation && reads.length === 1) {
    reader.ageObservation = ageInYears(age.observation.value);
    reader.count('Observation', true, true, true);
    return;
  }
  for (const read of reads) keep(reader, read);
  // A panel with only hasMember references: its members are entries of their own and are counted there.
  const panelOnly = reads.length === 0 && members.length > 0;
  if (panelOnly)
    reader.notes.push(`${at}: panel ${codings[0]?.code} read through its ${members.length} members`);
  reader.count(
    'Observation',
    true,
    panelOnly || reads.every(named),
    panelOnly
      ? isKnownLoinc(codings[0] as Coding) || mapCodings(codings) !== undefined
      : reads.every(mappedItem),
  );
}

function readCondition(reader: Reader, resource: Json, at: string): void {
  const codings = codingsOf(resource.code);
  const text = textOf(resource.code);
  if (codings.length === 0 && !text) {
    reader.error(`${at}/code`, 'a Condition needs code.coding with a code, or code.text');
    return;
  }
  const verification = statusCode(resource.verificationStatus);
  const clinical = statusCode(resource.clinicalStatus);
  if (verification === 'entered-in-error') {
    reader.notes.push(`${at}: Condition entered in error, not imported`);
    reader.count('Condition', false, false, false);
    return;
  }
  // An abatement (abatementDateTime, -Age, -Period, -Range, -String) means the condition has ended (R4 con-4 asks
  // for an inactive status with it, but records without a clinicalStatus send an abatement alone).
  const abated = Object.keys(resource).some((k) => k.startsWith('abatement') && resource[k] !== false);
  const historical = clinical === 'resolved' || clinical === 'inactive' || clinical === 'remission' || abated;
  const id =
    codings.length > 0
      ? identify(codings, text, historical)
      : { conceptId: `urn:text|${text}`, label: clip(text as string), mapped: false };
  const onset = str(resource.onsetDateTime);
  const finding: Finding = {
    conceptId: id.conceptId.slice(0, 200),
    ...(id.label ? { label: id.label } : {}),
    status: verification === 'refuted' ? 'absent' : 'present',
    ...(historical ? { temporality: 'historical' as const } : {}),
    ...(verification === 'provisional' || verification === 'differential' || verification === 'unconfirmed'
      ? { certainty: 'possible' as const }
      : {}),
    ...(onset ? { onset } : {}),
    source: sourceOf(resource, codings, {
      ...(clinical ? { status: clinical } : {}),
      ...(verification ? { verificationStatus: verification } : {}),
    }),
  };
  reader.findings.push(finding);
  reader.count('Condition', true, Boolean(finding.label), id.mapped);
}

/** AllergyIntolerance, MedicationStatement/Request, Procedure, DiagnosticReport: kept by name as findings. */
function readOther(reader: Reader, resource: Json, at: string, medications: Map<string, Json>): void {
  const type = String(resource.resourceType);
  let codeable: unknown = resource.code;
  if (type === 'MedicationStatement' || type === 'MedicationRequest') {
    codeable = resource.medicationCodeableConcept;
    const ref = isRecord(resource.medicationReference)
      ? str(resource.medicationReference.reference)
      : undefined;
    if (codeable === undefined && ref) codeable = medications.get(ref)?.code;
  }
  const codings = codingsOf(codeable);
  const text = textOf(codeable);
  if (codings.length === 0 && !text) {
    reader.error(
      `${at}`,
      `a ${type} needs a coded ${type.startsWith('Medication') ? 'medication' : 'code'} or text`,
    );
    return;
  }
  const status = str(resource.status) ?? statusCode(resource.clinicalStatus);
  const verification = statusCode(resource.verificationStatus);
  if (status === 'entered-in-error' || verification === 'entered-in-error') {
    reader.notes.push(`${at}: ${type} entered in error, not imported`);
    reader.count(type, false, false, false);
    return;
  }
  const id =
    codings.length > 0
      ? identify(codings, text)
      : { conceptId: `urn:text|${text}`, label: clip(text as string), mapped: false };
  const absent =
    verification === 'refuted' || status === 'not-done' || status === 'not-taken' || status === 'refuted';
  const past = ['completed', 'stopped', 'resolved', 'inactive', 'cancelled'].includes(status ?? '');
  const kind: Record<string, string> = {
    AllergyIntolerance: 'Allergy',
    MedicationStatement: 'Medication',
    MedicationRequest: 'Medication ordered',
    Procedure: 'Procedure',
    DiagnosticReport: 'Report',
  };
  const conclusion = str(resource.conclusion);
  const finding: Finding = {
    conceptId: id.conceptId.slice(0, 200),
    label: clip(`${kind[type] ?? type}: ${id.label ?? id.conceptId}`),
    status: absent ? 'absent' : 'present',
    ...(past && type !== 'DiagnosticReport' ? { temporality: 'historical' as const } : {}),
    ...(conclusion ? { value: clip(conclusion) } : {}),
    source: sourceOf({ ...resource, code: codeable }, codings, {
      ...(status ? { status } : {}),
      ...(verification ? { verificationStatus: verification } : {}),
    }),
  };
  reader.findings.push(finding);
  reader.count(type, true, id.label !== undefined, id.mapped);
}

/**
 * Reads a FHIR R4 Bundle (https://hl7.org/fhir/R4/bundle.html) of one Patient into a new case, with a report.
 *
 * - Observation: every value type (`valueQuantity`, `valueInteger` → measured values; `valueBoolean`,
 *   `valueCodeableConcept`, `valueString`, `valueDateTime`, `valuePeriod`, `valueRange`, `valueRatio` → findings
 *   named by their display), `component` (e.g. the blood-pressure panel 85354-9/55284-4 → systolic 8480-6 and
 *   diastolic 8462-4, each remembering its panel), `hasMember` panels (read through their members),
 *   `dataAbsentReason` or no value → a finding whose status is unknown.
 * - Condition, AllergyIntolerance, MedicationStatement, MedicationRequest, Procedure, DiagnosticReport → findings
 *   named by their display, resolved/completed ones historical, refuted/not-done ones absent.
 * - Codes are mapped to knowledge-base ids where HealthGPT knows them (`mapping.ts`); every item keeps its original
 *   codings in `source`; unknown codes are kept under `system|code` with their names, never dropped.
 * - Other resource types (Encounter, Claim, Immunization, Practitioner …) are ignored and counted in the report.
 * - Policy: a bundle with any resource that cannot be read (a quantity that is not a number, a resource without a
 *   code, an invalid Patient) is refused whole with every problem listed (`FhirImportError`, JSON pointers into the
 *   bundle); nothing is half-imported. Resources entered in error are skipped and noted in the report.
 */
export function importBundle(input: unknown, options: { today?: Date; title?: string } = {}): ImportResult {
  if (!isRecord(input) || input.resourceType !== 'Bundle') {
    throw new FhirImportError([{ field: '/resourceType', message: "must be 'Bundle'" }]);
  }
  if (input.entry !== undefined && !Array.isArray(input.entry)) {
    throw new FhirImportError([{ field: '/entry', message: 'must be an array' }]);
  }
  const entries: unknown[] = (input.entry as unknown[] | undefined) ?? [];
  const reader = new Reader(options.today ?? new Date());
  const medications = new Map<string, Json>();
  entries.forEach((entry) => {
    if (!isRecord(entry) || !isRecord(entry.resource) || entry.resource.resourceType !== 'Medication') return;
    const resource = entry.resource;
    const fullUrl = str(entry.fullUrl);
    if (fullUrl) medications.set(fullUrl, resource);
    if (str(resource.id)) medications.set(`Medication/${resource.id}`, resource);
  });
  entries.forEach((entry, index) => {
    const at = `/entry/${index}/resource`;
    const resource: unknown = isRecord(entry) ? entry.resource : undefined;
    if (!isRecord(resource) || typeof resource.resourceType !== 'string') {
      reader.error(at, 'each entry needs a resource with a resourceType');
      return;
    }
    switch (resource.resourceType) {
      case 'Patient':
        readPatient(reader, resource, at);
        break;
      case 'Observation':
        readObservation(reader, resource, at);
        break;
      case 'Condition':
        readCondition(reader, resource, at);
        break;
      case 'AllergyIntolerance':
      case 'MedicationStatement':
      case 'MedicationRequest':
      case 'Procedure':
      case 'DiagnosticReport':
        readOther(reader, resource, at, medications);
        break;
      default:
        reader.ignored[resource.resourceType] = (reader.ignored[resource.resourceType] ?? 0) + 1;
    }
  });
  if (reader.patientCount > 1) reader.error('/entry', 'a bundle must hold one Patient, not several');
  let patient = reader.patient;
  if (reader.ageObservation !== undefined && patient.ageYears === undefined && !reader.deceasedAgeUnknown) {
    if (reader.ageObservation < 0 || reader.ageObservation > 120)
      reader.error('/entry', 'age observation must be 0–120 years');
    else
      patient = {
        ...patient,
        ageYears: reader.ageObservation >= 2 ? Math.floor(reader.ageObservation) : reader.ageObservation,
      };
  }
  if (reader.findings.length > 2000 || reader.observations.length > 2000) {
    reader.error(
      '/entry',
      `a case holds at most 2000 findings and 2000 observations (this bundle gives ${reader.findings.length} and ${reader.observations.length})`,
    );
  }
  if (reader.errors.length > 0) throw new FhirImportError(reader.errors);
  const fever = feverFromTemperature(reader.findings, reader.observations);
  if (fever) {
    reader.findings.push(fever);
    reader.notes.push(`derived: ${fever.label}`);
  }
  const title =
    options.title ??
    // Never the Patient's id or identifiers: they are often the MRN, and titles are shown in case lists (issue 12).
    (reader.patientCount === 1 ? 'Imported patient' : undefined);
  return {
    case: {
      title: title ?? 'Imported FHIR bundle',
      patient,
      findings: reader.findings,
      observations: reader.observations,
      images: [],
    },
    report: { byType: reader.byType, ignored: reader.ignored, notes: reader.notes },
  };
}

/** Body temperature LOINC codes: the body temperature and the oral, axillary, rectal and tympanic sites. */
const TEMPERATURE_LOINC = new Set(['8310-5', '8331-1', '8328-7', '8332-9', '8333-7']);

/**
 * Fever (knowledge-base concept `fever`) derived from the record's most recent body temperature when it is
 * ≥ 38.0 °C and the record does not already state fever; never "no fever" from a normal temperature (a normal reading
 * now does not exclude a reported fever). Marked `derived`, so export leaves it out.
 */
function feverFromTemperature(
  findings: readonly Finding[],
  observations: readonly Observation[],
): Finding | undefined {
  if (findings.some((f) => f.conceptId === 'fever')) return undefined;
  const latest = observations
    .filter((o) => o.code.system === LOINC && TEMPERATURE_LOINC.has(o.code.code))
    .map((o) => ({ o, c: temperatureCelsius(o.value.value, o.value.unit) }))
    .filter((x): x is { o: Observation; c: number } => x.c !== undefined)
    .sort((a, b) => (b.o.effectiveDateTime ?? '').localeCompare(a.o.effectiveDateTime ?? ''))[0];
  if (!latest || Math.round(latest.c * 10) < 380) return undefined;
  const when = latest.o.effectiveDateTime ? ` on ${latest.o.effectiveDateTime.slice(0, 10)}` : '';
  return {
    conceptId: 'fever',
    label: `Fever (${latest.o.code.display ?? 'body temperature'} ${latest.c.toFixed(1)} °C${when}, ≥ 38.0 °C)`,
    status: 'present',
    source: {
      resourceType: 'Observation',
      coding: [latest.o.code],
      derived: 'the most recent body temperature is ≥ 38.0 °C',
    },
  };
}

/** `importBundle` without the report: the new case (throws `FhirImportError` when the bundle is refused). */
export function bundleToCase(
  input: unknown,
  options: { today?: Date; title?: string } = {},
): NewClinicalCase {
  return importBundle(input, options).case;
}
