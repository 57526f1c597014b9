/**
 * Patient-grouped k-fold cross-validation of the post-processing (issue 19), on the train + validation patients only:
 *   npx tsx scripts/segmentation/cross-validate.ts --folds /tmp/seg/cv/fold-{1..N} [--json OUT]
 * Each fold folder is a network trained with `train:segmentation --fold k/N` (it never saw fold k's patients nor the
 * test patients). Every train + validation crop is segmented by the network that did not see its patient, with that
 * network's own mean outline as the prior; each post-processing setting (test-time views × prior weight × threshold ×
 * hole filling) is scored by mean Dice over these out-of-fold crops at crop resolution, and compared with the
 * committed model's setting by a paired patient-cluster bootstrap and by the number of folds it wins. The test split is
 * never read. Adoption rule (fixed before the run): a setting replaces the committed one only when it is the best
 * out-of-fold, its 95 % paired interval of the Dice gain lies above 0 and it wins in at least N − 1 of the N folds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bootstrap } from '../../src/ml/metrics.js';
import { readFloat32Tensors, readModelJson } from '../../src/ml/model-file.js';
import { tfReady } from '../../src/vision/nn/backend.js';
import { loadCase, readSegmentationSet } from '../../src/vision/segmentation/data.js';
import { type BinaryMask, dice, fillHoles, largestComponent } from '../../src/vision/segmentation/metrics.js';
import {
  blend,
  SEGMENTATION_FORMAT,
  type SegmentationModelFile,
  type SegmentationView,
  UnetSegmenter,
  viewKey,
  viewsOf,
} from '../../src/vision/segmentation/model.js';
import { mapToRoi } from '../../src/vision/segmentation/roi.js';
import { describeViews } from './model-card.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    folds: { type: 'string', multiple: true },
    committed: { type: 'string', default: 'models/segmentation/thyroid' },
    json: { type: 'string' },
    // When the adoption rule holds, write the chosen setting into this model folder's model.json (then re-score the
    // test patients with `npm run train:segmentation -- --finish-only`).
    apply: { type: 'boolean', default: false },
    // Score the folds given even when they do not cover every train + validation patient (e.g. 4 of 5 trained).
    partial: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const foldDirs = [...(args.folds ?? [])];
if (foldDirs.length < 2) throw new Error('give at least two --folds folders (train:segmentation --fold k/N)');
const dataDir =
  args.data ??
  join(process.env.HEALTHGPT_DATA_DIR ?? resolve('..', 'shared', 'data'), 'images', 'ddti_thyroid');
await tfReady();

const committed = readModelJson<SegmentationModelFile>(
  join(resolve(args.committed ?? ''), 'model.json'),
  SEGMENTATION_FORMAT,
);
const testPatients = new Set(committed.split.testPatients);

const v = (scale: number, flip: boolean): SegmentationView => ({ scale, flip });
/** View sets tried: the committed one first, then simpler and larger ones (at most 4 views: ≤ 30 ms per frame). */
const VIEW_SETS: readonly (readonly SegmentationView[])[] = [
  viewsOf(committed.postprocess),
  [v(1, false)],
  [v(1, false), v(1, true)],
  [v(1, false), v(0.9, true)],
  [v(0.9, false), v(0.9, true)],
  [v(1, false), v(1, true), v(0.85, true)],
  [v(1, false), v(1, true), v(0.85, false), v(0.85, true)],
  [v(1, false), v(1, true), v(0.9, false), v(0.9, true)],
];
const PRIOR_WEIGHTS = [0, 0.15, 0.3];
const THRESHOLDS = [0.4, 0.45, 0.5, 0.55, 0.6];
const REFINES = ['largest region', 'largest region + holes filled'] as const;
const allViews = [...new Map(VIEW_SETS.flat().map((x) => [viewKey(x), x])).values()];

