import type { LoadedCase } from './data.js';
import { dice, largestComponent } from './metrics.js';
import type { UnetSegmenter } from './model.js';
import { mapToRoi } from './roi.js';

/** One post-processing choice and its validation Dice. */
export interface PostprocessChoice {
  readonly flipAverage: boolean;
  readonly priorWeight: number;
  readonly threshold: number;
  readonly validationDice: number;
}

/**
 * Picks the post-processing (mirrored-pass averaging, blend with the mean outline, threshold) with the best mean
 * Dice on the validation cases at crop resolution; ties go to the simpler choice (no flip, less prior, 0.5). Uses the
 * validation split only, never the test split.
 */
export function choosePostprocess(
  model: UnetSegmenter,
  prior: Float32Array,
  validation: readonly LoadedCase[],
): { best: PostprocessChoice; tried: PostprocessChoice[] } {
  const size = model.header.config.inputSize;
  const passes = validation.map((c) => {
    const image = { width: c.width, height: c.height, pixels: c.image };
    const roi = { x: 0, y: 0, width: c.width, height: c.height };
    return {
      c,
      plain: model.rawProbabilities(image, roi),
      mirrored: model.rawProbabilities(image, roi, true),
    };
  });
  const tried: PostprocessChoice[] = [];
  for (const flipAverage of [false, true])
    for (const priorWeight of [0, 0.15, 0.3, 0.45])
      for (const threshold of [0.5, 0.4, 0.6]) {
        let total = 0;
        for (const { c, plain, mirrored } of passes) {
          const p = new Float32Array(plain.length);
          for (let i = 0; i < p.length; i++) {
            const net = flipAverage
              ? ((plain[i] as number) + (mirrored[i] as number)) / 2
              : (plain[i] as number);
            p[i] = (1 - priorWeight) * net + priorWeight * (prior[i] as number);
          }
          const map = mapToRoi(p, size, { x: 0, y: 0, width: c.width, height: c.height });
          const data = new Uint8Array(map.pixels.length);
          for (let i = 0; i < data.length; i++) data[i] = (map.pixels[i] as number) > threshold ? 1 : 0;
          const mask = largestComponent({ width: c.width, height: c.height, data });
          total += dice(mask, { width: c.width, height: c.height, data: c.mask });
        }
        tried.push({ flipAverage, priorWeight, threshold, validationDice: total / passes.length });
      }
  let best = tried[0] as PostprocessChoice;
  for (const t of tried) if (t.validationDice > best.validationDice + 1e-9) best = t;
  return { best, tried };
}
