import { join } from 'node:path';
import {
  committedModelsDir,
  readFloat32Tensors,
  readModelJson,
  type TensorEntry,
} from '../../ml/model-file.js';
import { tf, tfReady } from '../nn/backend.js';
import { type BinaryMask, largestComponent } from './metrics.js';
import { mapToRoi, type Roi, resampleBilinear, sampleRoi, standardise } from './roi.js';
import { type UnetConfig, type UnetParams, unetForward } from './unet.js';

export const SEGMENTATION_FORMAT = 'healthgpt-segmentation/1';

/** A grey raster (0–255) any pixel array can back. */
export interface GreyRaster {
  readonly width: number;
  readonly height: number;
  readonly pixels: ArrayLike<number>;
}

/** Held-out metrics the training script records in the model file. */
export interface SegmentationReport {
  readonly n: number;
  readonly patients: number;
  readonly dice: number;
  readonly iou: number;
  readonly hd95_px: number;
  readonly diameter_error_pct: number;
}

/** One test-time view of the ROI: scaled about its centre (< 1 zooms in), optionally mirrored left–right. */
export interface SegmentationView {
  readonly scale: number;
  readonly flip: boolean;
}

/** The views a post-processing setting averages. */
export function viewsOf(post: SegmentationModelFile['postprocess']): readonly SegmentationView[] {
  if (post?.views && post.views.length > 0) return post.views;
  return post?.flipAverage
    ? [
        { scale: 1, flip: false },
        { scale: 1, flip: true },
      ]
    : [{ scale: 1, flip: false }];
}

/** A view's identity (`0.85F` = ×0.85, mirrored). */
export const viewKey = (v: SegmentationView): string => `${v.scale}${v.flip ? 'F' : ''}`;

/**
 * Flip test-time augmentation's default. Decided on the validation patients by the rule fixed beforehand in
 * `scripts/segmentation/flip-tta-rule.md` (result in `models/segmentation/thyroid/flip-tta-validation.json`).
 */
export const FLIP_TTA_DEFAULT = false;

/** Options of one segmentation call. */
export interface SegmentOptions {
  /**
   * Flip test-time augmentation: every test-time view of the model is also run on the left–right mirrored ROI and
   * mirrored back, and all passes are averaged (twice the network passes). Default {@link FLIP_TTA_DEFAULT}.
   */
  readonly flipTta?: boolean;
}

/** The views followed by the mirror of each (its `flip` toggled) that is not among them already. */
export function withMirrors(views: readonly SegmentationView[]): SegmentationView[] {
  const out = [...views];
  const seen = new Set(views.map(viewKey));
  for (const v of views) {
    const mirror = { scale: v.scale, flip: !v.flip };
    if (seen.has(viewKey(mirror))) continue;
    seen.add(viewKey(mirror));
    out.push(mirror);
  }
  return out;
}

/** The ROI of a view: the ROI scaled about its centre. */
export function viewRoi(roi: Roi, scale: number): Roi {
  if (scale === 1) return roi;
  const width = roi.width * scale;
  const height = roi.height * scale;
  return { x: roi.x + (roi.width - width) / 2, y: roi.y + (roi.height - height) / 2, width, height };
}

/**
 * Maps a view's `size`×`size` output (mirrored when the view was) back onto the ROI's `size`×`size` grid (bilinear;
 * grid cells outside a zoomed-in view take the view's nearest edge value).
 */
export function viewToRoiGrid(values: Float32Array, size: number, view: SegmentationView): Float32Array {
  const at = (u: number) =>
    Math.min(size - 1, Math.max(0, (((u + 0.5) / size - 0.5) / view.scale) * size + size / 2 - 0.5));
  return resampleBilinear(values, size, size, size, (x) => at(view.flip ? size - 1 - x : x), at);
}

