import type {
  Bundle,
  BundleEntry,
  ClinicalImpression,
  Observation as FhirObservation,
  Patient,
  Resource,
  RiskAssessment,
} from '@medplum/fhirtypes';
import type { Assessment } from '../clinical/assessment.js';
import type { ClinicalCase } from '../clinical/case.js';
import type { Finding } from '../clinical/finding.js';
import type { Observation } from '../clinical/observation.js';
import type { Provenance } from '../clinical/outputs.js';
import { AGE_LOINC } from './import-bundle.js';
import { HEALTHGPT_CONCEPT_SYSTEM, HEALTHGPT_CONDITION_SYSTEM, HEALTHGPT_ENGINE_SYSTEM } from './systems.js';

const patientRef = (c: ClinicalCase) => ({ reference: `urn:uuid:${c.id}` });

function conceptCoding(conceptId: string) {
  const bar = conceptId.indexOf('|');
  return bar > 0
    ? { system: conceptId.slice(0, bar), code: conceptId.slice(bar + 1) }
    : { system: HEALTHGPT_CONCEPT_SYSTEM, code: conceptId };
}

/** A finding as an Observation; absent findings stay (valueBoolean false) so they round-trip. */
function findingResource(c: ClinicalCase, finding: Finding): FhirObservation {
  const base: FhirObservation = {
    resourceType: 'Observation',
    status: 'final',
    code: {
      coding: [{ ...conceptCoding(finding.conceptId), ...(finding.label ? { display: finding.label } : {}) }],
    },
    subject: patientRef(c),
  };
  if (finding.status === 'unknown') {
    return {
      ...base,
      dataAbsentReason: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'asked-unknown' },
        ],
      },
    };
  }
  if (finding.value !== undefined && typeof finding.value === 'string' && finding.status === 'present') {
    return {
      ...base,
      valueCodeableConcept: { coding: [{ system: HEALTHGPT_CONCEPT_SYSTEM, code: finding.value }] },
    };
  }
  return { ...base, valueBoolean: finding.status === 'present' };
}

function observationResource(c: ClinicalCase, observation: Observation): FhirObservation {
  const quantity = (q: { value: number; unit: string }) => ({
    value: q.value,
    unit: q.unit,
    system: 'http://unitsofmeasure.org',
    code: q.unit,
  });
  const range = observation.referenceRange;
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ ...observation.code }] },
    subject: patientRef(c),
    valueQuantity: quantity(observation.value),
    ...(range
      ? {
          referenceRange: [
            {
              ...(range.low ? { low: quantity(range.low) } : {}),
              ...(range.high ? { high: quantity(range.high) } : {}),
            },
          ],
        }
      : {}),
    ...(observation.effectiveDateTime ? { effectiveDateTime: observation.effectiveDateTime } : {}),
  };
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
  const patient: Patient = {
    resourceType: 'Patient',
    id: c.id,
    ...(c.patient.sex ? { gender: c.patient.sex } : {}),
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
    ...c.findings.map((f) => findingResource(c, f)),
    ...c.observations.map((o) => observationResource(c, o)),
    ...assessments.flatMap((a) => assessmentResources(c, a)),
  ];
  const entry: BundleEntry[] = resources.map((resource, index) => ({
    fullUrl: index === 0 ? `urn:uuid:${c.id}` : `urn:uuid:${c.id}-${index}`,
    resource,
  }));
  return { resourceType: 'Bundle', type: 'collection', timestamp: new Date().toISOString(), entry };
}
