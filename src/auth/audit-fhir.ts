import type { Bundle, AuditEvent as FhirAuditEvent } from '@medplum/fhirtypes';
import type { AuditEvent } from '../store/store.js';

/** URI of the extension carrying an entry's chain hash. */
export const AUDIT_HASH_EXTENSION = 'urn:healthgpt:fhir:audit-chain-hash';

const ACTION_OF_VERB: Record<string, 'C' | 'R' | 'U' | 'D' | 'E'> = {
  create: 'C',
  import: 'C',
  read: 'R',
  list: 'R',
  export: 'R',
  update: 'U',
  revoke: 'U',
  answer: 'U',
  delete: 'D',
};

const INTERACTION_OF_ACTION: Record<string, string> = {
  C: 'create',
  R: 'read',
  U: 'update',
  D: 'delete',
};

/**
 * One audit entry as a FHIR R4 AuditEvent (https://hl7.org/fhir/R4/auditevent.html): type `rest` (RESTful
 * operation) with the restful-interaction subtype where one fits, the agent with its role and network address,
 * the resource as an entity, and the chain hash as an extension.
 */
export function toFhirAuditEvent(event: AuditEvent): FhirAuditEvent {
  const verb = event.action.split('.').at(-1) ?? '';
  const action = ACTION_OF_VERB[verb] ?? 'E';
  const interaction = INTERACTION_OF_ACTION[action];
  return {
    resourceType: 'AuditEvent',
    id: String(event.id),
    type: {
      system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
      code: 'rest',
      display: 'RESTful Operation',
    },
    ...(interaction
      ? { subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: interaction }] }
      : {}),
    action,
    recorded: event.at,
    // R4 outcome codes: 0 success, 4 minor failure.
    outcome: event.outcome === 'success' ? '0' : '4',
    outcomeDesc: event.action,
    agent: [
      {
        who: { identifier: { system: 'urn:healthgpt:principal', value: event.actor }, display: event.actor },
        requestor: true,
        ...(event.role ? { role: [{ text: event.role }] } : {}),
        ...(event.clientAddress ? { network: { address: event.clientAddress, type: '2' as const } } : {}),
      },
    ],
    source: {
      observer: { display: 'HealthGPT' },
      type: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
          code: '4',
          display: 'Application Server',
        },
      ],
    },
    entity: [
      {
        what: {
          identifier: {
            system: `urn:healthgpt:${event.resourceType}`,
            ...(event.resourceId ? { value: event.resourceId } : {}),
          },
        },
        detail: [
          { type: 'action', valueString: event.action },
          ...(event.requestId ? [{ type: 'requestId', valueString: event.requestId }] : []),
          ...(event.clientRequestId ? [{ type: 'clientRequestId', valueString: event.clientRequestId }] : []),
        ],
      },
    ],
    ...(event.hash ? { extension: [{ url: AUDIT_HASH_EXTENSION, valueString: event.hash }] } : {}),
  };
}

/** A page of audit entries as a FHIR searchset Bundle. */
export function toFhirAuditBundle(events: readonly AuditEvent[], total: number): Bundle<FhirAuditEvent> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    entry: events.map((event) => ({ resource: toFhirAuditEvent(event), search: { mode: 'match' } })),
  };
}
