import type {
  AllergyIntolerance,
  Bundle,
  BundleEntry,
  ClinicalImpression,
  Condition,
  DiagnosticReport,
  Observation as FhirObservation,
  MedicationRequest,
  MedicationStatement,
  Patient,
  Procedure,
  Resource,
  RiskAssessment,
} from '@medplum/fhirtypes';
import type { Assessment } from '../clinical/assessment.js';
import type { ClinicalCase } from '../clinical/case.js';
import type { Finding } from '../clinical/finding.js';
import type { Coding, Observation } from '../clinical/observation.js';
import type { Provenance } from '../clinical/outputs.js';
import { deceasedFinding } from '../clinical/patient.js';
import { AGE_LOINC } from './import-bundle.js';
import { HEALTHGPT_CONCEPT_SYSTEM, HEALTHGPT_CONDITION_SYSTEM, HEALTHGPT_ENGINE_SYSTEM } from './systems.js';

const patientRef = (c: ClinicalCase) => ({ reference: `urn:uuid:${c.id}` });

function conceptCoding(conceptId: string) {
  const bar = conceptId.indexOf('|');
  return bar > 0
    ? { system: conceptId.slice(0, bar), code: conceptId.slice(bar + 1) }
    : { system: HEALTHGPT_CONCEPT_SYSTEM, code: conceptId };
}

const DATA_ABSENT = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const CONDITION_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const ALLERGY_CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const ALLERGY_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

/**
 * The codings of a finding's code: the original codings as imported (`source.coding`), which a re-import maps to the
 * same knowledge-base id; a finding without a source is coded by its concept id (HealthGPT's own system).
 */
function findingCodings(finding: Finding): Coding[] {
  const original = (finding.source?.coding ?? []).map((c) => ({ ...c }));
  if (original.length > 0) return original;
  return [{ ...conceptCoding(finding.conceptId), ...(finding.label ? { display: finding.label } : {}) }];
}

function codeOf(finding: Finding) {
  return {
    coding: findingCodings(finding),
    ...(finding.source?.text ? { text: finding.source.text } : {}),
  };
}

/** A finding as an Observation; absent findings stay (valueBoolean false) so they round-trip. */
function findingObservation(c: ClinicalCase, finding: Finding): FhirObservation {
  const base: FhirObservation = {
    resourceType: 'Observation',
    ...(finding.source?.id ? { id: finding.source.id } : {}),
    status: 'final',
    code: codeOf(finding),
    subject: patientRef(c),
  };
  if (finding.status === 'unknown') {
    const reason =
      typeof finding.value === 'string' && finding.value.startsWith('data-absent:')
        ? finding.value.slice('data-absent:'.length)
        : 'asked-unknown';
    return { ...base, dataAbsentReason: { coding: [{ system: DATA_ABSENT, code: reason }] } };
  }
  const answers = finding.source?.valueCoding;
  if (answers && answers.length > 0) {
    return { ...base, valueCodeableConcept: { coding: answers.map((a) => ({ ...a })) } };
  }
  if (typeof finding.value === 'string' && finding.status === 'present') {
    return finding.source
      ? { ...base, valueString: finding.value }
      : {
          ...base,
          valueCodeableConcept: { coding: [{ system: HEALTHGPT_CONCEPT_SYSTEM, code: finding.value }] },
        };
  }
  return { ...base, valueBoolean: finding.status === 'present' };
}

function statusConcept(system: string, code: string | undefined) {
  return code ? { coding: [{ system, code }] } : undefined;
}

function conditionResource(c: ClinicalCase, finding: Finding): Condition {
  const source = finding.source;
  const clinical =
    source?.status ??
    (finding.temporality === 'historical' ? 'resolved' : finding.status === 'absent' ? undefined : 'active');
  const verification = source?.verificationStatus ?? (finding.status === 'absent' ? 'refuted' : undefined);
  const clinicalStatus = statusConcept(CONDITION_CLINICAL, clinical);
  const verificationStatus = statusConcept(CONDITION_VERIFICATION, verification);
  return {
    resourceType: 'Condition',
    ...(source?.id ? { id: source.id } : {}),
    ...(clinicalStatus ? { clinicalStatus } : {}),
    ...(verificationStatus ? { verificationStatus } : {}),
    code: codeOf(finding),
    subject: patientRef(c),
    ...(finding.onset ? { onsetDateTime: finding.onset } : {}),
  };
}

