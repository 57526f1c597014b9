import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import {
  boundFieldErrors,
  type ErrorCode,
  type FieldError,
  HealthGptError,
  jsonPointer,
} from '../engine/errors.js';
import { HTTP_STATUS_OF, PROBLEM_CONTENT_TYPE, type ProblemDocument } from './problem.js';

/** Fastify's own error codes for bodies it could not read, as the error code a client should see. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid', title: 'Malformed JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid', title: 'Empty JSON body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'too-large', title: 'Content Too Large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported-media-type', title: 'Unsupported Media Type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'invalid', title: 'Invalid Content-Length' },
  FST_ERR_CTP_EMPTY_TYPE: { code: 'unsupported-media-type', title: 'Unsupported Media Type' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'unsupported-media-type', title: 'Unsupported Media Type' },
};

/** Sends a problem document (RFC 9457) with the request id. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Omit<ProblemDocument, 'type'> & { type?: string },
) {
  const document: ProblemDocument = {
    type: problem.type ?? 'about:blank',
    ...problem,
    instance: request.url,
    requestId: request.id,
  };
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(document);
}

/**
 * The one translation of a `HealthGptError` into a problem document: the code gives the status (`HTTP_STATUS_OF`),
 * field errors become `errors`, `details` are passed on. An `internal` error's message is never shown.
 */
export function problemOf(error: HealthGptError): Omit<ProblemDocument, 'instance' | 'requestId'> {
  const { status, title } = HTTP_STATUS_OF[error.code];
  return {
    type: error.type ?? 'about:blank',
    title: error.title ?? title,
    status,
    code: error.code,
    detail:
      error.code === 'internal'
        ? 'an unexpected error occurred; the request id identifies it in the server log'
        : error.message,
    ...(error.fieldErrors.length > 0 ? { errors: error.fieldErrors } : {}),
    ...(error.details ? { details: error.details } : {}),
  };
}

/** Turns every error a route can raise into a problem document; unexpected ones are logged and hidden. */
export function problemErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HealthGptError) {
    if (error.code === 'internal') request.log.error({ err: error }, 'internal error');
    return sendProblem(request, reply, problemOf(error));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    // Request validation: pointers into the request, starting with its part (`/body/findings/0/status`).
    const where = error.validationContext ?? 'body';
    // At most MAX_REPORTED_FIELD_ERRORS of them, with the count of all in `details` when there were more.
    const bounded = boundFieldErrors(
      error.validation.map(
        (issue): FieldError => ({
          field: jsonPointer([where]) + (issue.instancePath === '/' ? '' : issue.instancePath || ''),
          message: issue.message ?? 'invalid value',
        }),
      ),
    );
    return sendProblem(request, reply, {
      status: 400,
      title: 'Invalid request',
      code: 'invalid',
      detail: bounded.details
        ? `${bounded.count} problems, the first ${bounded.fieldErrors.length}: ${bounded.text}`
        : bounded.text,
      errors: bounded.fieldErrors,
      ...(bounded.details ? { details: bounded.details } : {}),
    });
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    return sendProblem(request, reply, {
      status: 500,
      title: 'Internal Server Error',
      code: 'internal',
      detail: 'response failed validation',
    });
  }
  const known = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (known) {
    return sendProblem(request, reply, {
      status: HTTP_STATUS_OF[known.code].status,
      title: known.title,
      code: known.code,
      detail: error.message,
    });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(request, reply, {
      status: error.statusCode,
      title: 'Bad Request',
      detail: error.message,
    });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(request, reply, {
    status: 500,
    title: 'Internal Server Error',
    code: 'internal',
    detail: 'an unexpected error occurred; the request id identifies it in the server log',
  });
}
