/**
 * How far can image–text retrieval on MedPix 2.0 get by matching only what kind of image it is? An analysis of the
 * image–text model's compare split (the "selection part" of `train:image-text`: the authors' train file re-split by
 * case with the same seed), not a model:
 *
 *   npx tsx scripts/image-text-ceiling.ts [--seed 7] [--json]
 *
 * Each pair gets four labels from the MedPix rows: modality (CT / MR), body region (5 location categories), plane
 * (axial, coronal, sagittal, other) and contrast / sequence (CT plain or contrast; MR T2, T1, T1 with gadolinium,
 * FLAIR, other). Both sides are then one-hot label vectors ("both sides read perfectly"), or the image side keeps the
 * true labels while the caption's labels are read by a logistic regression on the model's own TF-IDF terms, fitted on
 * the fit part ("image read perfectly, caption read from its words"). Retrieval among all compare pairs, only the
 * pair's own item relevant (as `healthgpt eval image-text`); ties are broken at random and the expected recall is
 * reported, so identical label vectors count as a lottery, not as a loss.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { requireDataset } from '../src/app/datasets.js';
import { seededRandom } from '../src/ml/random.js';
import { type ImageCaptionPair, readPairs, splitByCase } from '../src/vision/image-text/pairs.js';
import { buildVocabulary, textFeatures, vocabularyIndex } from '../src/vision/image-text/text-features.js';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '7' }, json: { type: 'boolean', default: false } },
});

const REGIONS = ['Head', 'Thorax', 'Abdomen', 'Spine and Muscles', 'Reproductive and Urinary System'];
const PLANES: Readonly<Record<string, number>> = { Axial: 0, Transverse: 0, Coronal: 1, Sagittal: 2 };

/** Label groups: name, class count, the class of a pair (−1: unknown). */
const GROUPS: readonly { name: string; k: number; of: (p: ImageCaptionPair) => number }[] = [
  { name: 'modality', k: 2, of: (p) => ['CT', 'MR'].indexOf(p.modality ?? '') },
  { name: 'region', k: 5, of: (p) => REGIONS.indexOf(p.region ?? '') },
  { name: 'plane', k: 4, of: (p) => (p.plane ? (PLANES[p.plane] ?? 3) : -1) },
  {
    name: 'sequence',
    k: 7,
    of: (p) => {
      const m = p.modalityDetail ?? '';
      if (m.startsWith('CT - noncontrast')) return 0;
      if (m.startsWith('CT w/contrast') || m.startsWith('CT - GI') || m.startsWith('CTA')) return 1;
      if (m.startsWith('MR - T2 weighted')) return 2;
      if (m.startsWith('MR - T1W - noncontrast')) return 3;
      if (m.startsWith('MR - T1W w/G')) return 4;
      if (m.startsWith('MR - FLAIR')) return 5;
      if (m.startsWith('MR') && !m.includes('Montage') && m !== 'MR' && m !== 'MRI') return 6;
      return -1;
    },
  },
];

const root = requireDataset('images', 'medpix2_captions');
const all = readPairs(join(root, 'image_captions_train.jsonl'));
const { fit, held } = splitByCase(all, seededRandom(Number(values.seed)));
const vocabulary = buildVocabulary(
  fit.map((p) => p.caption),
  1200,
);
const index = vocabularyIndex(vocabulary);
/** Sparse TF-IDF rows (scaled ×5 so plain gradient descent moves at a useful pace). */
const sparse = (p: ImageCaptionPair) => {
  const row = textFeatures(p.caption, vocabulary, index);
  const out: [number, number][] = [];
  row.forEach((v, i) => {
    if (v !== 0) out.push([i, v * 5]);
  });
  return out;
};
const fitRows = fit.map(sparse);
const heldRows = held.map(sparse);

const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

