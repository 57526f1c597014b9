import type { Heatmap } from './classifier.js';
import { type GreyImage, resizeArea } from './preprocess.js';

/** How well one heatmap points at one lesion mask. */
export interface LocalisationScore {
  /** Pointing game (Zhang et al., ECCV 2016): the hottest cell lies inside the lesion. */
  readonly hit: boolean;
  /** Share of the heat that falls inside the lesion (energy-based pointing game, Wang et al., Score-CAM 2020). */
  readonly heatInside: number;
  /** Share of the image the lesion covers: what a uniform heatmap would score as `heatInside`. */
  readonly maskArea: number;
}

/** A binary mask (lesion = bright) resampled by area to the heatmap grid: values are lesion fractions 0–1. */
export function maskToGrid(mask: GreyImage, width: number, height: number): Float32Array {
  const binary = {
    width: mask.width,
    height: mask.height,
    pixels: mask.pixels.map((v) => (v >= 128 ? 1 : 0)),
  };
  return resizeArea(binary, width, height).pixels;
}

/** Scores a heatmap against a lesion mask on the heatmap's grid (a cell is "inside" when ≥ half of it is lesion). */
export function scoreLocalisation(heatmap: Heatmap, mask: GreyImage): LocalisationScore {
  const grid = maskToGrid(mask, heatmap.width, heatmap.height);
  let best = 0;
  let sumHeat = 0;
  let inside = 0;
  let area = 0;
  for (let i = 0; i < grid.length; i++) {
    const h = heatmap.values[i] as number;
    if (h > (heatmap.values[best] as number)) best = i;
    sumHeat += h;
    inside += h * (grid[i] as number);
    area += grid[i] as number;
  }
  return {
    hit: (grid[best] as number) >= 0.5,
    heatInside: sumHeat > 0 ? inside / sumHeat : 0,
    maskArea: area / grid.length,
  };
}
