import type { GreyImage } from '../preprocess.js';

/** An axis-aligned region of interest in image pixels (top-left corner, size). */
export interface Roi {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The whole image as ROI. */
export function wholeImage(image: { readonly width: number; readonly height: number }): Roi {
  return { x: 0, y: 0, width: image.width, height: image.height };
}

/**
 * Checks an ROI against the image: returns the ROI clipped to the image and a problem when it is empty, not finite,
 * or mostly outside (under half its area inside).
 */
export function clipRoi(
  roi: Roi,
  image: { readonly width: number; readonly height: number },
): { roi?: Roi; problem?: string; clipped: boolean } {
  const values = [roi.x, roi.y, roi.width, roi.height];
  if (!values.every(Number.isFinite)) return { problem: 'ROI values must be finite numbers', clipped: false };
  if (roi.width < 8 || roi.height < 8) return { problem: 'ROI must be at least 8×8 pixels', clipped: false };
  const x0 = Math.max(0, roi.x);
  const y0 = Math.max(0, roi.y);
  const x1 = Math.min(image.width, roi.x + roi.width);
  const y1 = Math.min(image.height, roi.y + roi.height);
  const inside = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  if (inside < 0.5 * roi.width * roi.height)
    return { problem: `ROI lies mostly outside the ${image.width}×${image.height} image`, clipped: false };
  if (x1 - x0 < 8 || y1 - y0 < 8)
    return { problem: 'ROI inside the image is smaller than 8×8 pixels', clipped: false };
  const clipped = x0 !== roi.x || y0 !== roi.y || x1 !== roi.x + roi.width || y1 !== roi.y + roi.height;
  return { roi: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, clipped };
}

/**
 * Samples the ROI to `size`×`size` by bilinear interpolation at pixel centres (edge pixels repeat beyond the image);
 * when the ROI is more than twice the output size it is area-averaged first along each axis by box sampling so
 * speckle does not alias. `flip` mirrors left–right.
 */
export function sampleRoi(
  image: { readonly width: number; readonly height: number; readonly pixels: ArrayLike<number> },
  roi: Roi,
  size: number,
  flip = false,
): Float32Array {
  const out = new Float32Array(size * size);
  const sx = roi.width / size;
  const sy = roi.height / size;
  const taps = Math.max(1, Math.min(4, Math.floor(Math.min(sx, sy))));
  const w = image.width;
  const h = image.height;
  const px = image.pixels;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const ox = flip ? size - 1 - x : x;
      let sum = 0;
      for (let ty = 0; ty < taps; ty++) {
        const fy = Math.min(h - 1, Math.max(0, roi.y + (y + (ty + 0.5) / taps) * sy - 0.5));
        const y0 = Math.floor(fy);
        const y1 = Math.min(h - 1, y0 + 1);
        const dy = fy - y0;
        for (let tx = 0; tx < taps; tx++) {
          const fx = Math.min(w - 1, Math.max(0, roi.x + (ox + (tx + 0.5) / taps) * sx - 0.5));
          const x0 = Math.floor(fx);
          const x1 = Math.min(w - 1, x0 + 1);
          const dx = fx - x0;
          const a = px[y0 * w + x0] as number;
          const b = px[y0 * w + x1] as number;
          const c = px[y1 * w + x0] as number;
          const d = px[y1 * w + x1] as number;
          sum += (1 - dy) * ((1 - dx) * a + dx * b) + dy * ((1 - dx) * c + dx * d);
        }
      }
      out[y * size + x] = sum / (taps * taps);
    }
  }
  return out;
}

/** Standardises in place to zero mean, unit variance (a flat patch becomes all zeros). */
export function standardise(values: Float32Array): Float32Array {
  let sum = 0;
  let sumSq = 0;
  for (const v of values) {
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / values.length;
  const std = Math.sqrt(Math.max(0, sumSq / values.length - mean * mean));
  const scale = std > 1e-6 ? 1 / std : 0;
  for (let i = 0; i < values.length; i++) values[i] = ((values[i] as number) - mean) * scale;
  return values;
}

/**
 * Maps a `size`×`size` map over the ROI back onto the ROI's pixels (bilinear, at pixel centres): returns a
 * `roi.width`×`roi.height` map (ROI rounded to whole pixels).
 */
export function mapToRoi(map: Float32Array, size: number, roi: Roi): GreyImage {
  const width = Math.max(1, Math.round(roi.width));
  const height = Math.max(1, Math.round(roi.height));
  const centre = (u: number, length: number) =>
    Math.min(size - 1, Math.max(0, ((u + 0.5) * size) / length - 0.5));
  const pixels = resampleBilinear(
    map,
    size,
    width,
    height,
    (x) => centre(x, width),
    (y) => centre(y, height),
  );
  return { width, height, pixels };
}

/**
 * Bilinear resampling of a `size`×`size` map onto a `width`×`height` grid: output cell (x, y) reads the map at the
 * fractional position (`sourceX(x)`, `sourceY(y)`), which the caller keeps within [0, size − 1].
 */
export function resampleBilinear(
  map: Float32Array,
  size: number,
  width: number,
  height: number,
  sourceX: (x: number) => number,
  sourceY: (y: number) => number,
): Float32Array {
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const fy = sourceY(y);
    const y0 = Math.floor(fy);
    const y1 = Math.min(size - 1, y0 + 1);
    const dy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = sourceX(x);
      const x0 = Math.floor(fx);
      const x1 = Math.min(size - 1, x0 + 1);
      const dx = fx - x0;
      const a = map[y0 * size + x0] as number;
      const b = map[y0 * size + x1] as number;
      const c = map[y1 * size + x0] as number;
      const d = map[y1 * size + x1] as number;
      out[y * width + x] = (1 - dy) * ((1 - dx) * a + dx * b) + dy * ((1 - dx) * c + dx * d);
    }
  }
  return out;
}
