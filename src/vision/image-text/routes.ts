import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { HttpApp } from '../../app/capability.js';
import type { AppContext } from '../../app/context.js';
import { findDataset } from '../../app/datasets.js';
import type { PrincipalRole } from '../../auth/roles.js';
import { HealthGptError } from '../../engine/errors.js';
import { getImage } from '../image-service.js';
import { loadImageTextModel } from './model.js';
import {
  consistencyOfStored,
  IMAGE_TEXT_CAVEAT,
  IMAGE_TEXT_STATUS,
  requireImageTextModel,
  searchImagesByText,
  similarImages,
  storedImageEmbedding,
} from './service.js';
import { zeroShot } from './zero-shot.js';

/** Patient images and record text: clinicians and admins (the server's `CLINICAL` group). */
const CLINICAL: readonly PrincipalRole[] = ['admin', 'clinician'];

const hitSchema = z.object({
  source: z.enum(['reference', 'stored']),
  id: z.string(),
  caseId: z.string().optional(),
  text: z.string().optional().describe('the reference caption, or the stored image’s description'),
  modality: z.string().optional(),
  region: z.string().optional(),
  similarity: z.number().describe('cosine in the shared image–text space'),
  imageUrl: z.string(),
});

const zeroShotSchema = z.object({
  id: z.string(),
  title: z.string(),
  label: z.string(),
  probabilities: z.record(z.string(), z.number()),
});

const retrievalSchema = z.object({
  n: z.number(),
  i2t_recall_at_1: z.number(),
  i2t_recall_at_10: z.number(),
  t2i_recall_at_1: z.number(),
  t2i_recall_at_10: z.number(),
});

const consistencySchema = z.object({
  modelId: z.string(),
  modelVersion: z.string(),
  status: z.literal('experimental'),
  similarity: z.number(),
  matchProbability: z.number().optional(),
  knownTerms: z.number().int(),
  zeroShot: z.array(zeroShotSchema).readonly(),
  textMentions: z.object({
    modality: z.array(z.string()).readonly(),
    region: z.array(z.string()).readonly(),
  }),
  warnings: z
    .array(z.object({ kind: z.enum(['modality', 'region', 'overall']), message: z.string() }))
    .readonly(),
  caveat: z.string(),
});

const sourceSchema = z.enum(['reference', 'stored', 'all']).default('all');
const searchBody = z
  .object({
    text: z.string().trim().min(1).max(2000),
    k: z.number().int().min(1).max(100).default(10),
    source: sourceSchema,
  })
  .strict();
const idParams = z.object({ id: z.string().min(1).max(100) }).strict();
const similarQuery = z
  .object({ k: z.coerce.number().int().min(1).max(100).default(10), source: sourceSchema })
  .strict();
const consistencyBody = z
  .object({
    text: z
      .string()
      .max(20000)
      .optional()
      .describe('record text to check against; default: the image description and its case note'),
  })
  .strict();
const referenceParams = z.object({ id: z.string().regex(/^MPX\d+_synpic\d+$/) }).strict();

const imageUrl = (h: { source: 'reference' | 'stored'; id: string }) =>
  h.source === 'reference' ? `/v1/vision/image-text/reference/${h.id}.png` : `/v1/images/${h.id}/render.png`;

/**
 * The experimental image–text model: text search over images, similar images, zero-shot labels and the image–record
 * consistency check.
 */
