/**
 * Hand-made image descriptors for the "features" image tower — cheap enough to train on two shared CPU cores, where
 * a convolutional tower is not: a 24×24 thumbnail (layout and intensity), a 16-bin square-root grey histogram (CT
 * versus MR contrast), and histograms of oriented gradients at two scales (Dalal & Triggs, CVPR 2005: 9 unsigned
 * orientation bins; 6×6 cells of a 48×48 resample and 8×8 cells of the 64×64 input, each cell L2-normalised).
 * Descriptor set 2 adds a spatial pyramid of grey histograms (square-root shares of the pixels of each cell: 2×2
 * cells of 16 bins and 4×4 cells of 8 bins; where in the image the dark, fat, soft-tissue and bright intensities
 * lie) and a 16×16 average-pooled map of gradient magnitude (forward differences; where the edges are). Set 1 (the
 * first four blocks) is what model files without `descriptors` in their config read.
 * Input: a square grey image, 0–255, row-major.
 */
import { resizeArea } from '../preprocess.js';

export const THUMB = 24;
export const HIST_BINS = 16;
export const HOG_BINS = 9;
/** [resample size, cells per side] of each HOG scale. */
export const HOG_SCALES: readonly (readonly [number, number])[] = [
  [48, 6],
  [64, 8],
];
/** [cells per side, grey bins] of each level of the histogram pyramid (set 2). */
export const HIST_PYRAMID: readonly (readonly [number, number])[] = [
  [2, 16],
  [4, 8],
];
/** Cells per side of the pooled gradient-magnitude map (set 2). */
export const GRADIENT_CELLS = 16;

/** 1: thumbnail, histogram, HOG; 2: also the histogram pyramid and the gradient map. */
export type DescriptorSet = 1 | 2;

const SET1_COUNT =
  THUMB * THUMB + HIST_BINS + HOG_SCALES.reduce((s, [, cells]) => s + cells * cells * HOG_BINS, 0);
const SET2_EXTRA =
  HIST_PYRAMID.reduce((s, [cells, bins]) => s + cells * cells * bins, 0) + GRADIENT_CELLS * GRADIENT_CELLS;

/** Length of a descriptor of set 1 (kept for readers of older model files). */
export const FEATURE_COUNT = SET1_COUNT;

export function featureCount(set: DescriptorSet = 1): number {
  return set === 2 ? SET1_COUNT + SET2_EXTRA : SET1_COUNT;
}

function hog(out: Float32Array, offset: number, g: Float32Array, size: number, cells: number): number {
  const cell = size / cells;
  const at = (x: number, y: number) =>
    g[Math.min(size - 1, Math.max(0, y)) * size + Math.min(size - 1, Math.max(0, x))] as number;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const gx = at(x + 1, y) - at(x - 1, y);
      const gy = at(x, y + 1) - at(x, y - 1);
      const magnitude = Math.hypot(gx, gy);
      if (magnitude === 0) continue;
      let angle = Math.atan2(gy, gx);
      if (angle < 0) angle += Math.PI;
      const bin = Math.min(HOG_BINS - 1, Math.floor((angle / Math.PI) * HOG_BINS));
      const c = Math.floor(y / cell) * cells + Math.floor(x / cell);
      out[offset + c * HOG_BINS + bin] = (out[offset + c * HOG_BINS + bin] as number) + magnitude;
    }
  for (let c = 0; c < cells * cells; c++) {
    let norm = 0;
    for (let b = 0; b < HOG_BINS; b++) norm += (out[offset + c * HOG_BINS + b] as number) ** 2;
    const s = 1 / Math.sqrt(norm + 1e-6);
    for (let b = 0; b < HOG_BINS; b++)
      out[offset + c * HOG_BINS + b] = (out[offset + c * HOG_BINS + b] as number) * s;
  }
  return offset + cells * cells * HOG_BINS;
}

/** Square-root share of the pixels of each cell in each grey bin, `cells`×`cells` cells. */
function histogramGrid(
  out: Float32Array,
  offset: number,
  pixels: Float32Array,
  size: number,
  cells: number,
  bins: number,
): number {
  const cell = size / cells;
  const share = 1 / (cell * cell);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const bin = Math.min(bins - 1, Math.floor(((pixels[y * size + x] as number) / 256) * bins));
      const c = Math.floor(y / cell) * cells + Math.floor(x / cell);
      out[offset + c * bins + bin] = (out[offset + c * bins + bin] as number) + share;
    }
  for (let k = offset; k < offset + cells * cells * bins; k++) out[k] = Math.sqrt(out[k] as number);
  return offset + cells * cells * bins;
}

/** Mean gradient magnitude (forward differences, 0–255 scale / 255) over `cells`×`cells` cells. */
function gradientMap(
  out: Float32Array,
  offset: number,
  pixels: Float32Array,
  size: number,
  cells: number,
): number {
  const cell = size / cells;
  const share = 1 / (cell * cell * 255);
  for (let y = 0; y + 1 < size; y++)
    for (let x = 0; x + 1 < size; x++) {
      const v = pixels[y * size + x] as number;
      const m = Math.hypot(
        (pixels[y * size + x + 1] as number) - v,
        (pixels[(y + 1) * size + x] as number) - v,
      );
      const c = Math.floor(y / cell) * cells + Math.floor(x / cell);
      out[offset + c] = (out[offset + c] as number) + m * share;
    }
  return offset + cells * cells;
}

export function imageFeatures(pixels: Float32Array, size: number, set: DescriptorSet = 1): Float32Array {
  const out = new Float32Array(featureCount(set));
  const image = { width: size, height: size, pixels };
  const resampled = (s: number) => (size === s ? pixels : resizeArea(image, s, s).pixels);
  const thumb = resampled(THUMB);
  for (let i = 0; i < thumb.length; i++) out[i] = (thumb[i] as number) / 255;
  let o = THUMB * THUMB;
  for (const v of pixels) {
    const bin = Math.min(HIST_BINS - 1, Math.floor(((v as number) / 256) * HIST_BINS));
    out[o + bin] = (out[o + bin] as number) + 1 / pixels.length;
  }
  // Square-root histogram: the large black background bin does not swamp the rest.
  for (let b = 0; b < HIST_BINS; b++) out[o + b] = Math.sqrt(out[o + b] as number);
  o += HIST_BINS;
  for (const [s, cells] of HOG_SCALES) o = hog(out, o, resampled(s), s, cells);
  if (set === 2) {
    for (const [cells, bins] of HIST_PYRAMID) o = histogramGrid(out, o, pixels, size, cells, bins);
    o = gradientMap(out, o, pixels, size, GRADIENT_CELLS);
  }
  return out;
}
