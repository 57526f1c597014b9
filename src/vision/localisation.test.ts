import { expect, it } from 'vitest';
import { scoreLocalisation } from './localisation.js';

it('scores a heatmap peaked inside the lesion as a hit with most heat inside', () => {
  const values = new Float32Array(16);
  values[5] = 1;
  values[6] = 0.5;
  values[15] = 0.25;
  const mask = { width: 8, height: 8, pixels: new Float32Array(64) };
  // Lesion = grid cells (1,1) and (1,2) → pixels x 2..5, y 2..3.
  for (let y = 2; y < 4; y++) for (let x = 2; x < 6; x++) mask.pixels[y * 8 + x] = 255;
  const score = scoreLocalisation({ width: 4, height: 4, values, method: 'grad-cam' }, mask);
  expect(score.hit).toBe(true);
  expect(score.heatInside).toBeCloseTo(1.5 / 1.75, 6);
  expect(score.maskArea).toBeCloseTo(2 / 16, 6);
  values[15] = 2;
  expect(scoreLocalisation({ width: 4, height: 4, values, method: 'grad-cam' }, mask).hit).toBe(false);
});