export function registerImageTextRoutes(app: HttpApp, context: AppContext) {
  const { store } = context;
  app.get(
    '/v1/vision/image-text',
    {
      config: { access: { roles: [...CLINICAL, 'researcher'] } },
      schema: {
        tags: ['vision'],
        summary: 'The image–text model: status, caveat and its measured retrieval (from its model file)',
        response: {
          200: z.object({
            available: z.boolean(),
            status: z.literal('experimental'),
            caveat: z.string(),
            modelVersion: z.string().optional(),
            dev: retrievalSchema.optional(),
          }),
        },
      },
    },
    async () => {
      const model = loadImageTextModel();
      const dev = model?.header.metrics.devStrict as z.infer<typeof retrievalSchema> | undefined;
      return {
        available: model !== undefined,
        status: IMAGE_TEXT_STATUS,
        caveat: IMAGE_TEXT_CAVEAT,
        ...(model ? { modelVersion: model.modelVersion } : {}),
        ...(dev ? { dev } : {}),
      };
    },
  );

  app.post(
    '/v1/vision/image-text/search',
    {
      config: { access: { roles: CLINICAL, audit: 'image.search', resourceType: 'text' } },
      schema: {
        tags: ['vision'],
        summary: 'Find images (MedPix reference teaching images and/or stored images) by a text description',
        description:
          'Experimental search aid. 422 when no word of the query is in the model’s vocabulary (it knows CT/MR caption wording).',
        body: searchBody,
        response: {
          200: z.object({ hits: z.array(hitSchema), knownTerms: z.number().int(), caveat: z.string() }),
        },
      },
    },
    async (request) => {
      const { text, k, source } = request.body;
      const result = await searchImagesByText(store, text, { k, source });
      return {
        hits: result.hits.map((h) => ({ ...h, imageUrl: imageUrl(h) })),
        knownTerms: result.knownTerms,
        caveat: IMAGE_TEXT_CAVEAT,
      };
    },
  );

  app.get(
    '/v1/images/:id/similar',
    {
      config: { access: { roles: CLINICAL, audit: 'image.read', resourceType: 'image' } },
      schema: {
        tags: ['vision'],
        summary: 'Images similar to a stored image (reference teaching images and other stored images)',
        params: idParams,
        querystring: similarQuery,
        response: { 200: z.object({ hits: z.array(hitSchema), caveat: z.string() }) },
      },
    },
    async (request) => {
      getImage(store, request.params.id);
      const hits = await similarImages(
        store,
        { imageId: request.params.id },
        { k: request.query.k, source: request.query.source },
      );
      return { hits: hits.map((h) => ({ ...h, imageUrl: imageUrl(h) })), caveat: IMAGE_TEXT_CAVEAT };
    },
  );

  app.get(
    '/v1/images/:id/labels',
    {
      config: { access: { roles: CLINICAL, audit: 'image.read', resourceType: 'image' } },
      schema: {
        tags: ['vision'],
        summary: 'Zero-shot modality, body-region and finding labels of a stored image, from text prompts',
        params: idParams,
        response: { 200: z.object({ labels: z.array(zeroShotSchema).readonly(), caveat: z.string() }) },
      },
    },
    async (request) => {
      getImage(store, request.params.id);
      const model = requireImageTextModel();
      const embedding = await storedImageEmbedding(store, model, request.params.id);
      return { labels: await zeroShot(model, embedding), caveat: IMAGE_TEXT_CAVEAT };
    },
  );

  app.post(
    '/v1/images/:id/consistency',
    {
      config: { access: { roles: CLINICAL, audit: 'image.consistency', resourceType: 'image' } },
      schema: {
        tags: ['vision'],
        summary: 'Does the image agree with the record text? Modality, body region and overall match',
        description:
          'Warnings name a confident disagreement (e.g. the note says brain MRI, the image looks like a CT of the chest). 422 when there is no text to check against, or when the image’s DICOM Modality is neither CT nor MR.',
        params: idParams,
        body: consistencyBody,
        response: { 200: consistencySchema },
      },
    },
    async (request) => consistencyOfStored(store, request.params.id, request.body.text),
  );

  app.get(
    '/v1/vision/image-text/reference/:id.png',
    {
      config: { access: { roles: CLINICAL } },
      schema: {
        tags: ['vision'],
        summary: 'A MedPix 2.0 reference teaching image (from the installed data set)',
        params: referenceParams,
      },
    },
    async (request, reply) => {
      const root = findDataset('images', 'medpix2_captions', 'images128');
      const path = root ? join(root, `${request.params.id}.png`) : undefined;
      if (!path || !existsSync(path)) throw HealthGptError.notFound('reference image', request.params.id);
      return reply.type('image/png').send(readFileSync(path));
    },
  );
}
