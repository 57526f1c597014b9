import { z } from 'zod';
import type { Capability } from '../../app/capability.js';
import type { AppContext } from '../../app/context.js';
import { HealthGptError } from '../../engine/errors.js';
import { FhirImportError } from '../../fhir/import-bundle.js';
import type { HttpApp } from '../http-app.js';
import { patientViewService } from './patient-view.js';
import type { CdsService } from './service.js';

const cdsRequestSchema = z.looseObject({
  hook: z.string().min(1),
  hookInstance: z.string().min(1),
  context: z.record(z.string(), z.unknown()),
  prefetch: z.record(z.string(), z.unknown()).optional(),
  fhirServer: z.string().optional(),
});

/** Every CDS service on offer: the shared `patient-view` plus the capabilities' own. */
export function cdsServicesOf(capabilities: readonly Capability[]): readonly CdsService[] {
  return [patientViewService, ...capabilities.flatMap((c) => c.cdsServices ?? [])];
}

/**
 * CDS Hooks 2.0 (https://cds-hooks.hl7.org/2.0/): discovery at `GET /cds-services` and each service at
 * `POST /cds-services/{id}`. HealthGPT reads the prefetched FHIR resources; it never calls back to the EHR.
 */
export function registerCdsHooks(app: HttpApp, context: AppContext, capabilities: readonly Capability[]) {
  const services = cdsServicesOf(capabilities);
  app.get('/cds-services', { schema: { tags: ['cds-hooks'], summary: 'CDS Hooks discovery' } }, async () => ({
    services: services.map(({ id, hook, title, description, prefetch }) => ({
      id,
      hook,
      title,
      description,
      ...(prefetch ? { prefetch } : {}),
    })),
  }));

  app.post(
    '/cds-services/:id',
    {
      schema: {
        tags: ['cds-hooks'],
        summary: 'Call a CDS service',
        params: z.object({ id: z.string() }),
        body: cdsRequestSchema,
      },
    },
    async (request) => {
      const service = services.find((s) => s.id === request.params.id);
      if (!service) throw HealthGptError.notFound('CDS service', request.params.id);
      if (request.body.hook !== service.hook) {
        throw HealthGptError.invalid(`service '${service.id}' answers the '${service.hook}' hook`, [
          { field: '/body/hook', message: `must be '${service.hook}'` },
        ]);
      }
      try {
        return { cards: await service.handle(request.body, context) };
      } catch (error) {
        if (error instanceof FhirImportError) {
          throw new HealthGptError('unprocessable', 'the prefetched FHIR resources cannot be read', {
            fieldErrors: error.fieldErrors,
            ...(error.details ? { details: error.details } : {}),
            cause: error,
          });
        }
        throw error;
      }
    },
  );
}
