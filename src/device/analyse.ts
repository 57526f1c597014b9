import { classifierFor } from '../vision/analysis.js';
import type { GreyImage } from '../vision/preprocess.js';
import { type GreyRaster, loadSegmenter, type Segmenter } from '../vision/segmentation/model.js';
import { clipRoi, type Roi, sampleRoi, wholeImage } from '../vision/segmentation/roi.js';
import type { Calibration } from './calibration.js';
import { measureOutline, type NoduleMeasurement } from './measure.js';
import { type ConfirmedFeatures, type TiradsSupport, tiradsSupport } from './tirads-support.js';

/** What one frame yields: the outline over the ROI, the measurement, the TI-RADS support, and timings. */
export interface FrameAnalysis {
  readonly roi: Roi;
  readonly roiWasClipped: boolean;
  /** Probabilities on the model grid over the ROI, 0–255 per pixel, base64, row-major. */
  readonly overlay: { readonly size: number; readonly probability: string };
  readonly confidence: number;
  readonly uncertainShare: number;
  readonly measurement?: NoduleMeasurement;
  readonly tirads: TiradsSupport;
  readonly timings: { readonly segmentMs: number; readonly imageModelMs?: number; readonly totalMs: number };
  readonly modelId: string;
  readonly warnings: readonly string[];
}

export interface AnalyseOptions {
  readonly roi?: Roi;
  readonly calibration: Calibration;
  readonly confirmed?: ConfirmedFeatures;
  readonly view?: 'transverse' | 'longitudinal' | 'unknown';
  /** Also run the TI-RADS image model on the ROI (≈ 1 ms). */
  readonly imageModel?: boolean;
  /** Flip test-time augmentation of the outline (twice the network passes; default `FLIP_TTA_DEFAULT`). */
  readonly flipTta?: boolean;
}

/** A problem with the analysis request itself (an ROI outside the image): the caller reports it and carries on. */
export class RoiError extends Error {}

let thyroidClassifier: Awaited<ReturnType<typeof classifierFor>> | undefined;

/** Loads the models a device session needs (segmentation U-Net, TI-RADS image model). */
export async function loadDeviceModels(): Promise<{ segmenter: Segmenter }> {
  const { model } = await loadSegmenter('thyroid');
  thyroidClassifier ??= await classifierFor('thyroid');
  return { segmenter: model };
}

function toBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++)
    bytes[i] = Math.round(Math.min(1, Math.max(0, values[i] as number)) * 255);
  return Buffer.from(bytes).toString('base64');
}

/** Analyses one frame synchronously (the caller decides which frames to analyse). */
export function analyseFrame(
  segmenter: Segmenter,
  image: GreyRaster,
  options: AnalyseOptions,
): FrameAnalysis {
  const started = performance.now();
  const warnings: string[] = [];
  let roi = wholeImage(image);
  let clipped = false;
  if (options.roi) {
    const checked = clipRoi(options.roi, image);
    if (!checked.roi) throw new RoiError(checked.problem ?? 'bad ROI');
    roi = checked.roi;
    clipped = checked.clipped;
    if (clipped) warnings.push('The ROI reached beyond the image and was clipped to it.');
  } else warnings.push('No ROI placed: the whole frame is the ROI. Tap or drag a box around the nodule.');
  const seg = segmenter.segment(
    image,
    roi,
    options.flipTta === undefined ? undefined : { flipTta: options.flipTta },
  );
  const segmentMs = performance.now() - started;
  const measurement = measureOutline(seg, options.calibration);
  if (!measurement) warnings.push('No nodule outlined in the ROI.');
  let imageModel: { probability: number; modelId: string } | undefined;
  let imageModelMs: number | undefined;
  if (options.imageModel && thyroidClassifier) {
    const t0 = performance.now();
    const crop: GreyImage = { width: 64, height: 64, pixels: sampleRoi(image, roi, 64) };
    imageModel = {
      probability: thyroidClassifier.predict(crop).probabilityLabel1,
      modelId: thyroidClassifier.header.modelId,
    };
    imageModelMs = performance.now() - t0;
  }
  const tirads = tiradsSupport({
    ...(measurement ? { measurement } : {}),
    ...(options.confirmed ? { confirmed: options.confirmed } : {}),
    ...(imageModel ? { imageModel } : {}),
    view: options.view ?? 'unknown',
  });
  const r2 = (v: number) => Math.round(v * 100) / 100;
  return {
    roi,
    roiWasClipped: clipped,
    overlay: { size: seg.grid.size, probability: toBase64(seg.grid.values) },
    confidence: r2(seg.confidence),
    uncertainShare: r2(seg.uncertainShare),
    ...(measurement ? { measurement } : {}),
    tirads,
    timings: {
      segmentMs: r2(segmentMs),
      ...(imageModelMs !== undefined ? { imageModelMs: r2(imageModelMs) } : {}),
      totalMs: r2(performance.now() - started),
    },
    modelId: segmenter.id,
    warnings,
  };
}
