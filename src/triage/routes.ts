import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import { HealthGptError } from '../engine/errors.js';
import { assessTriage } from './assess.js';
import { triageInputFromCase } from './case-input.js';
import { differentialForCase } from './differential.js';
import { triageInputSchema, triageResultSchema } from './schema.js';

const idParams = z.object({ id: z.string().min(1).max(100) }).strict();

const caseTriageSchema = triageResultSchema.extend({
  /** The engine whose differential was used for must-not-miss conditions, when one ran. */
  differentialEngineId: z.string().optional(),
  notes: z.array(z.string()),
});

function fromBody(error: unknown): unknown {
  return error instanceof HealthGptError ? error.withFieldPrefix('/body') : error;
}

/** `POST /v1/triage` (stateless) and `GET /v1/cases/{id}/triage`. */
export function registerTriageRoutes(app: HttpApp, context: AppContext): void {
  app.post(
    '/v1/triage',
    {
      schema: {
        tags: ['triage'],
        summary: 'Triage level (emergency, urgent, routine, self-care) with reasons',
        description:
          'Findings (knowledge-base concept ids), vital signs (directly or as LOINC observations) and, optionally, the open differential with must-not-miss flags. NEWS2 is computed when all seven parameters are known (adults). Decision support, not a diagnosis.',
        body: triageInputSchema,
        response: { 200: triageResultSchema },
      },
    },
    async (request) => {
      try {
        return assessTriage(request.body);
      } catch (error) {
        throw fromBody(error);
      }
    },
  );

  app.get(
    '/v1/cases/:id/triage',
    {
      schema: {
        tags: ['triage'],
        summary:
          "Triage of a stored case: its findings, observations and the diagnosis engine's open differential",
        params: idParams,
        response: { 200: caseTriageSchema },
      },
    },
    async (request) => {
      const clinicalCase = context.store.cases.get(request.params.id);
      if (!clinicalCase) throw HealthGptError.notFound('case', request.params.id);
      const ddx = await differentialForCase(context.engines.list(), clinicalCase);
      const result = assessTriage(triageInputFromCase(clinicalCase, ddx.conditions));
      return {
        ...result,
        ...(ddx.engineId ? { differentialEngineId: ddx.engineId } : {}),
        notes: ddx.note ? [ddx.note] : [],
      };
    },
  );
}
