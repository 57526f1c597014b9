/**
 * VALIDATION-only comparison of trained model folders: tsx scripts/segmentation/compare.ts DIR [DIR...]
 * For each folder: the post-processing grid of tune.ts, and the best setting's Dice with the outline's holes filled
 * or replaced by its convex hull. For several folders: ensembles of their plain passes, and of the first folder's
 * chosen views run by every folder (averaged, blended with the first folder's mean outline).
 */
import { join, resolve } from 'node:path';
import { readFloat32Tensors, readModelJson } from '../../src/ml/model-file.js';
import { tfReady } from '../../src/vision/nn/backend.js';
import { loadCase, readSegmentationSet, splitByPatient } from '../../src/vision/segmentation/data.js';
import { convexFill, fillHoles } from '../../src/vision/segmentation/metrics.js';
import {
  blend,
  SEGMENTATION_FORMAT,
  type SegmentationModelFile,
  type SegmentationView,
  UnetSegmenter,
} from '../../src/vision/segmentation/model.js';
import {
  choosePostprocess,
  meanDice,
  PRIOR_WEIGHTS,
  THRESHOLDS,
} from '../../src/vision/segmentation/tune.js';
import { describeViews } from './model-card.js';

await tfReady();
const dataDir = join(
  process.env.HEALTHGPT_DATA_DIR ?? resolve('..', 'shared', 'data'),
  'images',
  'ddti_thyroid',
);
const split = splitByPatient(readSegmentationSet(dataDir), 1);
const val = split.validation.map(loadCase);
const plainView: SegmentationView = { scale: 1, flip: false };
const models: UnetSegmenter[] = [];
let prior: Float32Array | undefined;
let chosenViews: readonly SegmentationView[] = [plainView];
for (const d of process.argv.slice(2)) {
  const h = readModelJson<SegmentationModelFile>(join(d, 'model.json'), SEGMENTATION_FORMAT);
  const w = readFloat32Tensors(join(d, 'weights.bin'), h.tensors);
  const own = w.get('meanOutline') as Float32Array;
  const m = new UnetSegmenter(
    { ...h, threshold: 0.5, postprocess: { flipAverage: false, priorWeight: 0 } },
    w,
  );
  const t0 = performance.now();
  const { best, tried } = choosePostprocess(m, own, val);
  console.log(
    `${d}: ${((performance.now() - t0) / 1000).toFixed(0)} s; plain@0.5 ${tried[0]?.validationDice.toFixed(4)}; best ${JSON.stringify(best)}`,
  );
  const bySet = new Map<string, number>();
  for (const t of tried) {
    const k = JSON.stringify(t.views);
    bySet.set(k, Math.max(bySet.get(k) ?? 0, t.validationDice));
  }
  for (const [k, v] of bySet) console.log(`   ${v.toFixed(4)} ${k}`);
  // Boundary refinements of the best setting's outline.
  const bestProbabilities = val.map((c) =>
    blend(
      m.viewProbabilities(
        { width: c.width, height: c.height, pixels: c.image },
        { x: 0, y: 0, width: c.width, height: c.height },
        best.views,
      ),
      best.priorWeight,
      own,
    ),
  );
  const size = h.config.inputSize;
  for (const [name, refine] of [
    ['holes filled', fillHoles],
    ['convex hull', convexFill],
  ] as const)
    console.log(
      `   best setting, ${name}: ${meanDice(bestProbabilities, val, size, best.threshold, refine).toFixed(4)}`,
    );
  if (models.length === 0) {
    prior = own;
    chosenViews = best.views;
  }
  models.push(m);
}
// Ensembles: every model runs the same views; all passes are averaged, blended with the first model's prior.
if (models.length > 1 && prior) {
  const size = models[0]?.header.config.inputSize ?? 64;
  for (const views of [[plainView], chosenViews]) {
    const passes = val.map((c) =>
      models.flatMap((m) =>
        m.viewProbabilities(
          { width: c.width, height: c.height, pixels: c.image },
          { x: 0, y: 0, width: c.width, height: c.height },
          views,
        ),
      ),
    );
    for (const pw of PRIOR_WEIGHTS)
      for (const th of THRESHOLDS) {
        const p = passes.map((ps) => blend(ps, pw, prior));
        console.log(
          `ensemble of ${models.length}, views ${describeViews(views)} each, prior ${pw}, threshold ${th}: ${meanDice(p, val, size, th).toFixed(4)}`,
        );
      }
  }
}
