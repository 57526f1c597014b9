import { z } from 'zod';
import { HealthGptError } from '../engine/errors.js';
import { tiradsInputSchema } from '../risk/tirads.js';
import type { Segmenter } from '../vision/segmentation/model.js';
import { analyseFrame, type FrameAnalysis, RoiError } from './analyse.js';
import { type Calibration, headerCalibration, NO_CALIBRATION } from './calibration.js';
import { decodeFrameMessage, type Frame } from './frames.js';
import { growth, type PriorSize } from './nodules.js';
import type { ConfirmedFeatures } from './tirads-support.js';

const roiSchema = z
  .object({ x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() })
  .strict();

const featuresSchema = tiradsInputSchema.omit({ maxDiameterMm: true }).partial();

/** Control messages (JSON text frames) a device or the device page sends. */
export const controlMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('roi'), roi: roiSchema.nullable() }).strict(),
  z
    .object({
      type: z.literal('config'),
      view: z.enum(['transverse', 'longitudinal', 'unknown']).optional(),
      spacingMm: z.object({ x: z.number(), y: z.number() }).strict().nullable().optional(),
      imageModel: z.boolean().optional(),
      flipTta: z.boolean().optional(),
    })
    .strict(),
  z.object({ type: z.literal('features'), features: featuresSchema }).strict(),
  z.object({ type: z.literal('ping'), sentAt: z.number().optional() }).strict(),
]);
export type ControlMessage = z.infer<typeof controlMessageSchema>;

/** Messages the server sends on a device stream. */
export type ServerMessage =
  | {
      type: 'result';
      seq: number;
      deviceSeq?: number;
      sentAt?: number;
      width: number;
      height: number;
      /** Server time from the frame's arrival to this message (waiting + analysis), ms. */
      latencyMs: number;
      /** Frames dropped since the previous result (the model was busy when they came). */
      droppedSinceLast: number;
      calibration: Calibration['source'];
      analysis: FrameAnalysis;
      /** Change against the case's latest prior measurement (when the size is in mm and a prior exists). */
      growth?: ReturnType<typeof growth>;
    }
  | { type: 'error'; title: string; detail: string; deviceSeq?: number }
  | { type: 'warning'; detail: string }
  | { type: 'state'; roi: unknown; features: ConfirmedFeatures; view: string }
  | { type: 'pong'; sentAt?: number; stats: StreamStats; notices: readonly string[] };

export interface StreamStats {
  readonly received: number;
  readonly analysed: number;
  readonly dropped: number;
  readonly errors: number;
  /** Mean and worst server latency over the last 100 results, ms. */
  readonly meanLatencyMs: number;
  readonly maxLatencyMs: number;
}

/**
 * One live stream: keeps the ROI, the confirmed features and the calibration; analyses the newest frame and drops
 * any frame that arrives while the model is busy (only the latest waiting frame is kept, never a queue). Bad input
 * produces an error message and the stream goes on. Transport-free: `send` delivers messages.
 */
export class DeviceSession {
  private roi: z.infer<typeof roiSchema> | undefined;
  private features: ConfirmedFeatures = {};
  private view: 'transverse' | 'longitudinal' | 'unknown' = 'unknown';
  private spacingOverride: { x: number; y: number } | undefined;
  private imageModel = true;
  private flipTta: boolean | undefined;
  private pending: { bytes: Uint8Array; at: number } | undefined;
  private busy = false;
  private scheduled = false;
  private seq = 0;
  private droppedSinceLast = 0;
  private readonly latencies: number[] = [];
  private warnedNoSpacing = false;
  private lastSize: { width: number; height: number } | undefined;
  readonly stats = { received: 0, analysed: 0, dropped: 0, errors: 0 };
  private closed = false;

  constructor(
    private readonly segmenter: Segmenter,
    private readonly send: (message: ServerMessage) => void,
    private readonly options: {
      priors?: readonly PriorSize[];
      maxFps?: number;
      /** Notices given when the stream opened (repeated in every pong, for clients that attach late). */
      notices?: readonly string[];
    } = {},
  ) {}

  private windowStart = 0;
  private windowFrames = 0;
  private lastFloodWarning = Number.NEGATIVE_INFINITY;

  close(): void {
    this.closed = true;
    this.pending = undefined;
  }

  /** A binary frame message arrived. */
  frame(bytes: Uint8Array): void {
    if (this.closed) return;
    this.stats.received++;
    const now = performance.now();
    if (now - this.windowStart > 1000) {
      this.windowStart = now;
      this.windowFrames = 0;
    }
    this.windowFrames++;
    const maxFps = this.options.maxFps ?? 60;
    if (this.windowFrames > maxFps && now - this.lastFloodWarning > 5000) {
      this.lastFloodWarning = now;
      this.send({
        type: 'warning',
        detail: `the device sends over ${maxFps} frames a second: only the newest frame is analysed, the rest are dropped`,
      });
    }
    if (this.pending) {
      this.stats.dropped++;
      this.droppedSinceLast++;
    }
    this.pending = { bytes, at: performance.now() };
    this.schedule();
  }

