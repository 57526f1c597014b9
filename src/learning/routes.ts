import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import type { PrincipalRole } from '../auth/roles.js';
import { HealthGptError } from '../engine/errors.js';
import { feedbackInputSchema } from './feedback.js';
import { feedbackBundle } from './feedback-fhir.js';
import { knownIcd10Codes } from './icd10.js';
import {
  DEFAULT_FAMILY,
  FamilyRegistry,
  listAllModels,
  MODEL_FAMILIES,
  type ModelFamily,
  type ModelVersionRecord,
} from './registry.js';
import { LearningService } from './service.js';

/** Feedback is part of the case (a confirmed diagnosis, a free-text note): who may read and write the case. */
const CLINICAL: readonly PrincipalRole[] = ['admin', 'clinician'];
/** Descriptions of the system (ICD-10 codes, the model registry): every person signed in. */
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
    family: z.enum(MODEL_FAMILIES).default(DEFAULT_FAMILY),
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
      config: { access: { roles: CLINICAL, audit: 'case.read', resourceType: 'case' } },
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
      config: { access: { roles: CLINICAL, audit: 'case.export', resourceType: 'case' } },
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

  /**
   * `?family=` picks the registry family (default `ddx`, so clients from before families keep their answers;
   * `all` lists every family). The federated families describe the hospital network (sites, privacy spent): as the
   * federated runs, administrators only.
   */
  const familyQuery = z
    .object({ family: z.enum([...MODEL_FAMILIES, 'all']).default(DEFAULT_FAMILY) })
    .strict();
  const onlyAdminsBeyondDdx = (family: string, role: string | undefined) => {
    if (family !== DEFAULT_FAMILY && role !== 'admin')
      throw new HealthGptError('forbidden', `the ${family} models are shown to administrators only`);
  };
  const registryOf = (family: ModelFamily): FamilyRegistry =>
    family === DEFAULT_FAMILY
      ? learning().registry
      : new FamilyRegistry(context.store.documents, context.config.dataDir, family);

  app.get(
    '/v1/learning/models',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags: ['learning'],
        summary:
          'The model registry: every version of a model family (default ddx, the diagnosis model; federated families and all: administrators) with family, state, data hash, metrics and card',
        querystring: familyQuery,
        response: {
          200: z.object({
            items: z.array(modelRecordSchema),
            served: z.string(),
            family: z.string(),
            families: z.array(z.object({ family: z.string(), versions: z.number().int() })),
          }),
        },
      },
    },
    async (request) => {
      const { family } = request.query as { family: ModelFamily | 'all' };
      onlyAdminsBeyondDdx(family, request.principal?.role);
      learning(); // the diagnosis registry registers the committed model as v1 on first use
      const all = listAllModels(context.store.documents);
      const items = family === 'all' ? all : registryOf(family).list();
      const families = MODEL_FAMILIES.map((f) => ({
        family: f,
        versions: all.filter((r) => r.family === f).length,
      })).filter((f) => f.family === DEFAULT_FAMILY || f.versions > 0);
      return {
        items: items.map(wire),
        served: context.engines.get('diagnosis.ddx')?.modelVersion ?? 'unknown',
        family,
        families,
      };
    },
  );

  const versionParams = z.object({ version: z.string().regex(/^v\d+$/) }).strict();
  const familyOnly = z.object({ family: z.enum(MODEL_FAMILIES).default(DEFAULT_FAMILY) }).strict();
  app.post(
    '/v1/learning/models/:version/promote',
    {
      config: { access: { roles: ADMINS } },
      schema: {
        tags: ['learning'],
        summary:
          "Promote a candidate that passed its family's promotion rule (412 otherwise, unless an override reason is given); a diagnosis model is served from the next start",
        params: versionParams,
        querystring: familyOnly,
        body: z.object({ override: z.string().min(1).max(500).optional() }).strict(),
        response: { 200: modelRecordSchema },
      },
    },
    async (request) => {
      const { version } = request.params as { version: string };
      const { override } = request.body as { override?: string };
      const { family } = request.query as { family: ModelFamily };
      const registry = registryOf(family);
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
        summary:
          'Retire the active version of a model family (default ddx, the diagnosis model) and make the version it replaced active again',
        querystring: familyOnly,
        response: { 200: z.object({ from: modelRecordSchema, to: modelRecordSchema }) },
      },
    },
    async (request) => {
      const { family } = request.query as { family: ModelFamily };
      const { from, to } = registryOf(family).rollback(request.principal?.id ?? 'unknown');
      return { from: wire(from), to: wire(to) };
    },
  );
}
