import type { LoadedCase } from './data.js';
import { type BinaryMask, dice, largestComponent } from './metrics.js';
import { blend, viewKey as key, type SegmentationView, type UnetSegmenter } from './model.js';
import { mapToRoi } from './roi.js';

/** One post-processing choice and its validation Dice. */
export interface PostprocessChoice {
  /** The test-time views averaged (at most two, to stay within the per-frame time). */
  readonly views: readonly SegmentationView[];
  readonly priorWeight: number;
  readonly threshold: number;
  readonly validationDice: number;
}

const view = (scale: number, flip: boolean): SegmentationView => ({ scale, flip });

/**
 * The view sets tried, simplest first: the plain pass; with the mirrored pass; a zoomed-in pass (ROI scaled by 0.95,
 * 0.9 or 0.85 about its centre) with its mirror; the plain pass with a zoomed-in mirrored one. The training samples
 * ROIs scaled 0.8–1.1, so the network has seen nodules larger in the frame than on the whole crop.
 */
export const VIEW_SETS: readonly (readonly SegmentationView[])[] = [
  [view(1, false)],
  [view(1, false), view(1, true)],
  ...[0.95, 0.9, 0.85].map((s) => [view(s, false), view(s, true)]),
  ...[0.9, 0.85].map((s) => [view(1, false), view(s, true)]),
];
export const PRIOR_WEIGHTS = [0, 0.15, 0.3] as const;
export const THRESHOLDS = [0.5, 0.4, 0.6] as const;

/**
 * Mean Dice at crop resolution of per-case model-grid probabilities, thresholded, largest region kept (then
 * `refine`d, e.g. holes filled, when given).
 */
export function meanDice(
  probabilities: readonly Float32Array[],
  cases: readonly LoadedCase[],
  size: number,
  threshold: number,
  refine: (mask: BinaryMask) => BinaryMask = (mask) => mask,
): number {
  let total = 0;
  cases.forEach((c, k) => {
    const roi = { x: 0, y: 0, width: c.width, height: c.height };
    const map = mapToRoi(probabilities[k] as Float32Array, size, roi);
    const data = new Uint8Array(map.pixels.length);
    for (let i = 0; i < data.length; i++) data[i] = (map.pixels[i] as number) > threshold ? 1 : 0;
    const mask = refine(largestComponent({ width: c.width, height: c.height, data }));
    total += dice(mask, { width: c.width, height: c.height, data: c.mask });
  });
  return total / cases.length;
}

/**
 * Picks the post-processing (test-time views, blend with the mean outline, threshold) with the best mean Dice on
 * the validation cases at crop resolution; ties go to the simpler choice (fewer views, less prior, 0.5). Uses the
 * validation split only, never the test split.
 */
export function choosePostprocess(
  model: UnetSegmenter,
  prior: Float32Array,
  validation: readonly LoadedCase[],
): { best: PostprocessChoice; tried: PostprocessChoice[] } {
  const size = model.header.config.inputSize;
  const all = [...new Map(VIEW_SETS.flat().map((v) => [key(v), v])).values()];
  const passes = validation.map((c) => {
    const out = model.viewProbabilities(
      { width: c.width, height: c.height, pixels: c.image },
      { x: 0, y: 0, width: c.width, height: c.height },
      all,
    );
    return new Map(all.map((v, i) => [key(v), out[i] as Float32Array]));
  });
  const tried: PostprocessChoice[] = [];
  for (const views of VIEW_SETS)
    for (const priorWeight of PRIOR_WEIGHTS) {
      const probabilities = passes.map((byView) =>
        blend(
          views.map((v) => byView.get(key(v)) as Float32Array),
          priorWeight,
          prior,
        ),
      );
      for (const threshold of THRESHOLDS)
        tried.push({
          views,
          priorWeight,
          threshold,
          validationDice: meanDice(probabilities, validation, size, threshold),
        });
    }
  let best = tried[0] as PostprocessChoice;
  for (const t of tried) if (t.validationDice > best.validationDice + 1e-9) best = t;
  return { best, tried };
}
