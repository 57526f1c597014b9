import type { ErrorCode, FieldError } from '../engine/errors.js';

export type { FieldError } from '../engine/errors.js';

/**
 * Problem Details for HTTP APIs (RFC 9457, https://www.rfc-editor.org/rfc/rfc9457): every error the API returns is
 * an `application/problem+json` document with, for invalid input, the fields at fault in `errors`. Each `field` is a
 * JSON pointer (RFC 6901) into the request, starting with the part it is in: `/body/findings/0/status`,
 * `/querystring/limit`, `/params/id`. Domain code throws `HealthGptError` (`src/engine/errors.ts`) with pointers relative
 * to its own input; the route that handed it the body adds `/body`.
 */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly requestId?: string;
  /** The `HealthGptError` code, so clients can branch without parsing titles. */
  readonly code?: ErrorCode;
  readonly errors?: readonly FieldError[];
  /** Machine-readable details of the error (e.g. `rejectedFindings`). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The one mapping of error codes to HTTP statuses and default titles. */
export const HTTP_STATUS_OF: Readonly<
  Record<ErrorCode, { readonly status: number; readonly title: string }>
> = {
  invalid: { status: 400, title: 'Bad Request' },
  unauthenticated: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not Found' },
  conflict: { status: 409, title: 'Conflict' },
  'precondition-failed': { status: 412, title: 'Precondition Failed' },
  'too-large': { status: 413, title: 'Content Too Large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported Media Type' },
  unprocessable: { status: 422, title: 'Unprocessable Content' },
  'precondition-required': { status: 428, title: 'Precondition Required' },
  'rate-limited': { status: 429, title: 'Too Many Requests' },
  internal: { status: 500, title: 'Internal Server Error' },
  'upstream-failed': { status: 502, title: 'Bad Gateway' },
  unavailable: { status: 503, title: 'Service Unavailable' },
  timeout: { status: 503, title: 'Service Unavailable' },
};
