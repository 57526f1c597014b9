import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import { runHeavy } from '../app/work.js';
import { fieldErrorsFromZod, HealthGptError } from '../engine/errors.js';
import { APPLICABILITY } from './applicability.js';
import { WINDOW_PRESET_NAMES } from './dicom/windowing.js';
import { MAX_UPLOAD_BYTES } from './image-input.js';
import { getAnalysis, getImage, ImageNotFoundError, listAnalyses, reviewAnalysis } from './image-service.js';
import { registerImageTextRoutes } from './image-text/routes.js';
import { TASK_INFO, VISION_TASKS } from './tasks.js';
import { visionValidation } from './validation.js';

const imageSchema = z.object({
  id: z.string(),
  blobId: z.string(),
  contentType: z.string(),
  format: z.enum(['dicom', 'png', 'jpeg']),
  widthPx: z.number().int(),
  heightPx: z.number().int(),
  frames: z.number().int(),
  pixelSpacingMm: z.tuple([z.number(), z.number()]).readonly().optional(),
  modality: z.string().optional(),
  bodyPartExamined: z.string().optional(),
  window: z
    .object({ center: z.number(), width: z.number() })
    .optional()
    .describe('initial display window in the image’s own units (HU for CT)'),
  colourFraction: z.number().optional().describe('Share of coloured pixels (0 for grey images)'),
  caseId: z.string().optional(),
  description: z.string().optional(),
  createdAt: z.string(),
});

const applicabilityCheckSchema = z.object({
  task: z.enum(['pneumonia', 'breast', 'thyroid']),
  verdict: z.enum(['applicable', 'unconfirmed', 'refused']),
  refusals: z.array(z.string()).readonly(),
  toConfirm: z.array(z.string()).readonly(),
});

const validationSchema = z.object({
  status: z.enum(['validated', 'experimental']),
  metric: z.literal('AUC'),
  split: z.literal('validation'),
  value: z.number().optional(),
  interval: z.tuple([z.number(), z.number()]).readonly().optional(),
  n: z.number().int().optional(),
  summary: z.string(),
});

const reviewSchema = z.object({
  state: z.enum(['pending', 'accepted', 'rejected']),
  at: z.string().optional(),
  by: z.string().optional(),
});

const findingSchema = z.object({
  task: z.enum(['pneumonia', 'breast', 'thyroid']),
  conceptId: z.string(),
  name: z.string(),
  probability: z.number().describe('Calibrated probability that the finding is present'),
  probabilityLabel1: z.number().describe('Calibrated probability of data-set label 1 (MedMNIST convention)'),
  status: z.enum(['present', 'absent']),
  likelihoodRatio: z.number().describe('odds(probability) / odds(prevalence in the calibration split)'),
  evidence: z.object({
    id: z.string(),
    label: z.string(),
    likelihoodRatio: z.number(),
    source: z.string().optional(),
    correlatesWith: z.array(z.string()).readonly().optional(),
  }),
  modelId: z.string(),
  modelVersion: z.string(),
  heatmapMethod: z.enum(['grad-cam', 'attention-rollout']),
});

const analysisSchema = z.object({
  id: z.string(),
  imageId: z.string(),
  caseId: z.string().optional(),
  task: z.enum(['pneumonia', 'breast', 'thyroid']),
  finding: findingSchema,
  heatmapBlobId: z.string(),
  heatmapUrl: z.string(),
  frame: z.number().int().optional(),
  applicability: applicabilityCheckSchema.extend({ confirmedByClinician: z.boolean() }).optional(),
  validation: validationSchema.optional(),
  review: reviewSchema
    .optional()
    .describe('pending until a clinician accepts (finding written on the case) or rejects it'),
  createdAt: z.string(),
});

const modelSchema = z.object({
  task: z.enum(['pneumonia', 'breast', 'thyroid']),
  title: z.string(),
  finding: z.string(),
  modalities: z.array(z.string()).readonly(),
  modalityLabel: z.string(),
  bodyParts: z.array(z.string()).readonly(),
  bodyPartLabel: z.string(),
  population: z.string(),
  inputKind: z.string(),
  validation: validationSchema,
});

/** JSON upload: base64 bytes (for clients that cannot send a raw body). */
export const jsonUploadSchema = z
  .object({
    dataBase64: z.string().min(1),
    contentType: z
      .enum(['application/dicom', 'image/png', 'image/jpeg', 'application/octet-stream'])
      .optional(),
    caseId: z.string().min(1).max(100).optional(),
    description: z.string().max(500).optional(),
  })
  .strict();

/** No description in the query string: URLs end up in logs and browser history (PHI); send it in a JSON upload. */
const uploadQuery = z.object({ caseId: z.string().min(1).max(100).optional() }).strict();
const idParams = z.object({ id: z.string().min(1).max(100) }).strict();
const analysisParams = z
  .object({ id: z.string().min(1).max(100), analysisId: z.string().min(1).max(100) })
  .strict();
