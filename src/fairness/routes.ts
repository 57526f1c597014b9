import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import type { PrincipalRole } from '../auth/roles.js';
import { ddxEngine } from '../diagnosis/ddx-engine.js';
import { type DdxplusPatient, parseDdxplusPatients } from '../diagnosis/ddxplus/patients.js';
import { HealthGptError } from '../engine/errors.js';
import { listAlerts, listReports, saveAudit } from './alerts.js';
import { auditSubgroups } from './audit.js';
import { checkDdxPatients, ddxFairnessReport } from './ddx-fairness.js';
import { auditItemsRequestSchema } from './schemas.js';

/** Audits read aggregate outcomes, no patient record: the people who look at model quality. */
const AUDIT_ROLES: readonly PrincipalRole[] = ['admin', 'clinician', 'researcher', 'auditor'];

/** `/v1/fairness/…`: subgroup audits of the diagnosis model and of any engine, stored reports and alerts. */
export function registerFairnessRoutes(app: HttpApp, context: AppContext): void {
  const documents = context.store.documents;
  const by = (request: { principal?: { id: string } }) => request.principal?.id ?? 'unknown';

  app.post(
    '/v1/fairness/diagnosis',
    {
      config: { access: { roles: AUDIT_ROLES } },
      schema: {
        tags: ['fairness'],
        summary:
          'Subgroup audit of the served diagnosis model on labelled DDXPlus patients (CSV text, full evidence): GTPA@1 by sex, age band and sex × age band; flagged groups raise alerts',
        body: z.object({ csv: z.string().min(1).max(20_000_000) }).strict(),
        response: {
          200: z.object({
            id: z.string(),
            report: z
              .unknown()
              .describe(
                'the `healthgpt eval fairness` report: { n, model_version, mode, overall: { gtpa_at_1, ci_low, ci_high, … }, groups: [ { attribute, value, n, gtpa_at_1, ci_low, ci_high, flagged, rest, p_value, p_adjusted, … } ], method }',
              ),
            alerts: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const model = ddxEngine().model;
      let patients: DdxplusPatient[];
      try {
        patients = parseDdxplusPatients((request.body as { csv: string }).csv);
      } catch (error) {
        throw HealthGptError.invalid((error as Error).message, [
          { field: '/body/csv', message: (error as Error).message },
        ]);
      }
      if (patients.length === 0)
        throw HealthGptError.invalid('no patients in the CSV', [{ field: '/body/csv', message: 'empty' }]);
      checkDdxPatients(model, patients, 'csv');
      const report = ddxFairnessReport(model, patients);
      const saved = saveAudit(documents, {
        engine: 'diagnosis.ddx',
        by: by(request),
        source: `${patients.length} DDXPlus patients (posted CSV)`,
        report,
        groups: report.groups.map((g) => ({ ...g, metric: g.gtpa_at_1 })),
      });
      return { id: saved.report.id, report, alerts: saved.alerts.length };
    },
  );

  app.post(
    '/v1/fairness/audit',
    {
      config: { access: { roles: AUDIT_ROLES } },
      schema: {
        tags: ['fairness'],
        summary:
          'Subgroup audit of any engine from labelled items (right or not, group attributes, optional confidence): share right per group with bootstrap intervals, one-sided Fisher test vs the rest, Holm-corrected',
        body: auditItemsRequestSchema.extend({ engine: z.string().min(1).max(200) }),
        response: { 200: z.object({ id: z.string(), report: z.unknown(), alerts: z.number() }) },
      },
    },
    async (request) => {
      const body = request.body as z.infer<typeof auditItemsRequestSchema> & { engine: string };
      const report = auditSubgroups(body.items, {
        ...(body.attributes ? { attributes: body.attributes } : {}),
        ...(body.alpha !== undefined ? { alpha: body.alpha } : {}),
      });
      const saved = saveAudit(documents, {
        engine: body.engine,
        by: by(request),
        source: `${body.items.length} labelled items (posted)`,
        report,
        groups: report.groups.map((g) => ({ ...g, metric: g.value_right })),
      });
      return { id: saved.report.id, report, alerts: saved.alerts.length };
    },
  );

  app.get(
    '/v1/fairness/reports',
    {
      config: { access: { roles: AUDIT_ROLES } },
      schema: {
        tags: ['fairness'],
        summary: 'Stored audit reports, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict(),
        response: { 200: z.object({ items: z.array(z.unknown()) }) },
      },
    },
    async (request) => ({ items: listReports(documents, (request.query as { limit: number }).limit) }),
  );

  app.get(
    '/v1/fairness/alerts',
    {
      config: { access: { roles: AUDIT_ROLES } },
      schema: {
        tags: ['fairness'],
        summary: 'Alerts raised by audits that flagged a group, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict(),
        response: { 200: z.object({ items: z.array(z.unknown()) }) },
      },
    },
    async (request) => ({ items: listAlerts(documents, (request.query as { limit: number }).limit) }),
  );
}