/** A finding imported from another resource type goes back as that type, with its original codes. */
function findingResource(c: ClinicalCase, finding: Finding): Resource {
  const source = finding.source;
  const id = source?.id ? { id: source.id } : {};
  const subject = patientRef(c);
  switch (source?.resourceType) {
    case 'Condition':
      return conditionResource(c, finding);
    case 'AllergyIntolerance': {
      const clinicalStatus = statusConcept(ALLERGY_CLINICAL, source.status);
      const verificationStatus = statusConcept(ALLERGY_VERIFICATION, source.verificationStatus);
      const allergy: AllergyIntolerance = {
        resourceType: 'AllergyIntolerance',
        ...id,
        ...(clinicalStatus ? { clinicalStatus } : {}),
        ...(verificationStatus ? { verificationStatus } : {}),
        code: codeOf(finding),
        patient: subject,
      };
      return allergy;
    }
    case 'MedicationStatement': {
      const statement: MedicationStatement = {
        resourceType: 'MedicationStatement',
        ...id,
        status: (source.status ?? 'unknown') as NonNullable<MedicationStatement['status']>,
        medicationCodeableConcept: codeOf(finding),
        subject,
      };
      return statement;
    }
    case 'MedicationRequest': {
      const request: MedicationRequest = {
        resourceType: 'MedicationRequest',
        ...id,
        status: (source.status ?? 'unknown') as NonNullable<MedicationRequest['status']>,
        intent: 'order',
        medicationCodeableConcept: codeOf(finding),
        subject,
      };
      return request;
    }
    case 'Procedure': {
      const procedure: Procedure = {
        resourceType: 'Procedure',
        ...id,
        status: (source.status ?? 'completed') as NonNullable<Procedure['status']>,
        code: codeOf(finding),
        subject,
      };
      return procedure;
    }
    case 'DiagnosticReport': {
      const report: DiagnosticReport = {
        resourceType: 'DiagnosticReport',
        ...id,
        status: (source.status ?? 'final') as NonNullable<DiagnosticReport['status']>,
        code: codeOf(finding),
        subject,
        ...(typeof finding.value === 'string' ? { conclusion: finding.value } : {}),
      };
      return report;
    }
    default:
      return findingObservation(c, finding);
  }
}

function quantityOf(q: { value: number; unit: string }) {
  return { value: q.value, unit: q.unit, system: 'http://unitsofmeasure.org', code: q.unit };
}

function rangeOf(observation: Observation) {
  const range = observation.referenceRange;
  return range
    ? {
        referenceRange: [
          {
            ...(range.low ? { low: quantityOf(range.low) } : {}),
            ...(range.high ? { high: quantityOf(range.high) } : {}),
          },
        ],
      }
    : {};
}

function observationCode(observation: Observation) {
  const original = observation.source?.coding;
  return {
    coding: original && original.length > 0 ? original.map((x) => ({ ...x })) : [{ ...observation.code }],
    ...(observation.source?.text ? { text: observation.source.text } : {}),
  };
}

function observationResource(c: ClinicalCase, observation: Observation): FhirObservation {
  return {
    resourceType: 'Observation',
    ...(observation.source?.id && !observation.source.panel ? { id: observation.source.id } : {}),
    status: 'final',
    code: observationCode(observation),
    subject: patientRef(c),
    valueQuantity: quantityOf(observation.value),
    ...rangeOf(observation),
    ...(observation.effectiveDateTime ? { effectiveDateTime: observation.effectiveDateTime } : {}),
  };
}

/** Values imported as components of one panel (same panel code, id and time) go back as that one panel. */
function observationResources(c: ClinicalCase, observations: readonly Observation[]): FhirObservation[] {
  const panels = new Map<string, Observation[]>();
  const single: Observation[] = [];
  for (const o of observations) {
    const panel = o.source?.panel;
    if (!panel) {
      single.push(o);
      continue;
    }
    const key = JSON.stringify([
      panel.id ?? '',
      panel.coding.map((x) => `${x.system}|${x.code}`),
      o.effectiveDateTime ?? '',
    ]);
    panels.set(key, [...(panels.get(key) ?? []), o]);
  }
  const grouped = [...panels.values()].map((members): FhirObservation => {
    const first = members[0] as Observation;
    const panel = first.source?.panel ?? { coding: [] };
    return {
      resourceType: 'Observation',
      ...(panel.id ? { id: panel.id } : {}),
      status: 'final',
      code: { coding: panel.coding.map((x) => ({ ...x })) },
      subject: patientRef(c),
      ...(first.effectiveDateTime ? { effectiveDateTime: first.effectiveDateTime } : {}),
      component: members.map((m) => ({
        code: observationCode(m),
        valueQuantity: quantityOf(m.value),
        ...rangeOf(m),
      })),
    };
  });
  return [...single.map((o) => observationResource(c, o)), ...grouped];
}

