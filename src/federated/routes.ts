import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import type { PrincipalRole } from '../auth/roles.js';
import { HealthGptError } from '../engine/errors.js';
import { listRunSummaries } from './runs.js';

/** Run summaries hold no patient data, but they describe the hospital network: administrators only. */
const FEDERATED_ADMINS: readonly PrincipalRole[] = ['admin'];

const runSchema = z
  .record(z.string(), z.unknown())
  .describe(
    'a run summary: runId, status, sites, joined, withdrawn, algorithm, secureAggregation, rounds, completedRounds, history (per round: participants, dropped, outcome, rows, loss, ms), privacy (ε, δ, steps per site), overallEpsilon, refusals (reasons)',
  );

/** `GET /v1/federated/runs` and `GET /v1/federated/runs/{id}`: what the coordinators of this install recorded. */
export function registerFederatedRoutes(app: HttpApp, context: AppContext): void {
  app.get(
    '/v1/federated/runs',
    {
      schema: {
        tags: ['federated'],
        summary:
          'Federated training runs coordinated from this install: rounds, sites, metrics, privacy spent',
        response: { 200: z.object({ runs: z.array(runSchema) }) },
      },
      config: { access: { roles: FEDERATED_ADMINS } },
    },
    async () => ({ runs: listRunSummaries(context.store.documents) }),
  );
  app.get(
    '/v1/federated/runs/:id',
    {
      schema: {
        tags: ['federated'],
        summary: 'One federated run in full',
        params: z.object({ id: z.string().max(200) }),
        response: { 200: runSchema },
      },
      config: { access: { roles: FEDERATED_ADMINS } },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const run = listRunSummaries(context.store.documents, 1000).find((r) => r.runId === id);
      if (!run) throw HealthGptError.notFound('federated run', id);
      return run;
    },
  );
}
