import type { LoadedCase } from './data.js';
import { type BinaryMask, diameters, dice, hd95, iou } from './metrics.js';
import type { Segmenter, SegmentOptions } from './model.js';
import { wholeImage } from './roi.js';

/** Per-image result of an evaluation. */
export interface CaseResult {
  readonly id: string;
  readonly dice: number;
  readonly iou: number;
  /** NaN-free: an empty prediction scores the image diagonal. */
  readonly hd95: number;
  readonly longestTrue: number;
  readonly longestPredicted: number;
  readonly perpendicularTrue: number;
  readonly perpendicularPredicted: number;
  /** |predicted − expert| / expert longest diameter, %; 100 when nothing was outlined. */
  readonly diameterErrorPct: number;
  readonly ms: number;
}

/** The evaluation contract of `healthgpt eval segmentation` (issue 19). */
export interface SegmentationSummary {
  readonly n: number;
  /** Mean Dice over images. */
  readonly dice: number;
  /** Mean IoU over images. */
  readonly iou: number;
  /** Mean of the per-image 95th-percentile Hausdorff distances, in pixels of the crop. */
  readonly hd95_px: number;
  /** Median absolute error of the longest diameter against the expert outline, % of the expert's. */
  readonly diameter_error_pct: number;
  /** Mean wall time per image (ROI sampling, network, mapping back, largest region), milliseconds. */
  readonly ms_per_image: number;
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const mean = (values: number[]) =>
  values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;

/** Scores one prediction against the expert mask (same size). */
export function scoreCase(id: string, predicted: BinaryMask, expert: BinaryMask, ms: number): CaseResult {
  const truth = diameters(expert);
  const pred = diameters(predicted);
  const hd = hd95(predicted, expert);
  const diagonal = Math.hypot(expert.width, expert.height);
  const longestTrue = truth?.longest ?? 0;
  const longestPredicted = pred?.longest ?? 0;
  return {
    id,
    dice: dice(predicted, expert),
    iou: iou(predicted, expert),
    hd95: Number.isNaN(hd) ? diagonal : hd,
    longestTrue,
    longestPredicted,
    perpendicularTrue: truth?.perpendicular ?? 0,
    perpendicularPredicted: pred?.perpendicular ?? 0,
    diameterErrorPct:
      longestTrue > 0
        ? (100 * Math.abs(longestPredicted - longestTrue)) / longestTrue
        : longestPredicted > 0
          ? 100
          : 0,
    ms,
  };
}

/** Segments every case with the whole crop as ROI and scores it against the expert outline. */
export function evaluateSegmenter(
  segmenter: Segmenter,
  cases: readonly LoadedCase[],
  options?: SegmentOptions,
): { summary: SegmentationSummary; cases: CaseResult[] } {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const image = { width: c.width, height: c.height, pixels: c.image };
    const started = performance.now();
    const out = segmenter.segment(image, wholeImage(image), options);
    const ms = performance.now() - started;
    results.push(scoreCase(c.id, out.mask, { width: c.width, height: c.height, data: c.mask }, ms));
  }
  return { summary: summarise(results), cases: results };
}

/** Aggregates per-image results into the contract's numbers (rounded to 4 decimals, ms to 0.1). */
export function summarise(results: readonly CaseResult[]): SegmentationSummary {
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    n: results.length,
    dice: r4(mean(results.map((r) => r.dice))),
    iou: r4(mean(results.map((r) => r.iou))),
    hd95_px: r4(mean(results.map((r) => r.hd95))),
    diameter_error_pct: r4(median(results.map((r) => r.diameterErrorPct))),
    ms_per_image: Math.round(mean(results.map((r) => r.ms)) * 10) / 10,
  };
}
