/**
 * Trains the experimental image–text model on MedPix 2.0 image–caption pairs and writes `models/image-text/`.
 *
 *   npm run train:image-text -- [--method cca|contrastive] [--cca-rx X] [--cca-ry X] [--cca-dim N] [--cca-power X]
 *     [--seed N] [--epochs N] [--batch N] [--size PX] [--max-minutes M] [--out DIR]
 *     [--encoder features|cnn] [--hidden N] [--vocab N] [--dropout X] [--wd X] [--aux-weight X] [--lr X]
 *     [--keep final|best] [--text-input tfidf|sentence|both] [--sentence-weight X] [--soft-alpha X]
 *     [--soft-tau X] [--skip-dev] [--init-seed N]
 *     [--sentence-standardise] [--text-dropout X] [--descriptors 1|2]
 *
 * Splits: the authors' case-disjoint `image_captions_train.jsonl` is split again by case (seeded, 10 % of cases) into
 * fit and selection parts; the final weights of the cosine schedule are kept (`--keep best`: the epoch with the best
 * selection-part mean rank), the selection part compares configurations and the consistency check's logistic fit
 * is made there. `image_captions_dev.jsonl` (67 other cases) is reported; the script never chooses on it (the
 * defaults were chosen on the selection part, though the dev numbers of earlier configurations were seen).
 * The authors' test split is not in this repository (it is the hidden hold-out).
 *
 * `--method cca` (the default) fits both towers in closed form: regularised canonical correlation analysis between the
 * standardised image descriptors and the caption TF-IDF rows of the fit part (`src/vision/image-text/cca.ts`), each
 * canonical direction weighted by its correlation squared; the linear maps are stored exactly in the two-layer tower
 * shapes, and the similarity scale is the InfoNCE optimum on the fit pairs. On three compare splits (`--seed` 7, 8,
 * 9) it beat the contrastive towers (`--method contrastive`, the earlier default, trained by symmetric InfoNCE with
 * the options below); the settings (ridge 3 and 3 times the mean variance, 128 directions, power 2) were chosen there.
 *
 * `--descriptors 2` (the default since the third round) feeds the 'features' tower descriptor set 2 (set 1 plus a
 * histogram pyramid and a gradient-magnitude map, `image-features.ts`); `--descriptors 1` gives the earlier inputs.
 *
 * `--text-input sentence|both` feeds the text tower the frozen Universal Sentence Encoder lite vector of each caption
 * (alone or after the TF-IDF row; `sentence-input.ts`); the vectors are cached in `tmp/image-text-sentences.json`
 * (ignored by git: they are derived from the captions). `--soft-alpha A` mixes a share A of softened InfoNCE targets
 * into the hard ones: within a batch, softmax(caption–caption sentence-vector cosine / `--soft-tau`), so captions of
 * near-identical meaning count as partial positives. `--skip-dev` leaves the dev file out (for configuration runs,
 * which choose on the selection part only).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { requireDataset } from '../src/app/datasets.js';
import { ENCODER_ID } from '../src/guidelines/embeddings.js';
import { seededRandom, shuffledIndices } from '../src/ml/random.js';
import { canonicalCorrelation, linearAsTwoLayer } from '../src/vision/image-text/cca.js';
import {
  type ImageTextConfig,
  imageTextShapes,
  initialImageTextWeights,
} from '../src/vision/image-text/config.js';
import { type DescriptorSet, featureCount, imageFeatures } from '../src/vision/image-text/image-features.js';
import {
  IMAGE_TEXT_FORMAT,
  ImageTextModel,
  type ImageTextModelFile,
  imageTextModelDir,
  writeImageTextModel,
} from '../src/vision/image-text/model.js';
import {
  auxLogits,
  featureTower,
  imageTower,
  logitScale,
  textTower,
} from '../src/vision/image-text/network.js';
import {
  type ImageCaptionPair,
  loadPairImages,
  readPairs,
  splitByCase,
} from '../src/vision/image-text/pairs.js';
import { retrievalMetrics, retrievalRanks } from '../src/vision/image-text/retrieval.js';
import {
  sentenceVectors,
  type TextInputKind,
  textInputRow,
  textInputSize,
} from '../src/vision/image-text/sentence-input.js';
import { buildVocabulary, textFeatures, vocabularyIndex } from '../src/vision/image-text/text-features.js';
import { zeroShotAccuracy } from '../src/vision/image-text/zero-shot-eval.js';
import { tf, tfReady } from '../src/vision/nn/backend.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '7' },
    epochs: { type: 'string', default: '25' },
    batch: { type: 'string', default: '128' },
    size: { type: 'string', default: '64' },
    lr: { type: 'string', default: '0.002' },
    'max-minutes': { type: 'string', default: '25' },
    'aux-weight': { type: 'string', default: '1' },
    vocab: { type: 'string', default: '1200' },
    encoder: { type: 'string', default: 'features' },
    wd: { type: 'string', default: '0.0003' },
    dropout: { type: 'string', default: '0.2' },
    hidden: { type: 'string', default: '384' },
    keep: { type: 'string', default: 'final' },
    'text-input': { type: 'string', default: 'tfidf' },
    'sentence-weight': { type: 'string', default: '1' },
    'soft-alpha': { type: 'string', default: '0' },
    'soft-tau': { type: 'string', default: '0.05' },
    'skip-dev': { type: 'boolean', default: false },
    'sentence-standardise': { type: 'boolean', default: false },
    'text-dropout': { type: 'string', default: '0' },
    'init-seed': { type: 'string' },
    method: { type: 'string', default: 'cca' },
    'cca-rx': { type: 'string', default: '3' },
    'cca-ry': { type: 'string', default: '3' },
    'cca-dim': { type: 'string', default: '128' },
    'cca-power': { type: 'string', default: '2' },
    descriptors: { type: 'string', default: '2' },
    out: { type: 'string' },
  },
});
const encoder = values.encoder === 'cnn' ? 'cnn' : 'features';
const seed = Number(values.seed);
const epochs = Number(values.epochs);
const batchSize = Number(values.batch);
const size = Number(values.size);
const learningRate = Number(values.lr);
const maxMs = Number(values['max-minutes']) * 60_000;
const auxWeight = Number(values['aux-weight']);
const dropout = Number(values.dropout);
const textInput = values['text-input'] as TextInputKind;
if (!['tfidf', 'sentence', 'both'].includes(textInput))
  throw new Error('--text-input: tfidf, sentence or both');
const softAlpha = Number(values['soft-alpha']);
const softTau = Number(values['soft-tau']);
const skipDev = values['skip-dev'] === true;
const textDropout = Number(values['text-dropout']);
const method = values.method === 'contrastive' ? 'contrastive' : 'cca';
if (!['cca', 'contrastive'].includes(values.method as string))
  throw new Error('--method: cca or contrastive');
if (
  method === 'cca' &&
  (encoder !== 'features' ||
    textInput !== 'tfidf' ||
    Number(values['text-dropout']) !== 0 ||
    Number(values['soft-alpha']) !== 0)
)
  throw new Error(
    '--method cca takes --encoder features, --text-input tfidf and no text dropout or soft targets (add --method contrastive)',
  );
const ccaDim = Number(values['cca-dim']);
const descriptorSet = Number(values.descriptors) as DescriptorSet;
if (descriptorSet !== 1 && descriptorSet !== 2) throw new Error('--descriptors: 1 or 2');
const FEATURE_COUNT = featureCount(descriptorSet);
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

await tfReady();
const root = requireDataset('images', 'medpix2_captions');
const imagesDir = join(root, 'images128');
const all = readPairs(join(root, 'image_captions_train.jsonl'));
const dev = skipDev ? [] : readPairs(join(root, 'image_captions_dev.jsonl'));
let random = seededRandom(seed);
const { fit, held: select, heldCases } = splitByCase(all, random);
// `--init-seed`: another initialisation and batch order on the same case split.
if (values['init-seed'] !== undefined) random = seededRandom(Number(values['init-seed']));
log(`pairs: fit ${fit.length}, selection ${select.length} (${heldCases} cases), dev ${dev.length}`);

const modalities = ['CT', 'MR'];
const regions = ['Head', 'Thorax', 'Abdomen', 'Spine and Muscles', 'Reproductive and Urinary System'];
const vocabulary = buildVocabulary(
  fit.map((p) => p.caption),
  Number(values.vocab),
);
const sentenceOf = await cachedSentenceVectors([...fit, ...select, ...dev].map((p) => p.caption));
const sentenceStats = values['sentence-standardise']
  ? standardisation(fit.map((p) => sentenceOf.get(p.caption) as Float32Array))
  : undefined;
const config: ImageTextConfig = {
  ...(textInput === 'tfidf'
    ? {}
    : {
        textInput,
        sentenceWeight: Number(values['sentence-weight']),
        ...(sentenceStats ? { sentenceStats } : {}),
      }),
  imageEncoder: encoder,
  ...(encoder === 'features' && descriptorSet !== 1 ? { descriptors: descriptorSet } : {}),
  inputSize: size,
  channels: [16, 24, 48, 64],
  // CCA: the linear maps are stored in the two-layer towers (hidden [W, −W], output [I; −I]; `cca.ts`).
  hidden: method === 'cca' ? 2 * ccaDim : Number(values.hidden),
  embedDim: method === 'cca' ? ccaDim : 64,
  vocabularySize: vocabulary.terms.length,
  modalities,
  regions,
};
log(`vocabulary ${vocabulary.terms.length} terms`);

const t0 = performance.now();
const fitImages = loadPairImages(fit, imagesDir, size);
const selectImages = loadPairImages(select, imagesDir, size);
const devImages = loadPairImages(dev, imagesDir, size);
log(`images loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

let sum = 0;
let sumSq = 0;
let count = 0;
for (const img of fitImages)
  for (const v of img) {
    sum += v / 255;
    sumSq += (v / 255) ** 2;
    count++;
  }
const mean = sum / count;
const std = Math.sqrt(sumSq / count - mean * mean) || 1;

// 'features' tower: descriptor statistics from the un-augmented fit images.
const featureStats = (() => {
  if (encoder !== 'features') return undefined;
  const rows = fitImages.map((img) => imageFeatures(img, size, descriptorSet));
  const m = new Array<number>(FEATURE_COUNT).fill(0);
  const v = new Array<number>(FEATURE_COUNT).fill(0);
  for (const r of rows)
    for (let i = 0; i < FEATURE_COUNT; i++) m[i] = (m[i] as number) + (r[i] as number) / rows.length;
  for (const r of rows)
    for (let i = 0; i < FEATURE_COUNT; i++)
      v[i] = (v[i] as number) + ((r[i] as number) - (m[i] as number)) ** 2 / rows.length;
  return { mean: m, std: v.map((x) => Math.sqrt(x) || 1) };
})();
/** Training input: standardised descriptors with inverted dropout (Srivastava et al. 2014) at rate `dropout`. */
function featureTensor(images: readonly Float32Array[]): tf.Tensor2D {
  const stats = featureStats as { mean: number[]; std: number[] };
  const data = new Float32Array(images.length * FEATURE_COUNT);
  images.forEach((img, k) => {
    const f = imageFeatures(img, size, descriptorSet);
    for (let i = 0; i < FEATURE_COUNT; i++)
      data[k * FEATURE_COUNT + i] =
        dropout > 0 && random() < dropout
          ? 0
          : ((f[i] as number) - (stats.mean[i] as number)) / (stats.std[i] as number) / (1 - dropout);
  });
  return tf.tensor2d(data, [images.length, FEATURE_COUNT]);
}

