import { createHash } from 'node:crypto';
import { currentRequestContext } from '../auth/request-context.js';
import type { AuditEvent, AuditVerification, NewAuditEvent } from './store.js';

/** The `prevHash` of the first chained entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers, in this order (everything but the row id, which the database assigns). */
export type ChainedFields = Omit<AuditEvent, 'id' | 'hash' | 'prevHash'>;

/**
 * SHA-256 (hex) of the previous entry's hash and this entry's fields as a JSON array (absent fields as null), so
 * changing any field of any entry, removing one or swapping two changes every later hash.
 */
export function auditEntryHash(prevHash: string, entry: ChainedFields): string {
  const fields = [
    prevHash,
    entry.at,
    entry.actor,
    entry.role ?? null,
    entry.clientAddress ?? null,
    entry.action,
    entry.resourceType,
    entry.resourceId ?? null,
    entry.requestId ?? null,
    entry.clientRequestId ?? null,
    entry.outcome,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Fills in who is behind an event from the current request (`src/auth/request-context.ts`): the real principal
 * replaces the placeholder actor `api`, and the role, client address and request ids are added when missing.
 */
export function withRequestContext(event: NewAuditEvent): NewAuditEvent {
  const context = currentRequestContext();
  if (!context) return event;
  context.audited += 1;
  const principal = context.principal;
  const actor = event.actor === 'api' ? (principal?.id ?? 'anonymous') : event.actor;
  const role = event.role ?? (event.actor === 'api' ? principal?.role : undefined);
  const clientAddress = event.clientAddress ?? context.clientAddress;
  const requestId = event.requestId ?? context.requestId;
  const clientRequestId = event.clientRequestId ?? context.clientRequestId;
  return {
    ...event,
    actor,
    ...(role ? { role } : {}),
    ...(clientAddress ? { clientAddress } : {}),
    ...(requestId ? { requestId } : {}),
    ...(clientRequestId ? { clientRequestId } : {}),
  };
}

/** Walks entries oldest first and checks each link and hash. Entries without a hash predate the chain. */
export function verifyAuditChain(entries: Iterable<AuditEvent>): AuditVerification {
  let prev: string | undefined;
  let checked = 0;
  let unchained = 0;
  for (const entry of entries) {
    if (entry.hash === undefined) {
      if (prev !== undefined) {
        return {
          ok: false,
          checked,
          unchained,
          brokenAt: { id: entry.id, reason: 'entry without a hash after the chain began' },
        };
      }
      unchained += 1;
      continue;
    }
    const expectedPrev = prev ?? GENESIS_HASH;
    if (entry.prevHash !== expectedPrev) {
      return {
        ok: false,
        checked,
        unchained,
        brokenAt: {
          id: entry.id,
          reason: 'does not link to the entry before it (one removed or re-ordered)',
        },
      };
    }
    if (auditEntryHash(expectedPrev, entry) !== entry.hash) {
      return {
        ok: false,
        checked,
        unchained,
        brokenAt: { id: entry.id, reason: 'content does not match its hash (entry edited)' },
      };
    }
    prev = entry.hash;
    checked += 1;
  }
  return { ok: true, checked, unchained, ...(prev ? { head: prev } : {}) };
}
