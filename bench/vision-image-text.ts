/**
 * The image–text part of `npm run bench:vision`: retrieval on the MedPix 2.0 dev cases (never used to train or to
 * choose the epoch), with 95 % bootstrap intervals over queries, beside chance; zero-shot modality and body-region
 * accuracy from text prompts beside the majority baseline; embedding time on one core.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { requireDataset } from '../src/app/datasets.js';
import { bootstrap } from '../src/ml/metrics.js';
import { seededRandom } from '../src/ml/random.js';
import { imageTextModelDir, loadImageTextModel } from '../src/vision/image-text/model.js';
import { loadPairImages, readPairs } from '../src/vision/image-text/pairs.js';
import { retrievalRanks } from '../src/vision/image-text/retrieval.js';
import { type ZeroShotResult, zeroShot } from '../src/vision/image-text/zero-shot.js';
import { markdownTable } from './lib/benchmarks-doc.js';

const f3 = (v: number) => v.toFixed(3);
const ci = (e: { value: number; low: number; high: number }) =>
  `${f3(e.value)} [${f3(e.low)}, ${f3(e.high)}]`;
const mean = (xs: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s / Math.max(1, xs.length);
};
const share = (hits: number[]) => bootstrap((s) => mean(s), hits, hits, { seed: 7, resamples: 2000 });

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export async function imageTextBody(): Promise<string> {
  const model = loadImageTextModel();
  if (!model) throw new Error('models/image-text is missing: npm run train:image-text');
  const root = requireDataset('images', 'medpix2_captions');
  const pairs = readPairs(join(root, 'image_captions_dev.jsonl'));
  const inputs = loadPairImages(pairs, join(root, 'images128'), model.header.config.inputSize);
  const ie = await model.embedInputs(inputs);
  const te = await model.embedTexts(pairs.map((p) => p.caption));
  const captions = pairs.map((p) => p.caption);
  const rows: string[][] = [];
  for (const strict of [true, false]) {
    const ranks = retrievalRanks(ie, te, captions, { strict });
    // Chance: the same relevance with random unit embeddings, mean over 20 seeded draws.
    const random = seededRandom(11);
    const chance = { i2t1: 0, i2t10: 0, t2i1: 0, t2i10: 0 };
    for (let d = 0; d < 20; d++) {
      const draw = () =>
        pairs.map(() => {
          const v = Float32Array.from({ length: 8 }, () => random() - 0.5);
          const n = Math.hypot(...v);
          return v.map((x) => x / n);
        });
      const r = retrievalRanks(draw(), draw(), captions, { strict });
      chance.i2t1 += mean(r.i2t.map((x) => (x <= 1 ? 1 : 0))) / 20;
      chance.i2t10 += mean(r.i2t.map((x) => (x <= 10 ? 1 : 0))) / 20;
      chance.t2i1 += mean(r.t2i.map((x) => (x <= 1 ? 1 : 0))) / 20;
      chance.t2i10 += mean(r.t2i.map((x) => (x <= 10 ? 1 : 0))) / 20;
    }
    const at = (rs: number[], k: number) => rs.map((x) => (x <= k ? 1 : 0));
    const relevance = strict ? 'own caption only' : 'identical captions count';
    rows.push([
      `${model.modelId} ${model.modelVersion}`,
      relevance,
      String(pairs.length),
      ci(share(at(ranks.i2t, 1))),
      ci(share(at(ranks.i2t, 10))),
      ci(share(at(ranks.t2i, 1))),
      ci(share(at(ranks.t2i, 10))),
    ]);
    rows.push([
      'chance (random embeddings)',
      relevance,
      String(pairs.length),
      f3(chance.i2t1),
      f3(chance.i2t10),
      f3(chance.t2i1),
      f3(chance.t2i10),
    ]);
  }
  const zsRows: string[][] = [];
  const shots: ZeroShotResult[][] = [];
  for (const e of ie) shots.push(await zeroShot(model, e));
  for (const key of ['modality', 'region'] as const) {
    const hits: number[] = [];
    const counts = new Map<string, number>();
    pairs.forEach((p, i) => {
      const truth = p[key];
      if (!truth) return;
      counts.set(truth, (counts.get(truth) ?? 0) + 1);
      hits.push(shots[i]?.find((s) => s.id === key)?.label === truth ? 1 : 0);
    });
    zsRows.push([
      key === 'modality' ? 'modality (CT / MR)' : 'body region (5 MedPix location categories)',
      String(hits.length),
      ci(share(hits)),
      f3(Math.max(...counts.values()) / hits.length),
    ]);
  }
  const one = inputs[0] as Float32Array;
  for (let i = 0; i < 10; i++) await model.embedInputs([one]);
  const imageMs: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    await model.embedInputs([one]);
    imageMs.push(performance.now() - t);
  }
  const textMs: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    await model.embedTexts([captions[i % captions.length] as string]);
    textMs.push(performance.now() - t);
  }
  const dir = imageTextModelDir();
  const kib = (statSync(join(dir, 'weights.bin')).size + statSync(join(dir, 'model.json')).size) / 1024;
  const training = model.header.training as { split?: string };
  return [
    `Experimental image–text model (MedPix 2.0 CT/MR image–caption pairs; the data licence is not stated upstream). Split: ${training.split ?? 'see the model card'}. Reported on image_captions_dev.jsonl: 197 pairs of 67 cases that no training pair shares. Retrieval among all pairs of the file; 95 % percentile bootstrap intervals over queries (2,000 resamples). Relevance: by default (as \`healthgpt eval image-text\` counts) only the pair's own item is a correct answer; MedPix gives the images of one case one caption, so the second counting (\`--identical-captions\`) also accepts any item with the identical caption text, and its chance level is much higher. Chance: the same counting with random embeddings (mean of 20 draws).`,
    '',
    markdownTable(
      ['model', 'relevance', 'n', 'image→text R@1', 'image→text R@10', 'text→image R@1', 'text→image R@10'],
      rows,
    ),
    '',
    'Target (issue 20): recall@10 ≥ 0.30 in both directions on unseen pairs.',
    '',
    'Zero-shot labels from text prompts (`src/vision/image-text/zero-shot.ts`), dev images, against the `Type` and `Location Category` fields of the rows; the majority baseline always answers the most common label. The finding prompts have no labels in any data set here and are not measured.',
    '',
    markdownTable(['label set', 'n', 'accuracy [95 % CI]', 'majority baseline'], zsRows),
    '',
    markdownTable(
      [
        'model',
        'ms / image embedding (median, one image)',
        'ms / text embedding (median)',
        'weights + header KiB',
      ],
      [[model.modelVersion, median(imageMs).toFixed(2), median(textMs).toFixed(2), kib.toFixed(0)]],
    ),
  ].join('\n');
}
