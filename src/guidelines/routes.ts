import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { PrincipalRole } from '../auth/roles.js';
import { listGuidelines, SEMANTIC_RETRIEVAL_METHOD } from './library.js';
import { RETRIEVAL_MODES, searchByMode } from './qa-eval.js';

/** Descriptions of guidance, no patient data: every person signed in (the `ANY_PERSON` roles). */
const GUIDELINE_ROLES: readonly PrincipalRole[] = ['admin', 'clinician', 'researcher', 'auditor'];

const editionSchema = z.object({
  edition: z.string(),
  status: z.enum(['current', 'superseded']),
  current: z.boolean(),
  published: z.string(),
  supersededBy: z.string().optional(),
  source: z.string(),
  note: z.string().optional(),
  passages: z.number(),
});

const listSchema = z.object({
  guidelines: z.array(
    z.object({ id: z.string(), name: z.string(), title: z.string(), editions: z.array(editionSchema) }),
  ),
});

const searchQuerySchema = z.object({
  q: z.string().min(1).max(2000).describe('the question'),
  limit: z.coerce.number().int().min(1).max(50).default(5),
  guideline: z.string().optional().describe('only this guideline id'),
  retrieval: z.enum(RETRIEVAL_MODES).default('fused').describe('fused (with sentence embeddings) or lexical'),
  currentOnly: z.enum(['true', 'false']).optional().describe('leave superseded editions out'),
});

const signal = z.object({ rank: z.number(), score: z.number() });
const hitSchema = z.object({
  rank: z.number(),
  passage: z.object({
    id: z.string(),
    guideline: z.string(),
    edition: z.string(),
    section: z.string(),
    topic: z.string(),
    text: z.string(),
    changed: z.boolean().optional(),
  }),
  guideline: z.string(),
  title: z.string(),
  current: z.boolean(),
  published: z.string(),
  source: z.string(),
  supersededBy: z.string().optional(),
  score: z.number(),
  editionWeight: z.number(),
  bm25: signal.optional(),
  ngram: signal.optional(),
  embedding: signal.optional(),
  matchedTerms: z.array(z.string()),
  olderEditionsDiffer: z.array(z.object({ edition: z.string(), passageId: z.string(), text: z.string() })),
});
const searchSchema = z.object({
  query: z.string(),
  terms: z.array(z.string()),
  expansions: z.array(z.string()),
  method: z.string(),
  hits: z.array(hitSchema),
});

/** `GET /v1/guidelines` (editions and status) and `GET /v1/guidelines/search?q=` (ranked passages, explained). */
export function registerGuidelineRoutes(app: HttpApp): void {
  app.get(
    '/v1/guidelines',
    {
      schema: {
        tags: ['guidelines'],
        summary:
          'The guideline library: every guideline with its editions, status, publication month and source',
        response: { 200: listSchema },
      },
      config: { access: { roles: GUIDELINE_ROLES } },
    },
    async () => ({ guidelines: listGuidelines() }),
  );
  app.get(
    '/v1/guidelines/search',
    {
      schema: {
        tags: ['guidelines'],
        summary: `Ranked guideline passages for a question (${SEMANTIC_RETRIEVAL_METHOD})`,
        querystring: searchQuerySchema,
        response: { 200: searchSchema },
      },
      config: { access: { roles: GUIDELINE_ROLES } },
    },
    async (request) => {
      const q = request.query as z.infer<typeof searchQuerySchema>;
      const r = await searchByMode(q.q, q.retrieval, {
        limit: q.limit,
        ...(q.guideline ? { guideline: q.guideline } : {}),
        ...(q.currentOnly === 'true' ? { currentOnly: true } : {}),
      });
      return {
        ...r,
        terms: [...r.terms],
        expansions: [...r.expansions],
        hits: r.hits.map((h) => ({
          ...h,
          matchedTerms: [...h.matchedTerms],
          olderEditionsDiffer: [...h.olderEditionsDiffer],
        })),
      };
    },
  );
}