function provenanceNote(provenance: Provenance): string {
  const guideline = provenance.guideline
    ? `; guideline ${provenance.guideline.title} ${provenance.guideline.version} (${provenance.guideline.year})${provenance.guideline.current ? '' : ' — superseded'}`
    : '';
  return `Produced by ${provenance.engineId} ${provenance.engineVersion}${provenance.modelVersion ? ` (model ${provenance.modelVersion})` : ''}${guideline} at ${provenance.generatedAt}. Decision support for clinicians, not a diagnosis.`;
}

function explanationNote(assessment: Assessment): string {
  return assessment.explanation.contributions
    .map((c) => `${c.label}: ${c.contribution >= 0 ? '+' : ''}${c.contribution.toFixed(3)} ${c.unit}`)
    .join('; ');
}

function assessmentResources(c: ClinicalCase, assessment: Assessment): Resource[] {
  const method = { coding: [{ system: HEALTHGPT_ENGINE_SYSTEM, code: assessment.engineId }] };
  const notes = [{ text: provenanceNote(assessment.provenance) }, { text: explanationNote(assessment) }];
  const resources: Resource[] = [];
  if (assessment.risk) {
    const risk = assessment.risk;
    const riskAssessment: RiskAssessment = {
      resourceType: 'RiskAssessment',
      id: assessment.id,
      status: 'final',
      subject: patientRef(c),
      occurrenceDateTime: assessment.createdAt,
      method,
      prediction: [
        {
          outcome: { text: risk.modelId },
          ...(risk.probability !== undefined ? { probabilityDecimal: risk.probability } : {}),
          ...(risk.category ? { qualitativeRisk: { text: risk.category } } : {}),
          ...(risk.applicable ? {} : { rationale: `not applicable: ${risk.notApplicableReason ?? ''}` }),
        },
      ],
      mitigation: assessment.recommendations?.map((r) => r.text).join(' ') || undefined,
      note: notes,
    };
    resources.push(riskAssessment);
  }
  if (assessment.differential) {
    const impression: ClinicalImpression = {
      resourceType: 'ClinicalImpression',
      id: `${assessment.id}-ddx`,
      status: 'completed',
      subject: patientRef(c),
      date: assessment.createdAt,
      description: `Differential diagnosis by ${assessment.engineId}`,
      finding: assessment.differential.entries.map((entry) => ({
        itemCodeableConcept: {
          coding: [
            { system: HEALTHGPT_CONDITION_SYSTEM, code: entry.conditionId, display: entry.label },
            ...(entry.icd10 ? [{ system: 'http://hl7.org/fhir/sid/icd-10', code: entry.icd10 }] : []),
          ],
        },
        basis: `probability ${entry.probability.toFixed(4)}`,
      })),
      note: notes,
    };
    resources.push(impression);
  }
  return resources;
}

/**
 * A case and its assessments as a FHIR R4 collection Bundle: Patient, Observations (findings and measured values),
 * RiskAssessment per risk output and ClinicalImpression per differential, each noting the engine, version,
 * guideline and explanation that produced it.
 */
export function caseToBundle(c: ClinicalCase, assessments: readonly Assessment[]): Bundle {
  // A deceased patient (the finding the importer derives from Patient.deceased[x]) goes back on the Patient.
  const deceased = deceasedFinding(c.findings);
  const patient: Patient = {
    resourceType: 'Patient',
    id: c.id,
    ...(c.patient.sex ? { gender: c.patient.sex } : {}),
    ...(deceased ? (deceased.onset ? { deceasedDateTime: deceased.onset } : { deceasedBoolean: true }) : {}),
  };
  const age: Observation[] =
    c.patient.ageYears === undefined
      ? []
      : [
          {
            code: { system: 'http://loinc.org', code: AGE_LOINC, display: 'Age' },
            value: { value: c.patient.ageYears, unit: 'a' },
          },
        ];
  const resources: Resource[] = [
    patient,
    ...age.map((o) => observationResource(c, o)),
    // Derived findings (e.g. fever from a temperature) are not exported: the record holds what they came from.
    ...c.findings.filter((f) => !f.source?.derived).map((f) => findingResource(c, f)),
    ...observationResources(c, c.observations),
    ...assessments.flatMap((a) => assessmentResources(c, a)),
  ];
  const entry: BundleEntry[] = resources.map((resource, index) => ({
    fullUrl: index === 0 ? `urn:uuid:${c.id}` : `urn:uuid:${c.id}-${index}`,
    resource,
  }));
  return { resourceType: 'Bundle', type: 'collection', timestamp: new Date().toISOString(), entry };
}
