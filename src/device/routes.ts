import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import type { PrincipalRole } from '../auth/roles.js';
import { HealthGptError } from '../engine/errors.js';
import { analyseFrame, loadDeviceModels, RoiError } from './analyse.js';
import { headerCalibration, NO_CALIBRATION } from './calibration.js';
import { readCine } from './cine.js';
import { decodeFrame, frameHeaderSchema } from './frames.js';
import { acceptNodule, acceptNoduleSchema, growth, listNodules, priorSizes } from './nodules.js';
import { DeviceSession } from './session.js';

/** Who may stream frames and analyse them: the device itself and clinicians. */
export const DEVICE_ROLES: readonly PrincipalRole[] = ['admin', 'clinician', 'device'];
/** Who may read a case's priors and write an accepted nodule into it. */
export const CASE_ROLES: readonly PrincipalRole[] = ['admin', 'clinician'];

/** A WebSocket as the stream handler uses it (the `ws` socket @fastify/websocket hands over). */
interface Socket {
  readonly readyState: number;
  readonly OPEN: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): unknown;
  on(event: 'close' | 'error', listener: () => void): unknown;
}

const roiSchema = z
  .object({ x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() })
  .strict();

const analyzeBody = z
  .object({
    format: z.enum(['grey8', 'png', 'jpeg']),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
    dataBase64: z.string().min(1),
    spacingMm: z.object({ x: z.number(), y: z.number() }).strict().optional(),
    roi: roiSchema.optional(),
    view: z.enum(['transverse', 'longitudinal', 'unknown']).optional(),
    features: acceptNoduleSchema.shape.features.partial().optional(),
  })
  .strict();

const caseParams = z.object({ id: z.string().min(1) });