/** The JSON header of a committed segmentation model (`model.json`, weights in `weights.bin`). */
export interface SegmentationModelFile {
  readonly format: typeof SEGMENTATION_FORMAT;
  readonly modelId: string;
  readonly modelVersion: string;
  readonly task: string;
  readonly config: UnetConfig;
  /** Probability above which a pixel is inside. */
  readonly threshold: number;
  /**
   * Post-processing chosen on the validation split (absent in older files = none): average with the left–right
   * mirrored pass (`flipAverage`), and blend with the mean training outline, p = (1 − w)·p_net + w·p_mean.
   */
  readonly postprocess?: {
    readonly flipAverage: boolean;
    readonly priorWeight: number;
    /**
     * Test-time views averaged instead (absent = the plain pass, plus the mirrored one with `flipAverage`): each
     * resamples the ROI scaled about its centre by `scale` (< 1 zooms in), mirrored when `flip`, and its output is
     * mapped back onto the ROI's grid. All views run as one batch.
     */
    readonly views?: readonly SegmentationView[];
  };
  readonly tensors: readonly TensorEntry[];
  readonly split: {
    readonly seed: number;
    readonly patients: Readonly<Record<'train' | 'validation' | 'test', number>>;
    readonly images: Readonly<Record<'train' | 'validation' | 'test', number>>;
    /** Patient ids held out for the reported test metrics (so a later evaluation can exclude them from training). */
    readonly testPatients: readonly string[];
    readonly validationPatients: readonly string[];
  };
  readonly metrics: {
    readonly validation: SegmentationReport;
    readonly test: SegmentationReport;
    readonly baselineTest: SegmentationReport;
  };
  readonly training: Readonly<Record<string, unknown>>;
}

/** One segmentation result over an ROI. */
export interface Segmentation {
  readonly roi: Roi;
  /** Per-pixel probability of "inside the nodule" over the ROI (`roi.width`×`roi.height`, rounded). */
  readonly probability: { readonly width: number; readonly height: number; readonly pixels: Float32Array };
  /** The outline: probability > threshold, largest connected region; ROI coordinates. */
  readonly mask: BinaryMask;
  /** Mean of max(p, 1 − p) over the ROI's pixels (1 = every pixel certain either way). */
  readonly confidence: number;
  /** Share of ROI pixels with 0.1 < p < 0.9 (an unsure boundary or an unsure nodule). */
  readonly uncertainShare: number;
  /** The probabilities on the model grid (`size`×`size` over the ROI), for compact overlays. */
  readonly grid: { readonly size: number; readonly values: Float32Array };
}

/** Anything that outlines a nodule in an ROI (the network, or the fixed average outline baseline). */
export interface Segmenter {
  readonly id: string;
  segment(image: GreyRaster, roi: Roi, options?: SegmentOptions): Segmentation;
}

/** Mean of the passes, then p = (1 − w)·p + w·prior (the prior is the mean training outline on the same grid). */
export function blend(
  passes: readonly Float32Array[],
  priorWeight: number,
  prior?: Float32Array,
): Float32Array {
  const first = passes[0];
  if (!first) throw new Error('no segmentation pass to blend');
  const p = new Float32Array(first.length);
  for (const q of passes)
    for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) + (q[i] as number) / passes.length;
  if (priorWeight > 0 && prior)
    for (let i = 0; i < p.length; i++)
      p[i] = (1 - priorWeight) * (p[i] as number) + priorWeight * (prior[i] as number);
  return p;
}

function finish(probabilityAtSize: Float32Array, size: number, roi: Roi, at: number): Segmentation {
  const probability = mapToRoi(probabilityAtSize, size, roi);
  const data = new Uint8Array(probability.pixels.length);
  let sure = 0;
  let unsure = 0;
  for (let i = 0; i < data.length; i++) {
    const p = probability.pixels[i] as number;
    data[i] = p > at ? 1 : 0;
    sure += Math.max(p, 1 - p);
    if (p > 0.1 && p < 0.9) unsure++;
  }
  const mask = largestComponent({ width: probability.width, height: probability.height, data });
  return {
    roi,
    probability,
    mask,
    confidence: data.length === 0 ? 0 : sure / data.length,
    uncertainShare: data.length === 0 ? 0 : unsure / data.length,
    grid: { size, values: probabilityAtSize },
  };
}

/** The trained U-Net with its weights held as tensors for the life of the process. */
export class UnetSegmenter implements Segmenter {
  readonly id: string;
  private readonly params: UnetParams;
  private readonly prior: Float32Array | undefined;

