import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { clinicalCaseSchema, newClinicalCaseSchema } from '../../clinical/schemas.js';
import { HealthGptError } from '../../engine/errors.js';
import { createCaseAudited } from '../../store/audited.js';
import type { HttpApp } from '../http-app.js';
import { idempotencyKeyOf, idempotentCreate, requiredIfMatch, sendVersioned } from '../versioning.js';

export const idParams = z.object({ id: z.string().min(1).max(100) }).strict();

const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** Create, read, update and list cases. */
export function registerCaseRoutes(app: HttpApp, { store }: AppContext) {
  app.get(
    '/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'List cases, most recently updated first',
        querystring: listQuery,
        response: {
          200: z.object({
            items: z.array(clinicalCaseSchema).readonly(),
            total: z.number().int(),
            unreadable: z
              .array(z.object({ id: z.string(), error: z.string() }))
              .readonly()
              .optional()
              .describe(
                'Stored cases of this page that cannot be read: listed alone, never breaking the list',
              ),
          }),
        },
      },
    },
    async (request) => store.cases.list(request.query),
  );

  app.post(
    '/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Create a case',
        description:
          'Send an Idempotency-Key header (any unique string) to make a retry safe: the same key and body return the first case again (Idempotent-Replayed: true), never a copy.',
        body: newClinicalCaseSchema,
        response: { 201: clinicalCaseSchema },
      },
    },
    async (request, reply) => {
      const { value: created, replayed } = idempotentCreate(
        store,
        idempotencyKeyOf(request),
        'POST /v1/cases',
        request.body,
        () =>
          createCaseAudited(store, request.body, {
            actor: 'api',
            action: 'case.create',
            requestId: request.id,
          }),
        (id) => store.cases.get(id),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      sendVersioned(reply, created, `/v1/cases/${created.id}`);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Read a case',
        params: idParams,
        response: { 200: clinicalCaseSchema },
      },
    },
    async (request, reply) => {
      const found = store.cases.get(request.params.id);
      if (!found) throw HealthGptError.notFound('case', request.params.id);
      sendVersioned(reply, found);
      return found;
    },
  );

  app.put(
    '/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: "Replace a case's content",
        description:
          'Needs If-Match with the ETag of the version read (GET answers ETag: W/"n"): 428 without it, 412 when the case changed since (reload, reapply, resend).',
        params: idParams,
        body: newClinicalCaseSchema,
        response: { 200: clinicalCaseSchema },
      },
    },
    async (request, reply) => {
      const ifVersion = requiredIfMatch(request);
      const updated = store.transaction(() => {
        const stored = store.cases.update(
          request.params.id,
          request.body,
          ifVersion === undefined ? {} : { ifVersion },
        );
        if (stored) {
          store.audit.record({
            actor: 'api',
            action: 'case.update',
            resourceType: 'case',
            resourceId: stored.id,
            requestId: request.id,
            outcome: 'success',
          });
        }
        return stored;
      });
      if (!updated) throw HealthGptError.notFound('case', request.params.id);
      sendVersioned(reply, updated);
      return updated;
    },
  );
}