const analyzeBody = z
  .object({
    task: z.enum(VISION_TASKS as [string, ...string[]]).describe('pneumonia | breast | thyroid'),
    arch: z
      .enum(['cnn', 'vit'])
      .optional()
      .describe('default: the task’s default model (models/vision/defaults.json)'),
    frame: z.number().int().min(0).optional(),
    confirmApplicability: z
      .boolean()
      .optional()
      .describe(
        'true when the clinician confirms what the file and case do not say (modality, body part, age): required then',
      ),
  })
  .strict();
const reviewBody = z
  .object({
    decision: z.enum(['accept', 'reject']),
    includeExperimental: z
      .boolean()
      .optional()
      .describe('required to accept the finding of an experimental model into the case'),
  })
  .strict();
const renderQuery = z
  .object({
    window: z.enum(WINDOW_PRESET_NAMES as [string, ...string[]]).optional(),
    center: z.coerce
      .number()
      .min(-1e6)
      .max(1e6)
      .optional()
      .describe('window centre (level), in modality units'),
    width: z.coerce.number().min(1).max(1e6).optional().describe('window width, in modality units'),
    frame: z.coerce.number().int().min(0).optional(),
  })
  .strict()
  .refine((q) => (q.center === undefined) === (q.width === undefined), {
    message: 'center and width go together',
    path: ['width'],
  })
  .refine((q) => !(q.window && q.center !== undefined), {
    message: 'give a preset window or center and width, not both',
    path: ['window'],
  });

const heatmapUrl = (imageId: string, analysisId: string) =>
  `/v1/images/${imageId}/analyses/${analysisId}/heatmap.png`;

/**
 * `/v1/images`: upload (raw body with an image content type, or JSON with base64), read, render with a window
 * preset, analyse with a task's model, and fetch the heatmap overlay.
 */