function toBytes(data: unknown): Uint8Array {
  if (Buffer.isBuffer(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(Buffer.from(String(data)));
}

/** `/v1/device/*`: live stream, one-frame analysis, cine decoding; `/v1/cases/:id/thyroid-nodules`: accept and list. */
export function registerDeviceRoutes(app: HttpApp, context: AppContext) {
  const { store } = context;

  app.get(
    '/v1/device/stream',
    {
      websocket: true,
      schema: {
        tags: ['device'],
        summary: 'WebSocket: live ultrasound frames in, nodule outline, size, TI-RADS support and advice out',
        description:
          'Binary messages are frames: uint32 LE header length, a JSON header {format: grey8|png|jpeg, width?, height?, spacingMm?: {x,y}, seq?, sentAt?}, then the pixels (grey8: width×height bytes) or the PNG/JPEG file. Text messages are JSON controls: {type:"roi", roi:{x,y,width,height}|null}, {type:"config", view?, spacingMm?, imageModel?, flipTta?}, {type:"features", features:{composition?, echogenicity?, shape?, margin?, echogenicFoci?}}, {type:"ping"}. Server messages: result (outline overlay, measurement, TI-RADS support, latencyMs, droppedSinceLast, growth), error (the stream goes on), warning, state, pong, priors. Frames that arrive while the model is busy are dropped (only the newest waits). ?caseId= shows the case’s prior thyroid nodule sizes (clinicians only). Nothing is written to the case: accept with POST /v1/cases/{id}/thyroid-nodules.',
        querystring: z.object({ caseId: z.string().min(1).optional() }).strict(),
      },
      config: { access: { roles: DEVICE_ROLES, audit: 'device.stream', resourceType: 'device-stream' } },
    },
    async (socket, request) => {
      const ws = socket as unknown as Socket;
      const send = (message: unknown) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      };
      // Messages that arrive while the models load are kept (newest frame only) and replayed.
      let session: DeviceSession | undefined;
      let early: { data: unknown; isBinary: boolean }[] = [];
      const onMessage = (data: unknown, isBinary: boolean) => {
        if (!session) {
          early.push({ data, isBinary });
          if (early.length > 50)
            early = early.filter((m) => !m.isBinary).concat(early.filter((m) => m.isBinary).slice(-1));
          return;
        }
        if (isBinary) session.frame(toBytes(data));
        else
          session.control(toBytes(data).length > 100_000 ? '' : Buffer.from(toBytes(data)).toString('utf8'));
      };
      ws.on('message', onMessage);
      ws.on('close', () => session?.close());
      const { caseId } = request.query as { caseId?: string };
      let priors: ReturnType<typeof priorSizes> = [];
      const notices: string[] = [];
      if (caseId) {
        const role = request.principal?.role;
        if (role && CASE_ROLES.includes(role as PrincipalRole)) {
          try {
            priors = priorSizes(store, caseId);
            send({ type: 'priors', caseId, priors, records: listNodules(store, caseId) });
          } catch (error) {
            send({ type: 'error', title: 'Case not found', detail: (error as Error).message });
          }
        } else {
          notices.push('a device sign-in cannot read the case: prior sizes are shown to clinicians only');
          send({ type: 'warning', detail: notices[0] });
        }
      }
      try {
        const { segmenter } = await loadDeviceModels();
        session = new DeviceSession(segmenter, send, { priors, notices });
        send({ type: 'ready', modelId: segmenter.id });
        const queued = early;
        early = [];
        for (const m of queued) onMessage(m.data, m.isBinary);
      } catch (error) {
        send({ type: 'error', title: 'Model unavailable', detail: (error as Error).message });
        ws.close(1011, 'model unavailable');
      }
    },
  );

  app.post(
    '/v1/device/analyze',
    {
      bodyLimit: 12 * 1024 * 1024,
      schema: {
        tags: ['device'],
        summary:
          'Analyse one ultrasound frame: nodule outline in the ROI, size, TI-RADS support (nothing is stored)',
        body: analyzeBody,
      },
      config: { access: { roles: DEVICE_ROLES } },
    },
    async (request) => {
      const body = request.body as z.infer<typeof analyzeBody>;
      const payload = new Uint8Array(Buffer.from(body.dataBase64, 'base64'));
      const { dataBase64: _d, roi, view, features, ...header } = body;
      const frame = decodeFrame(frameHeaderSchema.parse(header), payload);
      const { segmenter } = await loadDeviceModels();
      const calibration = body.spacingMm ? headerCalibration(body.spacingMm) : NO_CALIBRATION;
      try {
        return {
          width: frame.image.width,
          height: frame.image.height,
          calibration: calibration.source,
          analysis: analyseFrame(segmenter, frame.image, {
            ...(roi ? { roi } : {}),
            calibration,
            ...(features ? { confirmed: features } : {}),
            ...(view ? { view } : {}),
            imageModel: true,
          }),
        };
      } catch (error) {
        if (error instanceof RoiError)
          throw HealthGptError.unprocessable(error.message, [{ field: '/roi', message: error.message }]);
        throw error;
      }
    },
  );

  app.post(
    '/v1/device/cine',
    {
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags: ['device'],
        summary: 'Decode a DICOM (multi-frame) ultrasound clip for replay through the live stream',
        description:
          'Body: the DICOM file (Content-Type application/dicom or application/octet-stream). Returns the frames as base64 8-bit grey, the frame time and the calibration (Sequence of Ultrasound Regions, else PixelSpacing, else none).',
      },
      config: { access: { roles: DEVICE_ROLES } },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body))
        throw new HealthGptError(
          'unsupported-media-type',
          'send the DICOM file as application/dicom or application/octet-stream',
        );
      const cine = await readCine(new Uint8Array(request.body));
      return {
        width: cine.width,
        height: cine.height,
        frames: cine.frames,
        frameTimeMs: cine.frameTimeMs,
        calibration: cine.calibration,
        regions: cine.regions,
        ...(cine.modality ? { modality: cine.modality } : {}),
        framesBase64: Array.from({ length: cine.frames }, (_, i) =>
          Buffer.from(cine.frame(i)).toString('base64'),
        ),
      };
    },
  );

  app.get(
    '/v1/cases/:id/thyroid-nodules',
    {
      schema: {
        tags: ['device'],
        summary: 'Accepted thyroid nodule measurements of a case (newest first) and its prior sizes',
        params: caseParams,
      },
      config: { access: { roles: CASE_ROLES, audit: 'case.read', resourceType: 'case' } },
    },
    async (request) => {
      const { id } = request.params as z.infer<typeof caseParams>;
      return { priors: priorSizes(store, id), items: listNodules(store, id) };
    },
  );

  app.post(
    '/v1/cases/:id/thyroid-nodules',
    {
      schema: {
        tags: ['device'],
        summary:
          'Accept a measured thyroid nodule: writes its size and confirmed TI-RADS features into the case (the only write)',
        params: caseParams,
        body: acceptNoduleSchema,
      },
      config: { access: { roles: CASE_ROLES, audit: 'case.update', resourceType: 'case' } },
    },
    async (request, reply) => {
      const { id } = request.params as z.infer<typeof caseParams>;
      const before = priorSizes(store, id)[0];
      const record = acceptNodule(
        store,
        id,
        request.body as z.infer<typeof acceptNoduleSchema>,
        request.principal?.id,
      );
      reply.code(201);
      return { ...record, growth: growth(record, before) ?? null };
    },
  );
}