interface Scored {
  readonly id: string;
  readonly patient: string;
  readonly fold: number;
  readonly width: number;
  readonly height: number;
  readonly mask: Uint8Array;
  readonly byView: Map<string, Float32Array>;
  readonly prior: Float32Array;
}

// Out-of-fold network outputs for every view of every train + validation crop.
const cases = readSegmentationSet(dataDir);
const scored: Scored[] = [];
const size = committed.config.inputSize;
const foldPatients = new Map<string, number>();
for (const [f, dir] of foldDirs.entries()) {
  const h = readModelJson<SegmentationModelFile>(join(resolve(dir), 'model.json'), SEGMENTATION_FORMAT);
  const info = h.training.fold as { k: number; n: number; heldOutPatients: string[] } | undefined;
  if (!info) throw new Error(`${dir} was not trained with --fold`);
  if (h.config.inputSize !== size) throw new Error(`${dir}: input ${h.config.inputSize}, not ${size}`);
  for (const p of info.heldOutPatients) {
    if (testPatients.has(p)) throw new Error(`${dir} holds out test patient ${p}`);
    if (foldPatients.has(p)) throw new Error(`patient ${p} is held out by two folds`);
    foldPatients.set(p, f + 1);
  }
  const w = readFloat32Tensors(join(resolve(dir), 'weights.bin'), h.tensors);
  const prior = w.get('meanOutline') as Float32Array;
  const model = new UnetSegmenter(
    { ...h, threshold: 0.5, postprocess: { flipAverage: false, priorWeight: 0 } },
    w,
  );
  const held = new Set(info.heldOutPatients);
  for (const c of cases.filter((x) => held.has(x.patient)).map(loadCase)) {
    const out = model.viewProbabilities(
      { width: c.width, height: c.height, pixels: c.image },
      { x: 0, y: 0, width: c.width, height: c.height },
      allViews,
    );
    scored.push({
      id: c.id,
      patient: c.patient,
      fold: f + 1,
      width: c.width,
      height: c.height,
      mask: c.mask,
      byView: new Map(allViews.map((x, i) => [viewKey(x), out[i] as Float32Array])),
      prior,
    });
  }
  console.log(`fold ${info.k}/${info.n} (${dir}): ${held.size} patients held out`);
}
const uncovered = cases.filter((c) => !testPatients.has(c.patient) && !foldPatients.has(c.patient));
if (uncovered.length > 0 && !args.partial)
  throw new Error(
    `${uncovered.length} train + validation crops are in no fold given (--partial scores the rest)`,
  );
if (uncovered.length > 0)
  console.log(`partial: ${uncovered.length} train + validation crops are in no fold given`);

interface Setting {
  readonly views: readonly SegmentationView[];
  readonly priorWeight: number;
  readonly threshold: number;
  readonly refine: (typeof REFINES)[number];
}
const label = (s: Setting) =>
  `${describeViews(s.views)}, prior ${s.priorWeight}, threshold ${s.threshold}, ${s.refine}`;

// Per-crop Dice of every setting (the crop-resolution map depends on views and prior only).
const results: { setting: Setting; perCase: Float64Array }[] = [];
for (const views of VIEW_SETS)
  for (const priorWeight of PRIOR_WEIGHTS) {
    const rows = THRESHOLDS.flatMap((threshold) =>
      REFINES.map((refine) => ({
        setting: { views, priorWeight, threshold, refine },
        perCase: new Float64Array(scored.length),
      })),
    );
    scored.forEach((c, k) => {
      const p = blend(
        views.map((x) => c.byView.get(viewKey(x)) as Float32Array),
        priorWeight,
        c.prior,
      );
      const map = mapToRoi(p, size, { x: 0, y: 0, width: c.width, height: c.height }).pixels;
      const truth: BinaryMask = { width: c.width, height: c.height, data: c.mask };
      for (const threshold of THRESHOLDS) {
        const data = new Uint8Array(map.length);
        for (let i = 0; i < data.length; i++) data[i] = (map[i] as number) > threshold ? 1 : 0;
        const region = largestComponent({ width: c.width, height: c.height, data });
        for (const r of rows.filter((x) => x.setting.threshold === threshold))
          r.perCase[k] = dice(r.setting.refine === 'largest region' ? region : fillHoles(region), truth);
      }
    });
    results.push(...rows);
  }

