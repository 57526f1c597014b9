import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { runHeavy } from '../../app/work.js';
import { clinicalCaseSchema } from '../../clinical/schemas.js';
import { HealthGptError } from '../../engine/errors.js';
import { caseToBundle } from '../../fhir/export-bundle.js';
import { type bundleToCase, FhirImportError } from '../../fhir/import-bundle.js';
import { createCaseAudited } from '../../store/audited.js';
import { strictJsonParser } from '../body-parsers.js';
import type { HttpApp } from '../http-app.js';
import { idempotencyKeyOf, idempotentCreate, sendVersioned } from '../versioning.js';
import { idParams } from './cases.js';

/** A FHIR resource as JSON: checked in depth by the importer, which names every field at fault. */
const fhirBundleBody = z
  .looseObject({ resourceType: z.literal('Bundle'), entry: z.array(z.unknown()).optional() })
  .describe('FHIR R4 Bundle with one Patient and its Observations and Conditions');

/** FHIR R4 in (a Bundle becomes a case) and out (a case and its assessments as a Bundle). */
export function registerFhirRoutes(app: HttpApp, context: AppContext) {
  const { store } = context;
  // FHIR's JSON media type (R4 http.html#mime-type), as FHIR clients and this server's own export send it, read as
  // strictly as `application/json` (UTF-8, no NUL). Added in this route scope (cases, FHIR, engines) only.
  app.addContentTypeParser('application/fhir+json', { parseAs: 'buffer' }, strictJsonParser(app));
  app.post(
    '/v1/fhir/import',
    {
      schema: {
        tags: ['fhir'],
        summary: 'Import a FHIR R4 Bundle (Patient, Observation, Condition) as a new case',
        description:
          'All or nothing: the bundle is read and the case validated before anything is stored; any fault is a 422 naming each entry at fault, and nothing is written. The title is never taken from identifiers. Send an Idempotency-Key header to make a retry safe.',
        body: fhirBundleBody,
        querystring: z.object({ title: z.string().min(1).max(200).optional() }).strict(),
        response: { 201: clinicalCaseSchema },
      },
    },
    async (request, reply) => {
      let newCase: ReturnType<typeof bundleToCase>;
      try {
        // Reading a large bundle runs in a worker thread (src/server/work-pool.ts); nothing is stored there.
        newCase = await runHeavy(context, 'fhir.read', {
          bundle: request.body,
          ...(request.query.title ? { title: request.query.title } : {}),
        });
      } catch (error) {
        // Field errors point into the bundle; in the problem document, into the request body.
        if (error instanceof FhirImportError) throw error.withFieldPrefix('/body');
        throw error;
      }
      const { value: created, replayed } = idempotentCreate(
        store,
        idempotencyKeyOf(request),
        'POST /v1/fhir/import',
        { query: request.query, body: request.body },
        () =>
          createCaseAudited(store, newCase, { actor: 'api', action: 'fhir.import', requestId: request.id }),
        (id) => store.cases.get(id),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      sendVersioned(reply, created, `/v1/cases/${created.id}`);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/v1/cases/:id/fhir',
    {
      schema: {
        tags: ['fhir'],
        summary:
          'Export a case with its assessments as a FHIR R4 Bundle (RiskAssessment, ClinicalImpression)',
        params: idParams,
      },
    },
    async (request, reply) => {
      const found = store.cases.get(request.params.id);
      if (!found) throw HealthGptError.notFound('case', request.params.id);
      const bundle = caseToBundle(found, store.assessments.listForCase(found.id));
      return reply.type('application/fhir+json').send(JSON.stringify(bundle));
    },
  );
}
