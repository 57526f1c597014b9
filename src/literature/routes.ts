import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import { currentRequestContext } from '../auth/request-context.js';
import type { PrincipalRole } from '../auth/roles.js';
import { STUDY_DESIGNS } from './evidence.js';
import { IMPORT_FORMATS } from './formats.js';
import { findGaps } from './gaps.js';
import { importArticles, openLibrary, searchLibrary } from './library.js';
import {
  createProject,
  decide,
  exportDecisionsCsv,
  getProject,
  nextRecords,
  parseProjectRecords,
  progress,
  projectsCollection,
} from './projects.js';
import { MAX_IMPORT_BYTES, MAX_QUERY_CHARS } from './types.js';

/** Published literature, no patient data: researchers, clinicians and administrators. */
export const LITERATURE_ROLES: readonly PrincipalRole[] = ['admin', 'clinician', 'researcher'];

const access = (audit?: string) => ({
  access: { roles: LITERATURE_ROLES, ...(audit ? { audit, resourceType: 'literature' } : {}) },
});
const who = () => currentRequestContext()?.principal?.id ?? 'unknown';

const importBody = z.object({
  name: z.string().min(1).max(300).describe('file name (used to guess the format and in error messages)'),
  format: z.enum(IMPORT_FORMATS).optional(),
  content: z.string().describe('the file text (MEDLINE/PubMed XML, BEIR JSONL, RIS or CSV), at most 100 MB'),
  replace: z.boolean().optional(),
});

const evidenceSchema = z.object({
  design: z.string(),
  label: z.string(),
  level: z.number().nullable(),
  source: z.string(),
  reason: z.string(),
  probability: z.number().optional(),
});

const searchQuery = z.object({
  q: z.string().min(1).describe(`the question or keywords (at most ${MAX_QUERY_CHARS} characters)`),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  yearFrom: z.coerce.number().int().min(1800).max(2200).optional(),
  yearTo: z.coerce.number().int().min(1800).max(2200).optional(),
  maxLevel: z.coerce.number().int().min(1).max(5).optional(),
  design: z.enum(STUDY_DESIGNS).optional(),
  wRelevance: z.coerce.number().min(0).max(10).optional(),
  wEvidence: z.coerce.number().min(0).max(10).optional(),
  wRecency: z.coerce.number().min(0).max(10).optional(),
  rerank: z
    .enum(['true', 'false'])
    .optional()
    .describe('re-rank with sentence embeddings and the learned fusion'),
});

const hitSchema = z.object({
  rank: z.number(),
  article: z.object({
    id: z.string(),
    title: z.string(),
    abstract: z.string(),
    authors: z.array(z.string()),
    journal: z.string().optional(),
    year: z.number().optional(),
    publicationTypes: z.array(z.string()),
    mesh: z.array(z.string()),
    pmid: z.string().optional(),
    doi: z.string().optional(),
  }),
  evidence: evidenceSchema,
  score: z.number(),
  components: z.object({ relevance: z.number(), evidence: z.number(), recency: z.number() }),
  bm25: z.object({ rank: z.number(), score: z.number() }).optional(),
  dense: z.object({ cosine: z.number(), rank: z.number().optional() }).optional(),
  fused: z.number().optional(),
  matchedTerms: z.array(z.object({ term: z.string(), word: z.string(), fields: z.array(z.string()) })),
});

const progressSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  records: z.number(),
  screened: z.number(),
  included: z.number(),
  excluded: z.number(),
  estimatedRemainingRelevant: z.number().nullable(),
  estimateNote: z.string(),
});
const recordSchema = z.object({
  id: z.string(),
  title: z.string(),
  abstract: z.string(),
  keywords: z.array(z.string()),
});

