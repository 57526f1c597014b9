/**
 * Hand-made image descriptors for the "features" image tower — cheap enough to train on two shared CPU cores, where
 * a convolutional tower is not: a 24×24 thumbnail (layout and intensity), a 16-bin square-root grey histogram (CT
 * versus MR contrast), and histograms of oriented gradients at two scales (Dalal & Triggs, CVPR 2005: 9 unsigned
 * orientation bins; 6×6 cells of a 48×48 resample and 8×8 cells of the 64×64 input, each cell L2-normalised).
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
export const FEATURE_COUNT =
  THUMB * THUMB + HIST_BINS + HOG_SCALES.reduce((s, [, cells]) => s + cells * cells * HOG_BINS, 0);

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

export function imageFeatures(pixels: Float32Array, size: number): Float32Array {
  const out = new Float32Array(FEATURE_COUNT);
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
  return out;
}
