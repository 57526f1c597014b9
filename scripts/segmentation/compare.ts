/** VALIDATION-only comparison of trained model folders: tsx scripts/segmentation/compare.ts DIR [DIR...] */
import { join, resolve } from 'node:path';
import { readFloat32Tensors, readModelJson } from '../../src/ml/model-file.js';
import { tfReady } from '../../src/vision/nn/backend.js';
import { loadCase, readSegmentationSet, splitByPatient } from '../../src/vision/segmentation/data.js';
import {
  blend,
  SEGMENTATION_FORMAT,
  type SegmentationModelFile,
  UnetSegmenter,
} from '../../src/vision/segmentation/model.js';
import { choosePostprocess, meanDice } from '../../src/vision/segmentation/tune.js';

await tfReady();
const dataDir = join(
  process.env.HEALTHGPT_DATA_DIR ?? resolve('..', 'shared', 'data'),
  'images',
  'ddti_thyroid',
);
const split = splitByPatient(readSegmentationSet(dataDir), 1);
const val = split.validation.map(loadCase);
const ens: Float32Array[][] = [];
let prior: Float32Array | undefined;
for (const d of process.argv.slice(2)) {
  const h = readModelJson<SegmentationModelFile>(join(d, 'model.json'), SEGMENTATION_FORMAT);
  const w = readFloat32Tensors(join(d, 'weights.bin'), h.tensors);
  prior = w.get('meanOutline') as Float32Array;
  const m = new UnetSegmenter(
    { ...h, threshold: 0.5, postprocess: { flipAverage: false, priorWeight: 0 } },
    w,
  );
  const t0 = performance.now();
  const { best, tried } = choosePostprocess(m, prior, val);
  console.log(
    `${d}: ${((performance.now() - t0) / 1000).toFixed(0)} s; plain@0.5 ${tried[0]?.validationDice.toFixed(4)}; best ${JSON.stringify(best)}`,
  );
  const bySet = new Map<string, number>();
  for (const t of tried) {
    const k = JSON.stringify(t.views);
    bySet.set(k, Math.max(bySet.get(k) ?? 0, t.validationDice));
  }
  for (const [k, v] of bySet) console.log(`   ${v.toFixed(4)} ${k}`);
  ens.push(
    val.map(
      (c) =>
        m.viewProbabilities(
          { width: c.width, height: c.height, pixels: c.image },
          { x: 0, y: 0, width: c.width, height: c.height },
          [{ scale: 1, flip: false }],
        )[0] as Float32Array,
    ),
  );
}
if (ens.length > 1) {
  for (const pw of [0, 0.15, 0.3])
    for (const th of [0.5, 0.6]) {
      const p = val.map((_, k) =>
        blend(
          ens.map((e) => e[k] as Float32Array),
          pw,
          prior,
        ),
      );
      console.log(`ensemble plain passes pw ${pw} th ${th}: ${meanDice(p, val, 64, th).toFixed(4)}`);
    }
}