export function registerVisionRoutes(app: HttpApp, context: AppContext) {
  const { store } = context;
  registerImageTextRoutes(app, context);
  app.get(
    '/v1/vision/models',
    {
      schema: {
        tags: ['vision'],
        summary:
          'The image models: what each reads (modality, body part, population, input) and its validation status',
        response: { 200: z.object({ items: z.array(modelSchema) }) },
      },
    },
    async () => ({
      items: VISION_TASKS.map((task) => {
        const a = APPLICABILITY[task];
        return {
          task,
          title: TASK_INFO[task].title,
          finding: TASK_INFO[task].finding.name,
          modalities: a.modalities,
          modalityLabel: a.modalityLabel,
          bodyParts: a.bodyParts,
          bodyPartLabel: a.bodyPartLabel,
          population: a.population.label,
          inputKind: a.inputKind,
          validation: visionValidation(task),
        };
      }),
    }),
  );

  app.post(
    '/v1/images',
    {
      bodyLimit: Math.ceil(MAX_UPLOAD_BYTES * 1.4),
      schema: {
        tags: ['vision'],
        summary: 'Upload an image (DICOM, PNG or JPEG)',
        description: `Send the bytes as the body with Content-Type application/dicom, image/png, image/jpeg or application/octet-stream (then ?caseId= in the query; a description only in JSON, never in the URL), or JSON {dataBase64, contentType?, caseId?, description?}. Limit ${MAX_UPLOAD_BYTES} bytes decoded (413 beyond). Broken files: 422; non-images and unsupported transfer syntaxes: 415.`,
        querystring: uploadQuery,
        response: { 201: imageSchema },
      },
    },
    async (request, reply) => {
      let bytes: Uint8Array;
      let contentType = request.headers['content-type'];
      let caseId = request.query.caseId;
      let description: string | undefined;
      if (Buffer.isBuffer(request.body)) {
        bytes = new Uint8Array(request.body);
      } else {
        const parsed = jsonUploadSchema.safeParse(request.body);
        if (!parsed.success) {
          throw HealthGptError.invalid(
            'expected raw image bytes or JSON {dataBase64, contentType?, caseId?, description?}',
            fieldErrorsFromZod(parsed.error, '/body'),
          );
        }
        if (!/^[A-Za-z0-9+/=\s]+$/.test(parsed.data.dataBase64))
          throw HealthGptError.invalid('dataBase64 is not base64', [
            { field: '/body/dataBase64', message: 'not base64' },
          ]);
        bytes = new Uint8Array(Buffer.from(parsed.data.dataBase64, 'base64'));
        contentType = parsed.data.contentType;
        caseId = parsed.data.caseId ?? caseId;
        description = parsed.data.description;
      }
      try {
        // Decoding runs in a worker thread with a time budget (src/server/work-pool.ts).
        const image = await runHeavy(context, 'vision.store', {
          bytes,
          ...(contentType ? { contentType } : {}),
          ...(caseId ? { caseId } : {}),
          ...(description ? { description } : {}),
        });
        store.audit.record({
          actor: 'api',
          action: 'image.upload',
          resourceType: 'image',
          resourceId: image.id,
          requestId: request.id,
          outcome: 'success',
        });
        return reply.status(201).send(image);
      } catch (error) {
        store.audit.record({
          actor: 'api',
          action: 'image.upload',
          resourceType: 'image',
          requestId: request.id,
          outcome: 'failure',
        });
        throw error;
      }
    },
  );

  app.get(
    '/v1/images/:id',
    {
      schema: {
        tags: ['vision'],
        summary: 'An uploaded image: metadata (size, pixel spacing in mm) and its analyses',
        params: idParams,
        response: { 200: imageSchema.extend({ analyses: z.array(analysisSchema) }) },
      },
    },
    async (request) => {
      const image = getImage(store, request.params.id);
      const list = listAnalyses(store, image.id).map((a) => ({
        ...a,
        heatmapUrl: heatmapUrl(image.id, a.id),
      }));
      return { ...image, analyses: list };
    },
  );

  app.get(
    '/v1/images/:id/render.png',
    {
      schema: {
        tags: ['vision'],
        summary:
          'The image as a grey PNG; DICOM through a window preset (lung, mediastinum, bone), a centre/width the viewer set, or its own window',
        params: idParams,
        querystring: renderQuery,
      },
    },
    async (request, reply) => {
      const png = await runHeavy(context, 'vision.render', {
        id: request.params.id,
        options: {
          ...(request.query.window ? { window: request.query.window as 'lung' } : {}),
          ...(request.query.center !== undefined && request.query.width !== undefined
            ? { window: { center: request.query.center, width: request.query.width } }
            : {}),
          ...(request.query.frame !== undefined ? { frame: request.query.frame } : {}),
        },
      });
      return reply.type('image/png').send(Buffer.from(png));
    },
  );

  app.post(
    '/v1/images/:id/analyses',
    {
      schema: {
        tags: ['vision'],
        summary:
          'Analyse an image with a task’s model: finding, calibrated probability, likelihood ratio, heatmap',
        description:
          'Only where the model applies: an image whose modality, body part, colour, shape or size (or a patient whose age or sex) is outside the model is refused with 422 and `details.applicability`; what the file and case do not say must be confirmed with `confirmApplicability: true`. The analysis is stored pending: its finding enters the case only when a clinician accepts it (POST …/review).',
        params: idParams,
        body: analyzeBody,
        response: { 201: analysisSchema },
      },
    },
    async (request, reply) => {
      const analysis = await runHeavy(context, 'vision.analyze', {
        id: request.params.id,
        task: request.body.task as 'pneumonia',
        options: {
          ...(request.body.arch ? { arch: request.body.arch } : {}),
          ...(request.body.frame !== undefined ? { frame: request.body.frame } : {}),
          ...(request.body.confirmApplicability !== undefined
            ? { confirmApplicability: request.body.confirmApplicability }
            : {}),
        },
      });
      store.audit.record({
        actor: 'api',
        action: 'image.analyze',
        resourceType: 'image',
        resourceId: analysis.imageId,
        requestId: request.id,
        outcome: 'success',
      });
      return reply.status(201).send({ ...analysis, heatmapUrl: heatmapUrl(analysis.imageId, analysis.id) });
    },
  );

  app.get(
    '/v1/images/:id/analyses/:analysisId/heatmap.png',
    {
      schema: { tags: ['vision'], summary: 'The heatmap overlay PNG of an analysis', params: analysisParams },
    },
    async (request, reply) => {
      const analysis = getAnalysis(store, request.params.id, request.params.analysisId);
      const blob = store.blobs.get(analysis.heatmapBlobId);
      if (!blob) throw new ImageNotFoundError('analysis', analysis.id);
      return reply.type('image/png').send(Buffer.from(blob.bytes));
    },
  );

  app.post(
    '/v1/images/:id/analyses/:analysisId/review',
    {
      schema: {
        tags: ['vision'],
        summary:
          'Accept (finding written on the case, so the differential sees it) or reject an analysis’s finding',
        description:
          'An experimental model’s finding is accepted only with includeExperimental: true (422 otherwise).',
        params: analysisParams,
        body: reviewBody,
        response: { 200: analysisSchema },
      },
    },
    async (request) => {
      const reviewed = reviewAnalysis(
        store,
        request.params.id,
        request.params.analysisId,
        request.body.decision,
        request.body.includeExperimental !== undefined
          ? { includeExperimental: request.body.includeExperimental }
          : {},
      );
      store.audit.record({
        actor: 'api',
        action: `image.analysis.${request.body.decision}`,
        resourceType: 'image',
        resourceId: reviewed.imageId,
        requestId: request.id,
        outcome: 'success',
      });
      return { ...reviewed, heatmapUrl: heatmapUrl(reviewed.imageId, reviewed.id) };
    },
  );
}
