import type { z } from 'zod';

/**
 * The one protocol-neutral error of HealthGPT, in the spirit of FHIR's OperationOutcome
 * (https://hl7.org/fhir/R4/operationoutcome.html) and Medplum's `OperationOutcomeError`: domain code throws it with
 * a code that says what went wrong in clinical-software terms; the HTTP server maps the code to a status and a
 * problem document once (`src/server/error-handler.ts`), the CLI to a message and an exit code once
 * (`src/cli/errors.ts`). No domain module knows about HTTP.
 */
export type ErrorCode =
  /** The input is malformed or fails validation (field errors say where). */
  | 'invalid'
  /** The input is well formed but cannot be processed (unsupported content, out of the engine's population). */
  | 'unprocessable'
  /** A referenced resource does not exist. */
  | 'not-found'
  /** The request conflicts with the stored state (duplicate, concurrent change). */
  | 'conflict'
  /** A version precondition (`If-Match`) failed. */
  | 'precondition-failed'
  /** A version precondition is required and missing. */
  | 'precondition-required'
  /** No or bad credentials. */
  | 'unauthenticated'
  /** Credentials valid, but the role does not allow the action. */
  | 'forbidden'
  /** The input exceeds a size limit (bytes, pixels, entries, span). */
  | 'too-large'
  /** The media type or format is not supported. */
  | 'unsupported-media-type'
  /** Too many requests from one principal. */
  | 'rate-limited'
  /** The work ran past its time budget. */
  | 'timeout'
  /** A required component (model file, data set, external service) is not available. */
  | 'unavailable'
  /** An external service the work depends on (e.g. speech-to-text) answered with an error. */
  | 'upstream-failed'
  /** A bug or an unexpected failure; its detail is never shown to a client. */
  | 'internal';

/** One bad value: where it is, as a JSON pointer (RFC 6901, `/findings/0/status`), and what is wrong with it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export interface HealthGptErrorOptions {
  readonly fieldErrors?: readonly FieldError[];
  /** A short, stable title for the kind of problem (e.g. 'Invalid FHIR bundle'). */
  readonly title?: string;
  /** A URI that identifies the problem type (RFC 9457 `type`); 'about:blank' when unset. */
  readonly type?: string;
  /** Machine-readable details a client may use (e.g. `{ rejectedFindings: [...] }`). */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/** Throw this from any domain module; adapters translate it. */
export class HealthGptError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: readonly FieldError[];
  readonly title: string | undefined;
  readonly type: string | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: HealthGptErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HealthGptError';
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? [];
    this.title = options.title;
    this.type = options.type;
    this.details = options.details;
  }

  static invalid(message: string, fieldErrors?: readonly FieldError[], options: HealthGptErrorOptions = {}) {
    return new HealthGptError('invalid', message, { ...options, ...(fieldErrors ? { fieldErrors } : {}) });
  }

  static unprocessable(
    message: string,
    fieldErrors?: readonly FieldError[],
    options: HealthGptErrorOptions = {},
  ) {
    return new HealthGptError('unprocessable', message, {
      ...options,
      ...(fieldErrors ? { fieldErrors } : {}),
    });
  }

  static notFound(what: string, id: string, options: HealthGptErrorOptions = {}) {
    return new HealthGptError('not-found', `${what} '${id}' does not exist`, options);
  }

  /** The same error with every field error's pointer under `prefix` (e.g. `/body` when the input was a request body). */
  withFieldPrefix(prefix: string): HealthGptError {
    if (this.fieldErrors.length === 0 || prefix === '') return this;
    const copy = new HealthGptError(this.code, this.message, {
      fieldErrors: this.fieldErrors.map((e) => ({
        field: e.field === '/' ? prefix : prefix + e.field,
        message: e.message,
      })),
      ...(this.title !== undefined ? { title: this.title } : {}),
      ...(this.type !== undefined ? { type: this.type } : {}),
      ...(this.details !== undefined ? { details: this.details } : {}),
      cause: this,
    });
    return copy;
  }
}

export function isHealthGptError(error: unknown): error is HealthGptError {
  return error instanceof HealthGptError;
}

/** Escapes one JSON-pointer reference token (RFC 6901 §3). */
function escapePointerToken(token: PropertyKey): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A JSON pointer from a path of keys, optionally under a prefix pointer (`/body`). */
export function jsonPointer(path: readonly PropertyKey[], prefix = ''): string {
  return prefix + path.map((key) => `/${escapePointerToken(key)}`).join('');
}

/** The one conversion of zod issues into field errors with JSON-pointer paths. */
export function fieldErrorsFromZod(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => ({
    field: jsonPointer(issue.path, prefix) || prefix || '/',
    message: issue.message,
  }));
}

/**
 * Most field errors one error reports. A large bad upload (a 12 MB FHIR bundle with a bad value in every entry) gets
 * the first ones and a count of the rest, a readable answer, instead of an error list twice the size of the upload.
 */
export const MAX_REPORTED_FIELD_ERRORS = 100;

/** Longest message of one reported field error (a message may quote a bad value). */
const MAX_FIELD_MESSAGE_CHARS = 300;

/** Field errors bounded for a report: the first `max`, their text as one line, and the count of all of them. */
export interface BoundedFieldErrors {
  readonly fieldErrors: readonly FieldError[];
  /** `field: message; …`, ending `; and N more` when some were left out. */
  readonly text: string;
  /** How many there were in all. */
  readonly count: number;
  /** `{ errorCount, errorsShown }` when some were left out (for a problem document's `details`), else undefined. */
  readonly details: { readonly errorCount: number; readonly errorsShown: number } | undefined;
}

/** The one bounding of field errors for errors and problem documents: {@link MAX_REPORTED_FIELD_ERRORS}. */
export function boundFieldErrors(
  errors: readonly FieldError[],
  max = MAX_REPORTED_FIELD_ERRORS,
): BoundedFieldErrors {
  const fieldErrors = errors
    .slice(0, max)
    .map((e) =>
      e.message.length > MAX_FIELD_MESSAGE_CHARS
        ? { field: e.field, message: `${e.message.slice(0, MAX_FIELD_MESSAGE_CHARS - 1)}…` }
        : e,
    );
  const omitted = errors.length - fieldErrors.length;
  const list = fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return {
    fieldErrors,
    text: omitted > 0 ? `${list}; and ${omitted} more` : list,
    count: errors.length,
    details: omitted > 0 ? { errorCount: errors.length, errorsShown: fieldErrors.length } : undefined,
  };
}

/**
 * Parses with a zod schema, throwing an `invalid` HealthGptError with JSON-pointer field errors on failure (at most
 * {@link MAX_REPORTED_FIELD_ERRORS}; `details.errorCount` then says how many there were).
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  prefix = '',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const bounded = boundFieldErrors(fieldErrorsFromZod(result.error, prefix));
  throw HealthGptError.invalid(
    `${what} is invalid: ${bounded.count > bounded.fieldErrors.length ? `${bounded.count} problems, the first ${bounded.fieldErrors.length}: ` : ''}${bounded.text}`,
    bounded.fieldErrors,
    bounded.details ? { details: bounded.details } : {},
  );
}
