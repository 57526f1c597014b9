import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type FieldError, HttpProblem, PROBLEM_CONTENT_TYPE, type ProblemDocument } from './problem.js';

/** Fastify's own error codes for bodies it could not read, mapped to the status a client should see. */
const FASTIFY_CODES: Record<string, { status: number; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, title: 'Malformed JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, title: 'Empty JSON body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, title: 'Content Too Large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, title: 'Unsupported Media Type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, title: 'Invalid Content-Length' },
  FST_ERR_CTP_EMPTY_TYPE: { status: 415, title: 'Unsupported Media Type' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, title: 'Unsupported Media Type' },
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

/** Turns every error a route can raise into a problem document; unexpected ones are logged and hidden. */
export function problemErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpProblem) {
    return sendProblem(request, reply, {
      status: error.status,
      title: error.title,
      type: error.type,
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.errors ? { errors: error.errors } : {}),
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const errors: FieldError[] = error.validation.map((issue) => ({
      field: `${where}${issue.instancePath || ''}`,
      message: issue.message ?? 'invalid value',
    }));
    return sendProblem(request, reply, {
      status: 400,
      title: 'Invalid request',
      detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    });
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    return sendProblem(request, reply, {
      status: 500,
      title: 'Internal Server Error',
      detail: 'response failed validation',
    });
  }
  const known = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (known) return sendProblem(request, reply, { ...known, detail: error.message });
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
    detail: 'an unexpected error occurred; the request id identifies it in the server log',
  });
}