const index = vocabularyIndex(vocabulary);
const textWidth = textInputSize(config);
const fitText = fit.map((p) =>
  textInputRow(
    config,
    textInput === 'sentence' ? undefined : textFeatures(p.caption, vocabulary, index),
    sentenceOf.get(p.caption),
  ),
);
const fitSentences = fit.map((p) => sentenceOf.get(p.caption));

/** Per-dimension mean and standard deviation (floored at 1e-6) of rows. */
function standardisation(rows: readonly Float32Array[]): { mean: number[]; std: number[] } {
  const d = (rows[0] as Float32Array).length;
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (const r of rows)
    for (let i = 0; i < d; i++) mean[i] = (mean[i] as number) + (r[i] as number) / rows.length;
  for (const r of rows)
    for (let i = 0; i < d; i++)
      std[i] = (std[i] as number) + ((r[i] as number) - (mean[i] as number)) ** 2 / rows.length;
  return { mean, std: std.map((v) => Math.max(1e-6, Math.sqrt(v))) };
}

/** Sentence vectors of the captions (only when a run needs them), cached by caption text under tmp/. */
async function cachedSentenceVectors(captions: string[]): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  if (textInput === 'tfidf' && softAlpha === 0) return out;
  const cachePath = join('tmp', 'image-text-sentences.json');
  const cache: Record<string, number[]> = existsSync(cachePath)
    ? JSON.parse(readFileSync(cachePath, 'utf8'))
    : {};
  const missing = [...new Set(captions)].filter((c) => !cache[c]);
  if (missing.length > 0) {
    const t = performance.now();
    const vectors = await sentenceVectors(missing);
    missing.forEach((c, i) => {
      cache[c] = Array.from(vectors[i] as Float32Array);
    });
    log(`sentence vectors of ${missing.length} captions in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    mkdirSync('tmp', { recursive: true });
    writeFileSync(cachePath, JSON.stringify(cache));
  }
  for (const c of captions) out.set(c, Float32Array.from(cache[c] as number[]));
  return out;
}
const captionKey = (p: ImageCaptionPair) => p.caption.trim().replace(/\s+/g, ' ').toLowerCase();
const fitKeys = fit.map(captionKey);
const auxTarget = (p: ImageCaptionPair) => {
  const t = new Float32Array(modalities.length + regions.length);
  const m = modalities.indexOf(p.modality ?? '');
  const r = regions.indexOf(p.region ?? '');
  if (m >= 0) t[m] = 1;
  if (r >= 0) t[modalities.length + r] = 1;
  return { t, hasM: m >= 0 ? 1 : 0, hasR: r >= 0 ? 1 : 0 };
};

/** Random shift (edge-clamped, ±size/10), ±15 % contrast, ±15 brightness, ±10° rotation. */
function augment(pixels: Float32Array): Float32Array {
  const out = new Float32Array(size * size);
  const maxShift = Math.round(size / 10);
  const dx = Math.round((random() * 2 - 1) * maxShift);
  const dy = Math.round((random() * 2 - 1) * maxShift);
  const zoom = 0.9 + 0.2 * random();
  const contrast = 0.85 + 0.3 * random();
  const brightness = (random() * 2 - 1) * 15;
  const angle = (((random() * 2 - 1) * 10) / 180) * Math.PI;
  const cos = Math.cos(angle) / zoom;
  const sin = Math.sin(angle) / zoom;
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const rx = Math.round(c + (x - c) * cos + (y - c) * sin) - dx;
      const ry = Math.round(c - (x - c) * sin + (y - c) * cos) - dy;
      const v =
        rx < 0 || ry < 0 || rx >= size || ry >= size
          ? 0
          : (pixels[ry * size + rx] as number) * contrast + brightness;
      out[y * size + x] = Math.min(255, Math.max(0, v));
    }
  return out;
}

function imageTensor(images: readonly Float32Array[]): tf.Tensor4D {
  const data = new Float32Array(images.length * size * size);
  images.forEach((img, i) => {
    for (let k = 0; k < img.length; k++) data[i * size * size + k] = ((img[k] as number) / 255 - mean) / std;
  });
  return tf.tensor4d(data, [images.length, size, size, 1]);
}

const init = initialImageTextWeights(config, random);
const params: Record<string, tf.Variable> = {};
for (const [name, shape] of imageTextShapes(config))
  params[name] = tf.variable(tf.tensor(init.get(name) as Float32Array, shape), true, name);
const optimizer = tf.train.adam(learningRate);
const decayed = Object.entries(params).filter(([name]) => name.endsWith('.w') && name !== 'aux.w');
const n = fit.length;
const stepsPerEpoch = Math.ceil(n / batchSize);
const totalSteps = stepsPerEpoch * epochs;

function snapshot(): Map<string, Float32Array> {
  const w = new Map<string, Float32Array>();
  for (const [name, v] of Object.entries(params)) w.set(name, v.dataSync().slice() as Float32Array);
  return w;
}

function provisionalHeader(): ImageTextModelFile {
  return {
    format: IMAGE_TEXT_FORMAT,
    modelId: 'vision.image-text',
    modelVersion: `medpix2-${method === 'cca' ? 'cca' : encoder}${size}${encoder === 'features' && descriptorSet !== 1 ? `-d${descriptorSet}` : ''}-s${seed}`,
    trainedAt: new Date().toISOString(),
    config,
    vocabulary,
    normalisation: { mean, std },
    ...(featureStats ? { featureStats } : {}),
    matchCalibration: { a: 1, b: 0 },
    seed,
    training: {},
    metrics: {},
    tensors: imageTextShapes(config).map(([name, shape]) => ({ name, shape })),
  };
}

async function evaluate(
  weights: Map<string, Float32Array>,
  pairs: ImageCaptionPair[],
  images: Float32Array[],
) {
  const model = new ImageTextModel(provisionalHeader(), weights);
  const ie = await model.embedInputs(images);
  const captions = pairs.map((p) => p.caption);
  const te = await model.embedTexts(captions, sentencesFor(captions));
  return {
    model,
    ie,
    te,
    loose: retrievalMetrics(ie, te, captions),
    strict: retrievalMetrics(ie, te, captions, true),
    rankScore: meanRankScore(ie, te, captions),
  };
}

/**
 * Epoch choice on the selection part: the mean rank percentile of the correct answer in both directions (lower is
 * better) — smoother than recall on 183 pairs, whose steps of 1/183 made the choice fall on noise.
 */
function sentencesFor(captions: readonly string[]): Float32Array[] | undefined {
  return textInput === 'tfidf' ? undefined : captions.map((c) => sentenceOf.get(c) as Float32Array);
}

const meanRankScore = (ie: Float32Array[], te: Float32Array[], captions: string[]) => {
  const r = retrievalRanks(ie, te, captions);
  const all = [...r.i2t, ...r.t2i];
  return 1 - all.reduce((a, b) => a + (b - 1), 0) / all.length / ie.length;
};

if (method === 'cca') {
  const t = performance.now();
  const stats = featureStats as { mean: number[]; std: number[] };
  const x = fitImages.map((img) => {
    const f = imageFeatures(img, size, descriptorSet);
    for (let i = 0; i < FEATURE_COUNT; i++)
      f[i] = ((f[i] as number) - (stats.mean[i] as number)) / (stats.std[i] as number);
    return f;
  });
  const cca = canonicalCorrelation(x, fitText, {
    rx: Number(values['cca-rx']),
    ry: Number(values['cca-ry']),
    dim: ccaDim,
    power: Number(values['cca-power']),
  });
  const image = linearAsTwoLayer(cca.a, FEATURE_COUNT, ccaDim, cca.meanX);
  const text = linearAsTwoLayer(cca.b, textWidth, ccaDim, cca.meanY);
  const set = (name: string, values: Float32Array) =>
    params[name]?.assign(tf.tensor(values, params[name]?.shape as number[]));
  set('img1.w', image.w1);
  set('img1.b', image.b1);
  set('img2.w', image.w2);
  set('img2.b', image.b2);
  set('txt1.w', text.w1);
  set('txt1.b', text.b1);
  set('txt2.w', text.w2);
  set('txt2.b', text.b2);
  // The auxiliary head is not trained by CCA (nothing reads it at inference); zero it rather than keep noise.
  set('aux.w', new Float32Array((params['aux.w'] as tf.Variable).size));
  // Similarity scale (zero-shot softmax): the symmetric InfoNCE optimum on the fit pairs, on a grid of ln-scale.
  const trained = snapshot();
  const fitEval = await evaluate(trained, fit, fitImages);
  const sims = fitEval.ie.map((im) => fitEval.te.map((te) => dotOf(im, te)));
  let bestScale = { ln: Math.log(1 / 0.07), nll: Number.POSITIVE_INFINITY };
  for (let ln = 0; ln <= Math.log(100) + 1e-9; ln += 0.05) {
    const s = Math.exp(ln);
    let nll = 0;
    for (let i = 0; i < sims.length; i++) {
      const row = sims[i] as number[];
      const col = sims.map((r) => r[i] as number);
      for (const v of [row, col]) {
        const top = Math.max(...v) * s;
        nll -= (v[i] as number) * s - top - Math.log(v.reduce((acc, c) => acc + Math.exp(c * s - top), 0));
      }
    }
    if (nll < bestScale.nll) bestScale = { ln, nll };
  }
  set('scale', Float32Array.of(bestScale.ln));
  log(
    `CCA: ${ccaDim} directions, first correlations ${Array.from(cca.correlations.slice(0, 4), (c) => c.toFixed(3)).join(', ')}; scale ${Math.exp(bestScale.ln).toFixed(1)} (${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
}

let best = { score: -1, epoch: 0, weights: snapshot() };
let step = 0;
const started = performance.now();
let epochsRun = 0;
for (let epoch = 0; epoch < (method === 'cca' ? 0 : epochs); epoch++) {
  if (performance.now() - started > maxMs) {
    log(`time limit reached after ${epoch} epochs`);
    break;
  }
  const e0 = performance.now();
  const order = shuffledIndices(n, random);
  let lossSum = 0;
  for (let b = 0; b < n; b += batchSize) {
    const warm = Math.min(1, (step + 1) / stepsPerEpoch);
    (optimizer as unknown as { learningRate: number }).learningRate =
      learningRate * warm * 0.5 * (1 + Math.cos((Math.PI * step) / totalSteps));
    const idx = order.slice(b, b + batchSize);
    if (idx.length < 8) continue;
    const m = idx.length;
    const augmented = idx.map((i) => augment(fitImages[i] as Float32Array));
    const x: tf.Tensor = encoder === 'features' ? featureTensor(augmented) : imageTensor(augmented);
    const textData = new Float32Array(m * textWidth);
    idx.forEach((i, k) => {
      textData.set(fitText[i] as Float32Array, k * textWidth);
    });
    if (textDropout > 0)
      for (let k = 0; k < textData.length; k++)
        if (textData[k] !== 0)
          textData[k] = random() < textDropout ? 0 : (textData[k] as number) / (1 - textDropout);
    const t = tf.tensor2d(textData, [m, textWidth]);
    // Soft targets: pairs of one batch with the same caption are all correct answers for each other.
    const targetData = new Float32Array(m * m);
    for (let r = 0; r < m; r++) {
      const same = idx.map((j) => (fitKeys[j] === fitKeys[idx[r] as number] ? 1 : 0));
      const z = same.reduce((a: number, c) => a + c, 0);
      for (let c = 0; c < m; c++) targetData[r * m + c] = (same[c] as number) / z;
      if (softAlpha > 0) {
        const a = fitSentences[idx[r] as number] as Float32Array;
        const logits = idx.map((j) => dotOf(a, fitSentences[j] as Float32Array) / softTau);
        const top = Math.max(...logits);
        const e = logits.map((l) => Math.exp(l - top));
        const ze = e.reduce((x, y) => x + y, 0);
        for (let c = 0; c < m; c++)
          targetData[r * m + c] =
            (1 - softAlpha) * (targetData[r * m + c] as number) + (softAlpha * (e[c] as number)) / ze;
      }
    }
    const targets = tf.tensor2d(targetData, [m, m]);
    const aux = idx.map((i) => auxTarget(fit[i] as ImageCaptionPair));
    const auxData = new Float32Array(m * (modalities.length + regions.length));
    aux.forEach((a, k) => {
      auxData.set(a.t, k * (modalities.length + regions.length));
    });
    const auxT = tf.tensor2d(auxData, [m, modalities.length + regions.length]);
    const hasM = tf.tensor1d(aux.map((a) => a.hasM));
    const hasR = tf.tensor1d(aux.map((a) => a.hasR));
    const loss = optimizer.minimize(() => {
      const ie =
        encoder === 'features'
          ? featureTower(params, x as tf.Tensor2D)
          : imageTower(params, x as tf.Tensor4D).embeddings;
      const te = textTower(params, t);
      const logits = tf.matMul(ie, te, false, true).mul(logitScale(params));
      const i2t = tf.losses.softmaxCrossEntropy(targets, logits);
      const t2i = tf.losses.softmaxCrossEntropy(targets, logits.transpose());
      const auxLoss = (e: tf.Tensor2D) => {
        const l = auxLogits(params, e);
        const lm = l.slice([0, 0], [m, modalities.length]);
        const lr = l.slice([0, modalities.length], [m, regions.length]);
        const tm = auxT.slice([0, 0], [m, modalities.length]);
        const tr = auxT.slice([0, modalities.length], [m, regions.length]);
        return tf.losses
          .softmaxCrossEntropy(tm, lm, hasM)
          .add(tf.losses.softmaxCrossEntropy(tr, lr, hasR)) as tf.Scalar;
      };
      const l2 = decayed.reduce((acc, [, w]) => acc.add(tf.sum(tf.square(w))), tf.scalar(0));
      return i2t
        .add(t2i)
        .div(2)
        .add(
          auxLoss(ie)
            .add(auxLoss(te))
            .mul(auxWeight / 2),
        )
        .add(l2.mul(Number(values.wd))) as tf.Scalar;
    }, true);
    lossSum += (loss?.dataSync()[0] ?? 0) * m;
    loss?.dispose();
    tf.dispose([x, t, targets, auxT, hasM, hasR]);
    step++;
  }
  epochsRun = epoch + 1;
  const weights = snapshot();
  const { loose, rankScore } = await evaluate(weights, select, selectImages);
  const score = rankScore;
  log(
    `epoch ${epoch + 1}/${epochs} loss ${(lossSum / n).toFixed(4)} selection i2t@10 ${loose.i2t_recall_at_10.toFixed(3)} t2i@10 ${loose.t2i_recall_at_10.toFixed(3)} rank score ${score.toFixed(3)} scale ${Math.exp(weights.get('scale')?.[0] ?? 0).toFixed(1)} (${((performance.now() - e0) / 1000).toFixed(1)} s)`,
  );
  if (score > best.score) best = { score, epoch: epoch + 1, weights };
}

// 'final' (default): the weights at the end of the cosine schedule; the selection part's 183 pairs are too few to
// tell epochs apart (differences of 0.002 in rank score), so choosing the best epoch there picks noise.
if (values.keep !== 'best') best = { score: Number.NaN, epoch: epochsRun, weights: snapshot() };

// Consistency check: logistic fit of "caption belongs to this image" on the selection part (matched pairs against
// captions of other cases), by Newton's method on two parameters.
const sel = await evaluate(best.weights, select, selectImages);
const xs: number[] = [];
const ys: number[] = [];
for (let i = 0; i < select.length; i++) {
  xs.push(dotOf(sel.ie[i] as Float32Array, sel.te[i] as Float32Array));
  ys.push(1);
  let j = Math.floor(random() * select.length);
  for (let tries = 0; tries < 20 && select[j]?.caseId === select[i]?.caseId; tries++)
    j = Math.floor(random() * select.length);
  xs.push(dotOf(sel.ie[i] as Float32Array, sel.te[j] as Float32Array));
  ys.push(0);
}
function dotOf(a: Float32Array, b: Float32Array) {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] as number) * (b[k] as number);
  return s;
}
let a = 1;
let c = 0;
for (let it = 0; it < 50; it++) {
  let ga = 0;
  let gc = 0;
  let haa = 1e-6;
  let hac = 0;
  let hcc = 1e-6;
  for (let k = 0; k < xs.length; k++) {
    const pr = 1 / (1 + Math.exp(-(a * (xs[k] as number) + c)));
    const r = pr - (ys[k] as number);
    const w = pr * (1 - pr);
    ga += r * (xs[k] as number);
    gc += r;
    haa += w * (xs[k] as number) ** 2;
    hac += w * (xs[k] as number);
    hcc += w;
  }
  const det = haa * hcc - hac * hac;
  a -= (hcc * ga - hac * gc) / det;
  c -= (haa * gc - hac * ga) / det;
}
log(`match calibration: P = σ(${a.toFixed(3)}·cos + ${c.toFixed(3)})`);

const header0 = { ...provisionalHeader(), matchCalibration: { a, b: c } };
const final = new ImageTextModel(header0, best.weights);
if (skipDev) {
  log(`selection (strict): ${JSON.stringify(sel.strict)}; dev skipped`);
  const outDir = values.out ?? imageTextModelDir();
  mkdirSync(outDir, { recursive: true });
  writeImageTextModel(
    outDir,
    { ...header0, metrics: { selection: sel.loose, selectionStrict: sel.strict } },
    best.weights,
  );
  process.exit(0);
}
const devIe = await final.embedInputs(devImages);
const devTe = await final.embedTexts(
  dev.map((p) => p.caption),
  sentencesFor(dev.map((p) => p.caption)),
);
const devLoose = retrievalMetrics(
  devIe,
  devTe,
  dev.map((p) => p.caption),
);
const devStrict = retrievalMetrics(
  devIe,
  devTe,
  dev.map((p) => p.caption),
  true,
);
const zeroShotDev = await zeroShotAccuracy(final, dev, devIe);
log(`dev (unseen cases): ${JSON.stringify(devLoose)}`);
log(`dev strict: ${JSON.stringify(devStrict)}`);
log(`dev zero-shot: ${JSON.stringify(zeroShotDev)}`);

const header: ImageTextModelFile = {
  ...header0,
  training: {
    data: 'MedPix 2.0 image_captions_train.jsonl (licence not stated upstream)',
    split: `authors' train split re-split by case, seed ${seed}: fit ${fit.length} pairs / selection ${select.length} pairs (${heldCases} cases); dev reported only`,
    epochs: epochsRun,
    keptEpoch: best.epoch,
    method,
    ...(method === 'cca'
      ? {
          cca: {
            rx: Number(values['cca-rx']),
            ry: Number(values['cca-ry']),
            dim: ccaDim,
            power: Number(values['cca-power']),
          },
        }
      : {}),
    keep: values.keep === 'best' ? 'best selection rank score' : 'final epoch',
    batchSize,
    learningRate,
    auxWeight,
    weightDecay: Number(values.wd),
    featureDropout: dropout,
    encoder,
    ...(encoder === 'features' ? { descriptors: descriptorSet } : {}),
    textInput,
    ...(textInput === 'tfidf' ? {} : { sentenceEncoder: ENCODER_ID }),
    softTargets: softAlpha > 0 ? { alpha: softAlpha, tau: softTau } : 'none',
    augmentation: 'shift ±10 %, zoom ±10 %, rotation ±10°, contrast ±15 %, brightness ±15',
    seconds: Math.round((performance.now() - started) / 1000),
  },
  metrics: {
    selection: sel.loose,
    selectionStrict: sel.strict,
    selectionRankScore: sel.rankScore,
    dev: devLoose,
    devStrict,
    zeroShotDev,
    logitScale: Math.log(final.logitScale),
  },
};
const outDir = values.out ?? imageTextModelDir();
mkdirSync(outDir, { recursive: true });
writeImageTextModel(outDir, header, best.weights);
log(`wrote ${outDir} (best epoch ${best.epoch})`);