/** `/v1/literature/…`: library import and search, gaps, and screening projects. */
export function registerLiteratureRoutes(app: HttpApp, context: AppContext): void {
  const library = () => openLibrary(context.config.dataDir);
  const projects = () => projectsCollection(context.store.documents);

  app.post(
    '/v1/literature/imports',
    {
      bodyLimit: MAX_IMPORT_BYTES * 2 + 4096,
      config: access('literature.import'),
      schema: {
        tags: ['literature'],
        summary:
          'Import articles (MEDLINE/PubMed XML, BEIR JSONL, RIS, CSV) into the library: all or nothing',
        body: importBody,
        response: {
          200: z.object({
            format: z.string(),
            added: z.number(),
            replaced: z.number(),
            total: z.number(),
            byDesign: z.record(z.string(), z.number()),
          }),
        },
      },
    },
    async (request) => {
      const b = request.body as z.infer<typeof importBody>;
      return importArticles(library(), b.content, b.name, {
        ...(b.format ? { format: b.format } : {}),
        ...(b.replace ? { replace: true } : {}),
      });
    },
  );

  app.get(
    '/v1/literature/search',
    {
      config: access(),
      schema: {
        tags: ['literature'],
        summary:
          'Ranked articles by relevance, evidence level and recency (weights shown and adjustable), explained',
        querystring: searchQuery,
        response: {
          200: z.object({
            query: z.string(),
            terms: z.array(z.string()),
            method: z.string(),
            weights: z.object({ relevance: z.number(), evidence: z.number(), recency: z.number() }),
            total: z.number(),
            hits: z.array(hitSchema),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query as z.infer<typeof searchQuery>;
      const r = await searchLibrary(library(), q.q, {
        limit: q.limit,
        weights: {
          ...(q.wRelevance !== undefined ? { relevance: q.wRelevance } : {}),
          ...(q.wEvidence !== undefined ? { evidence: q.wEvidence } : {}),
          ...(q.wRecency !== undefined ? { recency: q.wRecency } : {}),
        },
        ...(q.yearFrom !== undefined ? { yearFrom: q.yearFrom } : {}),
        ...(q.yearTo !== undefined ? { yearTo: q.yearTo } : {}),
        ...(q.maxLevel !== undefined ? { maxLevel: q.maxLevel } : {}),
        ...(q.design ? { designs: [q.design] } : {}),
        ...(q.rerank === 'true' ? { rerank: true } : {}),
      });
      return {
        ...r,
        hits: r.hits.map((h) => ({
          ...h,
          article: {
            ...h.article,
            authors: [...h.article.authors],
            publicationTypes: [...h.article.publicationTypes],
            mesh: [...h.article.mesh],
          },
        })),
      };
    },
  );

  app.get(
    '/v1/literature/stats',
    {
      config: access(),
      schema: {
        tags: ['literature'],
        summary: 'How many articles the library holds, by design and year range',
        response: {
          200: z.object({
            articles: z.number(),
            withAbstract: z.number(),
            byDesign: z.record(z.string(), z.number()),
            years: z.object({ min: z.number().optional(), max: z.number().optional() }),
          }),
        },
      },
    },
    async () => library().stats(),
  );

  const gapsQuery = z.object({
    topic: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(10),
    minPapers: z.coerce.number().int().min(1).max(100_000).optional(),
  });
  app.get(
    '/v1/literature/gaps',
    {
      config: access(),
      schema: {
        tags: ['literature'],
        summary:
          'Research gaps: concept pairs studied apart but rarely together, and growing or fading concepts',
        querystring: gapsQuery,
      },
    },
    async (request) => {
      const q = request.query as z.infer<typeof gapsQuery>;
      return findGaps(library().all(), {
        ...(q.topic ? { topic: q.topic } : {}),
        limit: q.limit,
        ...(q.minPapers ? { minConceptPapers: q.minPapers } : {}),
      });
    },
  );

  const createBody = z.object({
    name: z.string().min(1).max(200),
    fileName: z.string().min(1).max(300).default('records.csv'),
    content: z.string().describe('CSV (title, abstract, keywords) or RIS'),
  });
  app.post(
    '/v1/literature/screening',
    {
      bodyLimit: MAX_IMPORT_BYTES * 2 + 4096,
      config: access('screening.create'),
      schema: {
        tags: ['literature'],
        summary: 'A new screening project from records (CSV or RIS)',
        body: createBody,
        response: { 201: progressSchema },
      },
    },
    async (request, reply) => {
      const b = request.body as z.infer<typeof createBody>;
      const p = createProject(projects(), b.name, parseProjectRecords(b.content, b.fileName), who());
      reply.code(201);
      return progress(p);
    },
  );
  app.get(
    '/v1/literature/screening',
    {
      config: access(),
      schema: {
        tags: ['literature'],
        summary: 'Screening projects with progress',
        response: { 200: z.object({ projects: z.array(progressSchema) }) },
      },
    },
    async () => ({
      projects: projects()
        .list({ limit: 200 })
        .items.map((i) => progress(i.document, null)),
    }),
  );
  const idParams = z.object({ id: z.string().min(1).max(100) });
  const nextQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(5) });
  app.get(
    '/v1/literature/screening/:id/next',
    {
      config: access(),
      schema: {
        tags: ['literature'],
        summary:
          'The unscreened records most likely relevant (active learning), with progress and the remaining estimate',
        params: idParams,
        querystring: nextQuery,
        response: {
          200: z.object({
            progress: progressSchema,
            next: z.array(
              z.object({ record: recordSchema, probability: z.number().nullable(), reason: z.string() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { id } = request.params as z.infer<typeof idParams>;
      const { limit } = request.query as z.infer<typeof nextQuery>;
      const r = nextRecords(getProject(projects(), id), limit);
      return {
        ...r,
        next: r.next.map((s) => ({ ...s, record: { ...s.record, keywords: [...s.record.keywords] } })),
      };
    },
  );
  const decisionBody = z.object({ recordId: z.string().min(1), decision: z.enum(['include', 'exclude']) });
  app.post(
    '/v1/literature/screening/:id/decisions',
    {
      config: access('screening.decide'),
      schema: {
        tags: ['literature'],
        summary: 'Record a screening decision',
        params: idParams,
        body: decisionBody,
        response: { 200: progressSchema },
      },
    },
    async (request) => {
      const { id } = request.params as z.infer<typeof idParams>;
      const b = request.body as z.infer<typeof decisionBody>;
      return progress(decide(projects(), id, b.recordId, b.decision, who()));
    },
  );
  app.get(
    '/v1/literature/screening/:id/export',
    {
      config: access('screening.export'),
      schema: { tags: ['literature'], summary: 'Every record with its decision, as CSV', params: idParams },
    },
    async (request, reply) => {
      const { id } = request.params as z.infer<typeof idParams>;
      reply.type('text/csv; charset=utf-8');
      return exportDecisionsCsv(getProject(projects(), id));
    },
  );
}
