/**
 * Paired comparison of image–text model runs on the compare split (the selection part of `train:image-text`: the
 * authors' train file re-split by case with `--seed`, default 7, as training does). Never reads the dev file.
 *
 *   npx tsx scripts/image-text-compare.ts --a DIR[,DIR…] --b DIR[,DIR…] [--metric recall10|rank] [--seed N] [--timing]
 *
 * Each side is one model folder or several (e.g. runs with different `--init-seed`), whose per-query scores are
 * averaged. Per query (both directions, own caption only, as `eval image-text` counts): hit within the first 10
 * ('recall10') or rank percentile ('rank'). Prints each side's mean and the mean difference B − A with a 95 %
 * percentile bootstrap interval that resamples whole cases (the images of one case share a caption, so their
 * queries are not independent), and the share of resamples where B is not better.
 * Sentence vectors (models with `textInput` sentence/both) come from `tmp/image-text-sentences.json` when
 * `train:image-text` cached them there, else from the encoder. `--timing`: also the median time to embed one
 * caption (encoder loaded and warmed up; sentence vectors computed, not cached) with the first model of each side.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { requireDataset } from '../src/app/datasets.js';
import { bootstrapDistribution, percentileInterval } from '../src/ml/metrics.js';
import { seededRandom } from '../src/ml/random.js';
import { loadImageTextModel } from '../src/vision/image-text/model.js';
import { loadPairImages, readPairs, splitByCase } from '../src/vision/image-text/pairs.js';
import { queryScores, retrievalRanks } from '../src/vision/image-text/retrieval.js';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    metric: { type: 'string', default: 'recall10' },
    seed: { type: 'string', default: '7' },
    timing: { type: 'boolean', default: false },
  },
});
if (!values.a || !values.b) throw new Error('usage: --a DIR[,DIR…] --b DIR[,DIR…] [--metric recall10|rank]');
const metric = values.metric === 'rank' ? 'rank' : 'recall10';
const root = requireDataset('images', 'medpix2_captions');
const { held } = splitByCase(
  readPairs(join(root, 'image_captions_train.jsonl')),
  seededRandom(Number(values.seed)),
);
const captions = held.map((p) => p.caption);
const cachePath = join('tmp', 'image-text-sentences.json');
const cache: Record<string, number[]> = existsSync(cachePath)
  ? JSON.parse(readFileSync(cachePath, 'utf8'))
  : {};
const cached = captions.every((c) => cache[c]) ? captions.map((c) => cache[c] as number[]) : undefined;

async function sideScores(dirs: string[]): Promise<number[]> {
  const sum = new Array<number>(2 * held.length).fill(0);
  for (const dir of dirs) {
    const model = loadImageTextModel(dir);
    if (!model) throw new Error(`${dir}: no image–text model`);
    const ie = await model.embedInputs(
      loadPairImages(held, join(root, 'images128'), model.header.config.inputSize),
    );
    const te = await model.embedTexts(captions, cached);
    queryScores(retrievalRanks(ie, te, captions, { strict: true }), metric).forEach((s, i) => {
      sum[i] = (sum[i] as number) + s / dirs.length;
    });
  }
  return sum;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const a = await sideScores(values.a.split(','));
const b = await sideScores(values.b.split(','));
const n = held.length;
const diff = b.map((x, i) => x - (a[i] as number));
const cases = [...held, ...held].map((p) => p.caseId ?? p.image);
const distribution = bootstrapDistribution((s) => mean(s), diff, diff, {
  clusters: cases,
  resamples: 2000,
  seed: 3,
});
const { low, high } = percentileInterval(distribution);
const sides = (s: number[]) =>
  `${mean(s).toFixed(3)} (image→text ${mean(s.slice(0, n)).toFixed(3)}, text→image ${mean(s.slice(n)).toFixed(3)})`;
console.log(`compare split: ${n} pairs, ${new Set(cases).size} cases; metric ${metric}`);
console.log(`A ${sides(a)}`);
console.log(`B ${sides(b)}`);
console.log(
  `B − A ${mean(diff).toFixed(3)} [${low.toFixed(3)}, ${high.toFixed(3)}] (95 % case bootstrap); share of resamples with B − A ≤ 0: ${(distribution.filter((d) => d <= 0).length / distribution.length).toFixed(3)}`,
);

if (values.timing)
  for (const [side, dirs] of [
    ['A', values.a],
    ['B', values.b],
  ] as const) {
    const model = loadImageTextModel(dirs.split(',')[0] as string);
    if (!model) continue;
    for (let i = 0; i < 5; i++) await model.embedTexts([captions[i] as string]);
    const ms: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await model.embedTexts([captions[i % n] as string]);
      ms.push(performance.now() - t);
    }
    ms.sort((x, y) => x - y);
    console.log(
      `${side}: median ms to embed one caption ${(ms[25] as number).toFixed(2)} (text input ${model.header.config.textInput ?? 'tfidf'})`,
    );
  }
