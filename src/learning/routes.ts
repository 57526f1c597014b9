import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import type { PrincipalRole } from '../auth/roles.js';
import { HealthGptError } from '../engine/errors.js';
import { feedbackInputSchema } from './feedback.js';
import { feedbackBundle } from './feedback-fhir.js';
import { knownIcd10Codes } from './icd10.js';
import type { ModelVersionRecord } from './registry.js';
import { LearningService } from './service.js';

const CLINICAL: readonly PrincipalRole[] = ['admin', 'clinician'];
const READERS: readonly PrincipalRole[] = ['admin', 'clinician', 'researcher', 'auditor'];
const ADMINS: readonly PrincipalRole[] = ['admin'];

const caseParams = z.object({ id: z.string().min(1).max(100) }).strict();
const feedbackRecordSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    kind: z.enum(['diagnosis', 'finding', 'output']),
    at: z.string(),
    by: z.object({ id: z.string(), name: z.string(), role: z.string() }),
    modelVersion: z.string(),
  })
  .passthrough();
const modelRecordSchema = z
  .object({
    version: z.string(),
    modelVersion: z.string(),
    state: z.enum(['active', 'candidate', 'retired']),
    createdAt: z.string(),
    dataHash: z.string(),
    card: z.string(),
  })
  .passthrough();

type WireModel = z.infer<typeof modelRecordSchema>;
/** A registry record as the response schema types it (the record is plain JSON with the schema's fields). */
const wire = (record: ModelVersionRecord): WireModel => record as unknown as WireModel;

/** Feedback on cases (`/v1/cases/{id}/feedback`) and the model registry (`/v1/learning/…`). */
export function registerLearningRoutes(app: HttpApp, context: AppContext): void {
  let service: LearningService | undefined;
  const learning = () => {
    service ??= new LearningService(context.store, context.config.dataDir, context.config.datasetsDir);
    return service;
  };

  app.post(
    '/v1/cases/:id/feedback',
    {
      config: { access: { roles: CLINICAL, audit: 'case.feedback', resourceType: 'case' } },
      schema: {
        tags: ['learning'],
        summary:
          'Clinician feedback on a case: confirm or correct the final diagnosis (ICD-10), correct a finding, or mark an output wrong or unhelpful',
        description:
          '404 for an unknown case or assessment; 422 for an ICD-10 code HealthGPT does not know; 409 when the same final diagnosis is already confirmed on the case (a different code replaces the earlier confirmation).',
        params: caseParams,
        body: feedbackInputSchema,
        response: { 201: feedbackRecordSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params as z.infer<typeof caseParams>;
      const principal = request.principal;
      const by = principal
        ? { id: principal.id, name: principal.name, role: principal.role }
        : { id: 'unknown', name: 'unknown', role: 'unknown' };
      try {
        const record = learning().addFeedback(id, request.body as z.infer<typeof feedbackInputSchema>, by);
        reply.code(201);
        return record;
      } catch (error) {
        throw error instanceof HealthGptError ? error.withFieldPrefix('/body') : error;
      }
    },
  );

  app.get(
    '/v1/cases/:id/feedback',
    {
      config: { access: { roles: READERS, audit: 'case.read', resourceType: 'case' } },
      schema: {
        tags: ['learning'],
        summary: 'Feedback given on a case, oldest first',
        params: caseParams,
        response: { 200: z.object({ items: z.array(feedbackRecordSchema) }) },
      },
    },
    async (request) => ({ items: learning().feedback.list((request.params as { id: string }).id) }),
  );

  app.get(
    '/v1/cases/:id/feedback/fhir',
    {
      config: { access: { roles: READERS, audit: 'case.export', resourceType: 'case' } },
      schema: {
        tags: ['learning'],
        summary:
          'Feedback on a case as FHIR R4: Condition (confirmed diagnosis), Observation (corrected finding), DetectedIssue (output marked wrong or unhelpful)',
        params: caseParams,
        response: { 200: z.unknown() },
      },
    },
    async (request) => feedbackBundle(learning().feedback.list((request.params as { id: string }).id)),
  );

  app.get(
    '/v1/learning/icd10',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags: ['learning'],
        summary: 'ICD-10 codes HealthGPT knows (for the final diagnosis), filtered by code or label',
        querystring: z
          .object({
            q: z.string().max(100).default(''),
            limit: z.coerce.number().int().min(1).max(200).default(20),
          })
          .strict(),
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), label: z.string(), learnable: z.boolean() })),
          }),
        },
      },
    },
    async (request) => {
      const { q, limit } = request.query as { q: string; limit: number };
      const needle = q.trim().toLowerCase();
      const items = [...knownIcd10Codes().values()]
        .filter(
          (k) => !needle || k.code.toLowerCase().startsWith(needle) || k.label.toLowerCase().includes(needle),
        )
        .sort((a, b) => a.code.localeCompare(b.code))
        .slice(0, limit)
        .map((k) => ({ code: k.code, label: k.label, learnable: k.ddxplusName !== undefined }));
      return { items };
    },
  );

  app.get(
    '/v1/learning/models',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags: ['learning'],
        summary: 'The diagnosis model registry: every version with state, data hash, metrics and card',
        response: { 200: z.object({ items: z.array(modelRecordSchema), served: z.string() }) },
      },
    },
    async () => ({
      items: learning().registry.list().map(wire),
      served: context.engines.get('diagnosis.ddx')?.modelVersion ?? 'unknown',
    }),
  );

  const versionParams = z.object({ version: z.string().regex(/^v\d+$/) }).strict();
  app.post(
    '/v1/learning/models/:version/promote',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags: ['learning'],
        summary:
          'Promote a candidate that passed the promotion rule (412 otherwise, unless an override reason is given); served from the next start',
        params: versionParams,
        body: z.object({ override: z.string().min(1).max(500).optional() }).strict(),
        response: { 200: modelRecordSchema },
      },
    },
    async (request) => {
      const { version } = request.params as { version: string };
      const { override } = request.body as { override?: string };
      const registry = learning().registry;
      const record = registry.get(version);
      const decision = record.metrics?.promotion as { promote?: boolean; reasons?: string[] } | undefined;
      if (!decision?.promote && !override)
        throw new HealthGptError(
          'precondition-failed',
          `${version} did not pass the promotion rule (${decision?.reasons?.join('; ') ?? 'no check recorded'})`,
        );
      return wire(
        registry.promote(
          version,
          request.principal?.id ?? 'unknown',
          override ? `override: ${override}` : 'promotion rule passed',
        ),
      );
    },
  );

  app.post(
    '/v1/learning/rollback',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags: ['learning'],
        summary: 'Retire the active diagnosis model and make the version it replaced active again',
        response: { 200: z.object({ from: modelRecordSchema, to: modelRecordSchema }) },
      },
    },
    async (request) => {
      const { from, to } = learning().registry.rollback(request.principal?.id ?? 'unknown');
      return { from: wire(from), to: wire(to) };
    },
  );
}
