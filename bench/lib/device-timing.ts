/**
 * The per-frame timing of `npm run bench:device` (issue 19), shared with the validation-only comparisons that must
 * check the time budget without scoring the test patients (scripts/segmentation/flip-tta.ts).
 */
import { analyseFrame } from '../../src/device/analyse.js';
import { syntheticFrame } from '../../src/device/synthetic.js';
import type { Segmenter } from '../../src/vision/segmentation/model.js';

/** The benchmark's 20 synthetic 256 × 256 grey frames. */
export function benchFrames(): Uint8Array[] {
  return Array.from({ length: 20 }, (_, i) => syntheticFrame(i, { width: 256, height: 256 }).pixels);
}

/** The ROI every timed frame uses. */
export const BENCH_ROI = { x: 48, y: 48, width: 160, height: 160 } as const;

export const quantile = (values: readonly number[], q: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(q * s.length))] as number) : Number.NaN;
};

/**
 * Times `count` frames end to end (outline, measurement, TI-RADS support, image model) after 5 warm-up frames:
 * per-frame wall times and the segmentation part of each, ms.
 */
export function timeFrames(
  segmenter: Segmenter,
  frames: readonly Uint8Array[],
  options: { flipTta?: boolean } = {},
  count = 100,
): { total: number[]; segment: number[] } {
  const calibration = { source: 'frame-header', mmPerPixel: { x: 0.1, y: 0.1 } } as const;
  for (let i = 0; i < 5; i++)
    analyseFrame(
      segmenter,
      { width: 256, height: 256, pixels: frames[i] as Uint8Array },
      { calibration, imageModel: true, ...options },
    );
  const total: number[] = [];
  const segment: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const a = analyseFrame(
      segmenter,
      { width: 256, height: 256, pixels: frames[i % frames.length] as Uint8Array },
      { roi: BENCH_ROI, calibration, imageModel: true, ...options },
    );
    total.push(performance.now() - t0);
    segment.push(a.timings.segmentMs);
  }
  return { total, segment };
}
