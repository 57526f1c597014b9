import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HealthGptError } from '../engine/errors.js';
import type { Store } from '../store/store.js';

/**
 * Versioned updates and idempotent creates, the way FHIR servers do them (https://hl7.org/fhir/R4/http.html#concurrency):
 * every case has a version, sent as a weak `ETag` (`W/"3"`); an update must carry it in `If-Match` (428 without,
 * 412 when stale); a create may carry an `Idempotency-Key` so that retrying it after a lost answer returns the first
 * result instead of a second copy.
 */

/** The weak entity tag of a version. */
export const etagOf = (version: number): string => `W/"${version}"`;

/** Sets `ETag` (and, on creates, `Location`) for a versioned resource. */
export function sendVersioned(reply: FastifyReply, resource: { version?: number }, location?: string) {
  if (resource.version !== undefined) reply.header('etag', etagOf(resource.version));
  if (location) reply.header('location', location);
}

/**
 * The version an update must match, from `If-Match`: a number, or `undefined` for `*` (any current version).
 * Throws `precondition-required` (428) without the header and `invalid` (400) when it is not a version tag.
 */
export function requiredIfMatch(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header === '')
    throw new HealthGptError(
      'precondition-required',
      'send If-Match with the ETag of the version you read (e.g. If-Match: W/"3"), so that no other change is overwritten',
    );
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.trim() === '*') return undefined;
  const tags = text.split(',').map((t) => t.trim());
  if (tags.length !== 1) throw HealthGptError.invalid('If-Match must carry exactly one entity tag');
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(tags[0] ?? '') ?? /^(\d{1,15})$/.exec(tags[0] ?? '');
  if (!match)
    throw HealthGptError.invalid(
      `If-Match '${tags[0]}' is not an entity tag of this server (W/"<version>")`,
      [{ field: '/headers/if-match', message: 'expected W/"<version>"' }],
    );
  return Number(match[1]);
}

/**
 * The `Idempotency-Key` of a request, checked (1–255 visible ASCII characters), scoped to the signed-in principal so
 * that one caller's key never replays another's case.
 */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !/^[\x21-\x7e]{1,255}$/.test(key))
    throw HealthGptError.invalid('Idempotency-Key must be 1–255 visible ASCII characters', [
      { field: '/headers/idempotency-key', message: 'expected 1–255 visible ASCII characters' },
    ]);
  return `${request.principal?.id ?? 'anonymous'}\n${key}`;
}

interface IdempotencyRecord {
  readonly requestHash: string;
  readonly resourceId: string;
  readonly createdAt: string;
}

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Runs a create at most once per `Idempotency-Key` (within `scope`, e.g. `POST /v1/cases`): the key, a hash of the
 * request and the created resource's id are stored in the same transaction as the resource. A retry with the same
 * key and request gets the resource again (`replayed: true`); the same key with a different request is refused (422).
 * Only the id is kept, never the content, so the key table holds no PHI.
 */
export function idempotentCreate<T extends { id: string }>(
  store: Store,
  key: string | undefined,
  scope: string,
  requestBody: unknown,
  create: () => T,
  reread: (id: string) => T | undefined,
): { value: T; replayed: boolean } {
  if (key === undefined) return { value: create(), replayed: false };
  const keys = store.documents.collection<IdempotencyRecord>('server.idempotency-keys');
  const id = createHash('sha256').update(`${scope}\n${key}`).digest('hex');
  const requestHash = createHash('sha256')
    .update(JSON.stringify(requestBody) ?? '')
    .digest('hex');
  return store.transaction(() => {
    const seen = keys.get(id);
    if (seen && Date.now() - Date.parse(seen.createdAt) < IDEMPOTENCY_TTL_MS) {
      if (seen.requestHash !== requestHash)
        throw HealthGptError.unprocessable(
          'this Idempotency-Key was already used with a different request; use a new key for a new request',
        );
      const again = reread(seen.resourceId);
      if (again) return { value: again, replayed: true };
    }
    const value = create();
    keys.put(id, { requestHash, resourceId: value.id, createdAt: new Date().toISOString() });
    return { value, replayed: false };
  });
}
