import type { Heatmap } from './classifier.js';
import { encodePngRgba } from './io/raster.js';
import { type GreyImage, resizeArea, resizeBilinear } from './preprocess.js';

/** Largest side of a rendered overlay; bigger images are shown downscaled (the heatmap is 28×28 anyway). */
export const OVERLAY_MAX_SIDE_PX = 512;

/** A perceptually ordered blue→cyan→yellow→red ramp for heat 0…1. */
export function heatColour(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t));
  const stops: [number, [number, number, number]][] = [
    [0, [0, 0, 128]],
    [0.35, [0, 160, 255]],
    [0.65, [255, 230, 0]],
    [1, [220, 0, 0]],
  ];
  for (let i = 1; i < stops.length; i++) {
    const [t1, c1] = stops[i] as [number, [number, number, number]];
    const [t0, c0] = stops[i - 1] as [number, [number, number, number]];
    if (x <= t1) {
      const f = (x - t0) / (t1 - t0);
      return [0, 1, 2].map((k) =>
        Math.round((c0[k] as number) + f * ((c1[k] as number) - (c0[k] as number))),
      ) as [number, number, number];
    }
  }
  return [220, 0, 0];
}

/**
 * The image in grey with the heatmap blended over it (alpha grows with heat, so cold regions stay readable),
 * as a PNG no larger than `OVERLAY_MAX_SIDE_PX` a side.
 */
export function renderHeatmapOverlay(
  image: GreyImage,
  heatmap: Heatmap,
  options: { maxAlpha?: number } = {},
): Uint8Array {
  const maxAlpha = options.maxAlpha ?? 0.6;
  const scale = Math.min(1, OVERLAY_MAX_SIDE_PX / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const base = scale < 1 ? resizeArea(image, width, height) : image;
  const heat = resizeBilinear(
    { width: heatmap.width, height: heatmap.height, pixels: heatmap.values },
    width,
    height,
  );
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const g = Math.min(255, Math.max(0, base.pixels[i] as number));
    const h = heat.pixels[i] as number;
    const [r, gg, b] = heatColour(h);
    const a = maxAlpha * Math.min(1, Math.max(0, h));
    rgba[4 * i] = Math.round(g * (1 - a) + r * a);
    rgba[4 * i + 1] = Math.round(g * (1 - a) + gg * a);
    rgba[4 * i + 2] = Math.round(g * (1 - a) + b * a);
    rgba[4 * i + 3] = 255;
  }
  return encodePngRgba(width, height, rgba);
}

/** The grey image alone as a PNG (for the viewer), no larger than `maxSide` a side. */
export function renderGreyPng(image: GreyImage, maxSide = 1024): Uint8Array {
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const base = scale < 1 ? resizeArea(image, width, height) : image;
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const g = Math.round(Math.min(255, Math.max(0, base.pixels[i] as number)));
    rgba[4 * i] = g;
    rgba[4 * i + 1] = g;
    rgba[4 * i + 2] = g;
    rgba[4 * i + 3] = 255;
  }
  return encodePngRgba(width, height, rgba);
}
