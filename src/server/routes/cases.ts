import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { clinicalCaseSchema, newClinicalCaseSchema } from '../../clinical/schemas.js';
import { HealthGptError } from '../../engine/errors.js';
import { createCaseAudited } from '../../store/audited.js';
import type { HttpApp } from '../http-app.js';

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
          200: z.object({ items: z.array(clinicalCaseSchema).readonly(), total: z.number().int() }),
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
        body: newClinicalCaseSchema,
        response: { 201: clinicalCaseSchema },
      },
    },
    async (request, reply) => {
      const created = createCaseAudited(store, request.body, {
        actor: 'api',
        action: 'case.create',
        requestId: request.id,
      });
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
    async (request) => {
      const found = store.cases.get(request.params.id);
      if (!found) throw HealthGptError.notFound('case', request.params.id);
      return found;
    },
  );

  app.put(
    '/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: "Replace a case's content",
        params: idParams,
        body: newClinicalCaseSchema,
        response: { 200: clinicalCaseSchema },
      },
    },
    async (request) => {
      const updated = store.transaction(() => {
        const stored = store.cases.update(request.params.id, request.body);
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
      return updated;
    },
  );
}
