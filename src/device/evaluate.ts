import { readFileSync } from 'node:fs';
import { HealthGptError } from '../engine/errors.js';
import { decodeGif } from '../vision/io/gif.js';
import { decodePng } from '../vision/io/raster.js';
import {
  type LoadedCase,
  loadCase,
  readSegmentationSet,
  type SegmentationCase,
} from '../vision/segmentation/data.js';
import { evaluateSegmenter, type SegmentationSummary } from '../vision/segmentation/evaluate.js';
import { loadSegmenter } from '../vision/segmentation/model.js';

export interface SegmentationEvaluation extends SegmentationSummary {
  readonly task: 'thyroid';
  readonly modelId: string;
  /** Which images: every outlined crop of the folder, or the held-out test patients the model file lists. */
  readonly split: 'all' | 'test';
  /** The fixed average outline (mean of the training masks), the same for every image, on the same images. */
  readonly baseline: SegmentationSummary;
}

/**
 * `healthgpt eval segmentation`: the committed U-Net (or `modelDir`) on a DDTI-like folder, whole crop as ROI,
 * beside the mean-outline baseline.
 */
export async function evaluateSegmentation(
  dir: string,
  options: { split?: 'all' | 'test'; modelDir?: string; limit?: number } = {},
): Promise<SegmentationEvaluation> {
  const { model, baseline } = await loadSegmenter('thyroid', ...(options.modelDir ? [options.modelDir] : []));
  const split = options.split ?? 'all';
  let cases = readSegmentationSet(dir);
  if (split === 'test') {
    const held = new Set(model.header.split.testPatients);
    cases = cases.filter((c) => held.has(c.patient));
    if (cases.length === 0) throw new Error(`${dir} has none of the model's held-out test patients`);
  }
  if (options.limit !== undefined) cases = cases.slice(0, options.limit);
  const loaded: LoadedCase[] = cases.map(loadCaseOrRefuse);
  // One untimed pass first so the first image does not carry the backend's warm-up.
  if (loaded[0])
    model.segment(
      { width: loaded[0].width, height: loaded[0].height, pixels: loaded[0].image },
      { x: 0, y: 0, width: loaded[0].width, height: loaded[0].height },
    );
  const { summary } = evaluateSegmenter(model, loaded);
  const { summary: base } = evaluateSegmenter(baseline, loaded);
  return { task: 'thyroid', modelId: model.id, split, ...summary, baseline: base };
}

/**
 * `loadCase`, with a file that cannot be decoded, or an image and mask of different sizes, refused as invalid input
 * naming the file(s). A file that cannot be read at all (permissions, gone) stays an ordinary failure.
 */
function loadCaseOrRefuse(c: SegmentationCase): LoadedCase {
  try {
    return loadCase(c);
  } catch (error) {
    if (error instanceof HealthGptError || (error as NodeJS.ErrnoException).code !== undefined) throw error;
    // Find which file is broken (only on this error path, so decoding twice costs nothing in a good run).
    for (const [path, kind, decode] of [
      [c.imagePath, 'PNG', decodePng],
      [c.maskPath, 'GIF', decodeGif],
    ] as const) {
      try {
        decode(readFileSync(path));
      } catch (inner) {
        throw HealthGptError.invalid(
          `${path}: cannot decode ${kind}: ${inner instanceof Error ? inner.message : String(inner)}`,
        );
      }
    }
    throw HealthGptError.invalid(
      `${c.imagePath} and ${c.maskPath}: ${error instanceof Error ? error.message.replace(/^[^:]*: /, '') : String(error)}`,
    );
  }
}