const mean = (xs: ArrayLike<number>) => {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i] as number;
  return total / xs.length;
};
const current = results[
  results.findIndex(
    (r) =>
      r.setting.views === VIEW_SETS[0] &&
      r.setting.priorWeight === (committed.postprocess?.priorWeight ?? 0) &&
      r.setting.threshold === committed.threshold &&
      r.setting.refine === 'largest region',
  )
] as (typeof results)[number];
if (!current) throw new Error('the committed setting is not on the grid');
const folds = [...new Set(scored.map((c) => c.fold))].sort((a, b) => a - b);
const patients = scored.map((c) => c.patient);
const compare = (r: (typeof results)[number]) => {
  const diff = Array.from(r.perCase, (d, k) => d - (current.perCase[k] as number));
  const gain = bootstrap((xs) => mean(xs), diff, diff, { clusters: patients, resamples: 2000, seed: 19 });
  const byFold = folds.map((f) => {
    const idx = scored.flatMap((c, k) => (c.fold === f ? [k] : []));
    return mean(idx.map((k) => diff[k] as number));
  });
  return { dice: mean(r.perCase), gain, foldsWon: byFold.filter((g) => g > 0).length, byFold };
};
const ranked = results.map((r) => ({ r, dice: mean(r.perCase) })).sort((a, b) => b.dice - a.dice);
const best = ranked[0]?.r as (typeof results)[number];
const bestCmp = compare(best);
const adopt = best !== current && bestCmp.gain.low > 0 && bestCmp.foldsWon >= folds.length - 1;

console.log(
  `${scored.length} out-of-fold crops, ${new Set(patients).size} patients, ${folds.length} folds; ${results.length} settings`,
);
console.log(`committed setting: ${label(current.setting)}: Dice ${mean(current.perCase).toFixed(4)}`);
console.log('best 12 out of fold (Dice, gain over committed [95 % patient bootstrap], folds won):');
for (const { r } of ranked.slice(0, 12)) {
  const c = compare(r);
  console.log(
    `  ${c.dice.toFixed(4)}  ${c.gain.value >= 0 ? '+' : ''}${c.gain.value.toFixed(4)} [${c.gain.low.toFixed(4)}, ${c.gain.high.toFixed(4)}]  ${c.foldsWon}/${folds.length}  ${label(r.setting)}`,
  );
}
// The best of each single change from the committed setting (one factor at a time).
const isCommitted = (s: Setting) => s === current.setting;
const oneFactor = (pick: (s: Setting) => boolean) =>
  ranked.find(({ r }) => pick(r.setting) && !isCommitted(r.setting))?.r;