/** Multinomial logistic regression (L2 1e-3, 300 full-batch gradient steps of size 1) on the fit captions. */
function textClassifier(k: number, labels: number[]): (row: [number, number][]) => number[] {
  const v = vocabulary.terms.length;
  const w = new Float64Array(v * k);
  const b = new Float64Array(k);
  const rows = fitRows.filter((_, i) => (labels[i] as number) >= 0);
  const ys = labels.filter((y) => y >= 0);
  const logits = (row: [number, number][]) =>
    Array.from({ length: k }, (_, c) =>
      row.reduce((s, [i, x]) => s + x * (w[i * k + c] as number), b[c] as number),
    );
  for (let it = 0; it < 300; it++) {
    const gw = new Float64Array(v * k);
    const gb = new Float64Array(k);
    rows.forEach((row, r) => {
      const p = softmax(logits(row));
      for (let c = 0; c < k; c++) {
        const d = ((p[c] as number) - (c === ys[r] ? 1 : 0)) / rows.length;
        gb[c] = (gb[c] as number) + d;
        for (const [i, x] of row) gw[i * k + c] = (gw[i * k + c] as number) + d * x;
      }
    });
    for (let j = 0; j < w.length; j++)
      w[j] = (w[j] as number) - ((gw[j] as number) + 1e-3 * (w[j] as number));
    for (let c = 0; c < k; c++) b[c] = (b[c] as number) - (gb[c] as number);
  }
  return (row) => softmax(logits(row));
}

const oneHot = (k: number, y: number) => Array.from({ length: k }, (_, c) => (c === y ? 1 : 0));

/**
 * Expected recall@k in both directions with random tie-breaking: with g others scoring above the own item and e
 * tied with it, the own item's rank is uniform on g+1 … g+e+1.
 */
function expectedRecall(image: number[][], text: number[][], k: number) {
  const n = image.length;
  const score = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
  const sim = image.map((a) => text.map((b) => score(a, b)));
  const hit = (row: (j: number) => number, i: number) => {
    const own = row(i);
    let above = 0;
    let tied = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const s = row(j);
      if (s > own + 1e-9) above++;
      else if (s >= own - 1e-9) tied++;
    }
    return Math.max(0, Math.min(tied + 1, k - above)) / (tied + 1);
  };
  let i2t = 0;
  let t2i = 0;
  for (let i = 0; i < n; i++) {
    i2t += hit((j) => sim[i]?.[j] as number, i);
    t2i += hit((j) => sim[j]?.[i] as number, i);
  }
  return { i2t_recall_at_10: i2t / n, t2i_recall_at_10: t2i / n };
}

const captionAccuracy: Record<string, number> = {};
const readers = GROUPS.map((g) => {
  const classify = textClassifier(
    g.k,
    fit.map((p) => g.of(p)),
  );
  const known = held.map((p, i) => [g.of(p), i] as const).filter(([y]) => y >= 0);
  const correct = known.filter(([y, i]) => {
    const p = classify(heldRows[i] as [number, number][]);
    return p.indexOf(Math.max(...p)) === y;
  }).length;
  captionAccuracy[g.name] = correct / Math.max(1, known.length);
  return classify;
});

const rows: { labels: string; captions: string; i2t_recall_at_10: number; t2i_recall_at_10: number }[] = [];
for (const count of [2, 3, 4]) {
  const groups = GROUPS.slice(0, count);
  const names = groups.map((g) => g.name).join(' + ');
  const truth = held.map((p) => groups.flatMap((g) => oneHot(g.k, g.of(p))));
  rows.push({ labels: names, captions: 'true labels', ...expectedRecall(truth, truth, 10) });
  const read = heldRows.map((row) =>
    groups.flatMap((_, gi) => (readers[gi] as (r: typeof row) => number[])(row)),
  );
  rows.push({ labels: names, captions: 'read from words', ...expectedRecall(truth, read, 10) });
}

const result = { split: `compare split, seed ${values.seed}`, n: held.length, captionAccuracy, rows };
if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`${result.split}: ${result.n} pairs`);
  console.log(
    `caption label accuracy (logistic regression on TF-IDF): ${Object.entries(captionAccuracy)
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join(', ')}`,
  );
  for (const r of rows)
    console.log(
      `${r.labels.padEnd(38)} image: true labels, caption: ${r.captions.padEnd(16)} R@10 i2t ${r.i2t_recall_at_10.toFixed(3)} t2i ${r.t2i_recall_at_10.toFixed(3)}`,
    );
}
