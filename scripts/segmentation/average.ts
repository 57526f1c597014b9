/**
 * Snapshot averaging: averages the network weights a `--keep-epochs` run saved for the epochs given, keeps the run's
 * mean outline, and writes a model folder (the choice of epochs is made on the validation split with compare.ts):
 *   tsx scripts/segmentation/average.ts --run /tmp/seg/runB --epochs 8-14 --out /tmp/seg/avgB
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readFloat32Tensors, readModelJson, writeFloat32Tensors } from '../../src/ml/model-file.js';
import { SEGMENTATION_FORMAT, type SegmentationModelFile } from '../../src/vision/segmentation/model.js';
import { averageWeights } from './weights.js';

const { values: args } = parseArgs({
  options: { run: { type: 'string' }, epochs: { type: 'string' }, out: { type: 'string' } },
});
if (!args.run || !args.epochs || !args.out)
  throw new Error('usage: average.ts --run DIR --epochs FIRST-LAST --out DIR');
const [first, last] = args.epochs.split('-').map(Number) as [number, number];
if (!Number.isInteger(first) || !Number.isInteger(last) || last < first)
  throw new Error(`--epochs must be FIRST-LAST, not ${args.epochs}`);
const run = resolve(args.run);
const header = readModelJson<SegmentationModelFile>(join(run, 'model.json'), SEGMENTATION_FORMAT);
const network = header.tensors.filter((t) => t.name !== 'meanOutline');
const snapshots: Map<string, Float32Array>[] = [];
for (let e = first; e <= last; e++)
  snapshots.push(readFloat32Tensors(join(run, `epoch-${e}`, 'weights.bin'), network));
const sum = averageWeights(snapshots);
const meanOutline = readFloat32Tensors(join(run, 'weights.bin'), header.tensors).get('meanOutline');
if (!meanOutline) throw new Error(`${run}: no meanOutline tensor`);
sum.set('meanOutline', meanOutline);
const out = resolve(args.out);
mkdirSync(out, { recursive: true });
const averaged: SegmentationModelFile = {
  ...header,
  training: {
    ...header.training,
    averagedEpochs: args.epochs,
    averagedFrom: args.run,
    averagedOut: args.out,
  },
};
writeFileSync(join(out, 'model.json'), `${JSON.stringify(averaged, null, 2)}\n`);
writeFloat32Tensors(join(out, 'weights.bin'), header.tensors, sum);
copyFileSync(join(run, 'MODEL_CARD.md'), join(out, 'MODEL_CARD.md'));
console.log(`averaged epochs ${args.epochs} of ${run} into ${out}`);