const c0 = current.setting;
const singles = {
  threshold: oneFactor(
    (s) => s.views === c0.views && s.priorWeight === c0.priorWeight && s.refine === c0.refine,
  ),
  priorWeight: oneFactor(
    (s) => s.views === c0.views && s.threshold === c0.threshold && s.refine === c0.refine,
  ),
  views: oneFactor(
    (s) => s.priorWeight === c0.priorWeight && s.threshold === c0.threshold && s.refine === c0.refine,
  ),
  holesFilled: oneFactor(
    (s) =>
      s.views === c0.views &&
      s.priorWeight === c0.priorWeight &&
      s.threshold === c0.threshold &&
      s.refine !== c0.refine,
  ),
};
console.log('best single change from the committed setting:');
for (const [k, r] of Object.entries(singles)) {
  if (!r) continue;
  const c = compare(r);
  console.log(
    `  ${k}: ${c.dice.toFixed(4)}  ${c.gain.value >= 0 ? '+' : ''}${c.gain.value.toFixed(4)} [${c.gain.low.toFixed(4)}, ${c.gain.high.toFixed(4)}]  ${c.foldsWon}/${folds.length}  ${label(r.setting)}`,
  );
}
console.log(
  `decision: ${adopt ? `adopt ${label(best.setting)}` : 'keep the committed setting'} (best out of fold: gain ${bestCmp.gain.value.toFixed(4)} [${bestCmp.gain.low.toFixed(4)}, ${bestCmp.gain.high.toFixed(4)}], ${bestCmp.foldsWon}/${folds.length} folds)`,
);
if (args.json) {
  const row = (r: (typeof results)[number]) => {
    const c = compare(r);
    return {
      setting: { ...r.setting, views: r.setting.views },
      dice: Number(c.dice.toFixed(4)),
      gain: {
        value: Number(c.gain.value.toFixed(4)),
        low: Number(c.gain.low.toFixed(4)),
        high: Number(c.gain.high.toFixed(4)),
      },
      foldsWon: c.foldsWon,
    };
  };
  writeFileSync(
    args.json,
    `${JSON.stringify(
      {
        command: `npx tsx scripts/segmentation/cross-validate.ts ${foldDirs.map((d) => `--folds ${d}`).join(' ')}`,
        crops: scored.length,
        uncoveredCrops: uncovered.length,
        patients: new Set(patients).size,
        folds: folds.length,
        foldTraining: readModelJson<SegmentationModelFile>(
          join(resolve(foldDirs[0] as string), 'model.json'),
          SEGMENTATION_FORMAT,
        ).training.optimiser,
        settings: results.length,
        committed: row(current),
        best: row(best),
        top: ranked.slice(0, 12).map(({ r }) => row(r)),
        singleChanges: Object.fromEntries(
          Object.entries(singles).flatMap(([k, r]) => (r ? [[k, row(r)]] : [])),
        ),
        adopt,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`wrote ${args.json}`);
}

if (args.apply && adopt) {
  const file = join(resolve(args.committed ?? ''), 'model.json');
  const header = JSON.parse(readFileSync(file, 'utf8')) as SegmentationModelFile;
  const s = best.setting;
  if (s.refine !== 'largest region') throw new Error('hole filling is not a model-file setting yet');
  const oldLabel = label(current.setting);
  const foldInfo = readModelJson<SegmentationModelFile>(
    join(resolve(foldDirs[0] as string), 'model.json'),
    SEGMENTATION_FORMAT,
  ).training;
  const updated: SegmentationModelFile = {
    ...header,
    threshold: s.threshold,
    postprocess: {
      flipAverage: s.views.length === 2 && s.views.every((x) => x.scale === 1),
      priorWeight: s.priorWeight,
      views: s.views,
    },
    training: {
      ...header.training,
      postprocessChoice: `chosen by ${folds.length}-fold patient-grouped cross-validation on the training + validation patients (${scored.length} crops, ${new Set(patients).size} patients; each fold's network trained from scratch for ${String(foldInfo.fixedEpochs)} epochs on the other folds, \`scripts/segmentation/cross-validate.ts\`) among ${results.length} settings; out-of-fold Dice ${mean(current.perCase).toFixed(4)} for the earlier validation-chosen setting (${oldLabel}) → ${bestCmp.dice.toFixed(4)}, paired gain ${bestCmp.gain.value.toFixed(4)} [${bestCmp.gain.low.toFixed(4)}, ${bestCmp.gain.high.toFixed(4)}], ${bestCmp.foldsWon} of ${folds.length} folds won`,
    },
  };
  writeFileSync(file, `${JSON.stringify(updated, null, 2)}\n`);
  console.log(`applied to ${file}; now: npm run train:segmentation -- --finish-only`);
}