  /** A JSON text message arrived. */
  control(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.error('Bad message', 'text messages must be JSON control messages (roi, config, features, ping)');
      return;
    }
    const parsed = controlMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.error(
        'Bad message',
        parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
      );
      return;
    }
    const m = parsed.data;
    switch (m.type) {
      case 'roi': {
        if (m.roi && this.lastSize) {
          const { x, y, width, height } = m.roi;
          const inside =
            Math.max(0, Math.min(this.lastSize.width, x + width) - Math.max(0, x)) *
            Math.max(0, Math.min(this.lastSize.height, y + height) - Math.max(0, y));
          if (inside < 0.5 * width * height) {
            this.error(
              'ROI outside the image',
              `the ROI (${x}, ${y}, ${width}×${height}) lies mostly outside the ${this.lastSize.width}×${this.lastSize.height} frame; the previous ROI is kept`,
            );
            return;
          }
        }
        this.roi = m.roi ?? undefined;
        break;
      }
      case 'config':
        if (m.view) this.view = m.view;
        if (m.spacingMm !== undefined) this.spacingOverride = m.spacingMm ?? undefined;
        if (m.imageModel !== undefined) this.imageModel = m.imageModel;
        if (m.flipTta !== undefined) this.flipTta = m.flipTta;
        break;
      case 'features':
        this.features = { ...this.features, ...m.features };
        break;
      case 'ping':
        this.send({
          type: 'pong',
          ...(m.sentAt !== undefined ? { sentAt: m.sentAt } : {}),
          stats: this.summary(),
          notices: this.options.notices ?? [],
        });
        return;
    }
    this.send({ type: 'state', roi: this.roi ?? null, features: this.features, view: this.view });
  }

  summary(): StreamStats {
    const recent = this.latencies.slice(-100);
    const mean = recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : 0;
    return {
      ...this.stats,
      meanLatencyMs: Math.round(mean * 10) / 10,
      maxLatencyMs: Math.round(Math.max(0, ...recent) * 10) / 10,
    };
  }

  private error(title: string, detail: string, deviceSeq?: number): void {
    this.stats.errors++;
    this.send({ type: 'error', title, detail, ...(deviceSeq !== undefined ? { deviceSeq } : {}) });
  }

  private schedule(): void {
    if (this.busy || this.scheduled) return;
    this.scheduled = true;
    // Yield to the event loop first so every message already received replaces the pending frame.
    setImmediate(() => {
      this.scheduled = false;
      this.process();
    });
  }

  private process(): void {
    const next = this.pending;
    if (!next || this.closed) return;
    this.pending = undefined;
    this.busy = true;
    let frame: Frame | undefined;
    try {
      frame = decodeFrameMessage(next.bytes);
      this.lastSize = { width: frame.image.width, height: frame.image.height };
      const calibration = this.spacingOverride
        ? headerCalibration(this.spacingOverride)
        : frame.header.spacingMm
          ? headerCalibration(frame.header.spacingMm)
          : NO_CALIBRATION;
      if (!calibration.mmPerPixel && !this.warnedNoSpacing) {
        this.warnedNoSpacing = true;
        this.send({ type: 'warning', detail: calibration.warning ?? 'no calibration: sizes are in pixels' });
      }
      const analysis = analyseFrame(this.segmenter, frame.image, {
        ...(this.roi ? { roi: this.roi } : {}),
        calibration,
        confirmed: this.features,
        view: this.view,
        imageModel: this.imageModel,
        ...(this.flipTta === undefined ? {} : { flipTta: this.flipTta }),
      });
      const latencyMs = Math.round((performance.now() - next.at) * 100) / 100;
      this.latencies.push(latencyMs);
      if (this.latencies.length > 200) this.latencies.splice(0, 100);
      this.stats.analysed++;
      this.seq++;
      this.send({
        type: 'result',
        seq: this.seq,
        ...(frame.header.seq !== undefined ? { deviceSeq: frame.header.seq } : {}),
        ...(frame.header.sentAt !== undefined ? { sentAt: frame.header.sentAt } : {}),
        width: frame.image.width,
        height: frame.image.height,
        latencyMs,
        droppedSinceLast: this.droppedSinceLast,
        calibration: calibration.source,
        analysis,
        ...(() => {
          const m = analysis.measurement;
          const prior = this.options.priors?.[0];
          if (m?.unit !== 'mm' || !prior) return {};
          return { growth: growth({ longestMm: m.longest, perpendicularMm: m.perpendicular }, prior) };
        })(),
      });
      this.droppedSinceLast = 0;
    } catch (error) {
      if (error instanceof HealthGptError)
        this.error(error.title ?? 'Bad frame', error.message, frame?.header.seq);
      else if (error instanceof RoiError)
        this.error('ROI outside the image', error.message, frame?.header.seq);
      else
        this.error('Frame failed', error instanceof Error ? error.message : String(error), frame?.header.seq);
    } finally {
      this.busy = false;
      if (this.pending) this.schedule();
    }
  }
}
