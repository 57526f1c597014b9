import type {
  Bundle,
  BundleEntry,
  Condition,
  DetectedIssue,
  Observation,
  Resource,
} from '@medplum/fhirtypes';
import { HEALTHGPT_CONCEPT_SYSTEM, HEALTHGPT_ENGINE_SYSTEM } from '../fhir/systems.js';
import type { FeedbackRecord } from './feedback.js';

/**
 * Feedback as FHIR R4 resources, each pointing at the case's patient (`urn:uuid:<case id>`, as the case export does)
 * and naming who gave it (`recorder` / `performer` / `author` as a display reference) and when:
 * - a confirmed or corrected final diagnosis → `Condition` with `verificationStatus` `confirmed` (the code system
 *   made for exactly this; a superseded confirmation is `entered-in-error`), ICD-10 coded;
 * - a corrected finding → `Observation` with status `corrected` (FHIR's status for a result changed after it was
 *   final) and `valueBoolean` true / false, or `dataAbsentReason` unknown;
 * - an output marked wrong or unhelpful → `DetectedIssue` (R4's resource for "an actual or potential problem with a
 *   proposed clinical action", with `detail` for the reason and `implicated` pointing at the assessment). `Flag` is a
 *   patient-level warning and `Basic` has no fields for this, so neither fits.
 * Every resource carries the model version the feedback is about in an `extension`.
 */
export const ICD10_SYSTEM = 'http://hl7.org/fhir/sid/icd-10';
const MODEL_VERSION_EXTENSION = 'https://healthgpt.example/fhir/StructureDefinition/model-version';

const who = (r: FeedbackRecord): { display: string } => ({
  display: `${r.by.name} (${r.by.id}, ${r.by.role})`,
});

function modelExtension(r: FeedbackRecord) {
  return [{ url: MODEL_VERSION_EXTENSION, valueString: r.modelVersion }];
}

export function feedbackToFhir(r: FeedbackRecord): Resource {
  const subject = { reference: `urn:uuid:${r.caseId}` };
  if (r.kind === 'diagnosis') {
    const condition: Condition = {
      resourceType: 'Condition',
      id: r.id,
      extension: modelExtension(r),
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
            code: r.supersededBy ? 'entered-in-error' : 'confirmed',
          },
        ],
      },
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-category',
              code: 'encounter-diagnosis',
            },
          ],
        },
      ],
      code: { coding: [{ system: ICD10_SYSTEM, code: r.icd10, ...(r.label ? { display: r.label } : {}) }] },
      subject,
      recordedDate: r.at,
      recorder: who(r),
      ...(r.note ? { note: [{ text: r.note, time: r.at }] } : {}),
    };
    return condition;
  }
  if (r.kind === 'finding') {
    const observation: Observation = {
      resourceType: 'Observation',
      id: r.id,
      extension: modelExtension(r),
      status: 'corrected',
      code: { coding: [{ system: HEALTHGPT_CONCEPT_SYSTEM, code: r.conceptId }] },
      subject,
      issued: r.at,
      performer: [who(r)],
      ...(r.status === 'unknown'
        ? {
            dataAbsentReason: {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown' },
              ],
            },
          }
        : { valueBoolean: r.status === 'present' }),
      ...(r.note ? { note: [{ text: r.note, time: r.at }] } : {}),
    };
    return observation;
  }
  const issue: DetectedIssue = {
    resourceType: 'DetectedIssue',
    id: r.id,
    extension: modelExtension(r),
    status: 'final',
    code: {
      coding: [{ system: HEALTHGPT_ENGINE_SYSTEM, code: r.engineId ?? 'unknown-engine' }],
      text:
        r.verdict === 'wrong'
          ? 'Output marked wrong by a clinician'
          : 'Output marked unhelpful by a clinician',
    },
    patient: subject,
    identifiedDateTime: r.at,
    author: who(r),
    detail: r.reason,
    ...(r.assessmentId ? { implicated: [{ reference: `urn:uuid:${r.assessmentId}` }] } : {}),
  };
  return issue;
}

/** A `collection` Bundle of feedback resources. */
export function feedbackBundle(records: readonly FeedbackRecord[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: records.map((r): BundleEntry => ({ fullUrl: `urn:uuid:${r.id}`, resource: feedbackToFhir(r) })),
  };
}