  constructor(
    readonly header: SegmentationModelFile,
    weights: ReadonlyMap<string, Float32Array>,
  ) {
    this.id = header.modelId;
    const params: Record<string, tf.Tensor> = {};
    for (const { name, shape } of header.tensors) {
      if (name === 'meanOutline') continue;
      params[name] = tf.keep(tf.tensor(weights.get(name) as Float32Array, [...shape]));
    }
    this.params = params;
    this.prior = weights.get('meanOutline');
  }

  /**
   * The network alone on each view of the ROI (one batch), each mapped back onto the ROI's grid at model resolution.
   */
  viewProbabilities(image: GreyRaster, roi: Roi, views: readonly SegmentationView[]): Float32Array[] {
    const size = this.header.config.inputSize;
    const n = size * size;
    const input = new Float32Array(views.length * n);
    views.forEach((v, k) => {
      input.set(standardise(sampleRoi(image, viewRoi(roi, v.scale), size, v.flip)), k * n);
    });
    const out = tf.tidy(() => {
      const x = tf.tensor4d(input, [views.length, size, size, 1]);
      return tf.sigmoid(unetForward(this.header.config, this.params, x)).dataSync() as Float32Array;
    });
    return views.map((v, k) => {
      const own = out.subarray(k * n, (k + 1) * n);
      return v.scale === 1 && !v.flip ? own.slice() : viewToRoiGrid(own, size, v);
    });
  }

  /** The network alone at model resolution, optionally on the mirrored ROI (mirrored back). */
  rawProbabilities(image: GreyRaster, roi: Roi, flip = false): Float32Array {
    return this.viewProbabilities(image, roi, [{ scale: 1, flip }])[0] as Float32Array;
  }

  /** The views a call runs: the model's own, with their mirrors added under flip test-time augmentation. */
  viewsFor(options: SegmentOptions = {}): readonly SegmentationView[] {
    const views = viewsOf(this.header.postprocess);
    return (options.flipTta ?? FLIP_TTA_DEFAULT) ? withMirrors(views) : views;
  }

  /** Per-pixel probabilities at model resolution for an ROI: the views averaged, then blended with the prior. */
  probabilities(image: GreyRaster, roi: Roi, options?: SegmentOptions): Float32Array {
    const passes = this.viewProbabilities(image, roi, this.viewsFor(options));
    return blend(passes, this.header.postprocess?.priorWeight ?? 0, this.prior);
  }

  segment(image: GreyRaster, roi: Roi, options?: SegmentOptions): Segmentation {
    return finish(
      this.probabilities(image, roi, options),
      this.header.config.inputSize,
      roi,
      this.header.threshold,
    );
  }
}

/**
 * The baseline the issue asks to report beside the network: the mean of the training outlines (resampled to the
 * model grid), the same for every image; it ignores the pixels entirely.
 */
export class MeanOutlineSegmenter implements Segmenter {
  readonly id = 'mean-outline-baseline';
  constructor(
    private readonly outline: Float32Array,
    private readonly size: number,
  ) {}
  /** The outline ignores the pixels, so it is its own mirror image's average: options change nothing. */
  segment(_image: GreyRaster, roi: Roi, _options?: SegmentOptions): Segmentation {
    return finish(this.outline, this.size, roi, 0.5);
  }
}

const loaded = new Map<string, Promise<{ model: UnetSegmenter; baseline: MeanOutlineSegmenter }>>();

/** Loads a committed model (default `models/segmentation/<task>`), once per folder. */
export function loadSegmenter(
  task = 'thyroid',
  dir = committedModelsDir('segmentation', task),
): Promise<{ model: UnetSegmenter; baseline: MeanOutlineSegmenter }> {
  let p = loaded.get(dir);
  if (!p) {
    p = (async () => {
      await tfReady();
      const header = readModelJson<SegmentationModelFile>(join(dir, 'model.json'), SEGMENTATION_FORMAT);
      const weights = readFloat32Tensors(join(dir, 'weights.bin'), header.tensors);
      const outline = weights.get('meanOutline');
      if (!outline) throw new Error(`${dir}: model file has no meanOutline tensor`);
      return {
        model: new UnetSegmenter(header, weights),
        baseline: new MeanOutlineSegmenter(outline, header.config.inputSize),
      };
    })();
    p.catch(() => loaded.delete(dir));
    loaded.set(dir, p);
  }
  return p;
}
