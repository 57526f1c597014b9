/**
 * Trains the thyroid nodule segmentation U-Net on a DDTI-like folder (issue 19):
 *   npm run train:segmentation -- [--data DIR] [--seed 1] [--minutes 35] [--size 96] [--out models/segmentation/thyroid]
 * Seeded by-patient split 70/15/15 % (train / validation picks the epoch / test is reported), augmentation (ROI
 * scale and shift, left–right flip, gamma, speckle-like noise), loss = BCE + soft Dice, Adam with cosine decay over
 * the time budget. Writes model.json + weights.bin + MODEL_CARD.md.
 *
 * Final refit (`--refit DIR --epochs N`): repeats the recipe of the validated model in DIR on the train AND validation
 * patients (the test patients stay out), for a fixed number of epochs (cosine decay over the planned steps instead of
 * the time budget), and takes DIR's post-processing and validation record unchanged: nothing is chosen in a refit.
 *
 * Cross-validation fold (`--fold k/N --epochs E [--fold-seed S]`): fits the train + validation patients outside fold k
 * of a patient-grouped N-fold partition (scripts/segmentation/folds.ts) for E epochs and keeps the last epoch; the
 * fold's own patients are only scored (logged, and recorded as the model's validation row). The test patients are in
 * no fold. `scripts/segmentation/cross-validate.ts` compares post-processing settings on the out-of-fold outputs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readFloat32Tensors, readModelJson, writeFloat32Tensors } from '../src/ml/model-file.js';
import { normalFrom, seededRandom, shuffledIndices } from '../src/ml/random.js';
import { tf, tfReady } from '../src/vision/nn/backend.js';
import {
  fittedCases,
  type LoadedCase,
  loadCase,
  readSegmentationSet,
  splitByPatient,
} from '../src/vision/segmentation/data.js';
import { evaluateSegmenter } from '../src/vision/segmentation/evaluate.js';
import {
  MeanOutlineSegmenter,
  SEGMENTATION_FORMAT,
  type SegmentationModelFile,
  type SegmentationReport,
  UnetSegmenter,
} from '../src/vision/segmentation/model.js';
import { type Roi, sampleRoi, standardise } from '../src/vision/segmentation/roi.js';
import {
  type UnetConfig,
  unetForward,
  unetInit,
  unetParameterCount,
  unetShapes,
} from '../src/vision/segmentation/unet.js';
import { finishModel } from './segmentation/finish.js';
import { foldCases, parseFold } from './segmentation/folds.js';
import { segmentationModelCard } from './segmentation/model-card.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'init-seed': { type: 'string' },
    init: { type: 'string' },
    minutes: { type: 'string', default: '35' },
    size: { type: 'string', default: '96' },
    channels: { type: 'string', default: '8,16,32,64' },
    batch: { type: 'string', default: '8' },
    lr: { type: 'string', default: '0.002' },
    out: { type: 'string', default: 'models/segmentation/thyroid' },
    'finish-only': { type: 'boolean', default: false },
    'validation-only': { type: 'boolean', default: false },
    augment: { type: 'string', default: 'standard' },
    'keep-epochs': { type: 'boolean', default: false },
    refit: { type: 'string' },
    epochs: { type: 'string' },
    fold: { type: 'string' },
    'fold-seed': { type: 'string', default: '1' },
  },
});

const dataDir =
  args.data ??
  join(process.env.HEALTHGPT_DATA_DIR ?? resolve('..', 'shared', 'data'), 'images', 'ddti_thyroid');
const seed = Number(args.seed);
const budgetMs = Number(args.minutes) * 60_000;
const size = Number(args.size);
const batchSize = Number(args.batch);
const lr0 = Number(args.lr);
const config: UnetConfig = { inputSize: size, channels: (args.channels ?? '').split(',').map(Number) };
const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);
const fixedEpochs = args.epochs === undefined ? undefined : Number(args.epochs);
if (fixedEpochs !== undefined && !(Number.isInteger(fixedEpochs) && fixedEpochs > 0))
  throw new Error(`--epochs must be a positive whole number, not ${args.epochs}`);
// The validated model whose recipe a refit repeats on train + validation (its post-processing and validation record
// are kept; the epoch count cannot be picked without validation, so it must be given).
const refitOf = args.refit
  ? readModelJson<SegmentationModelFile>(join(resolve(args.refit), 'model.json'), SEGMENTATION_FORMAT)
  : undefined;
if (refitOf && fixedEpochs === undefined)
  throw new Error('--refit needs --epochs (no validation split is left to pick the epoch)');
const fold = args.fold === undefined ? undefined : parseFold(args.fold);
const foldSeed = Number(args['fold-seed']);
if (fold && fixedEpochs === undefined)
  throw new Error('--fold needs --epochs (the fold is scored, never used to pick the epoch)');
if (fold && refitOf) throw new Error('--fold and --refit cannot be combined');
if (refitOf && !refitOf.postprocess)
  throw new Error(`--refit ${args.refit}: the model has no post-processing`);

await tfReady();
log(`backend ${tf.getBackend()}; data ${dataDir}`);
if (args['finish-only']) {
  // Re-choose the post-processing and re-record the metrics of an already trained model.
  await finishModel(resolve(args.out ?? 'models/segmentation/thyroid'), dataDir, log);
  process.exit(0);
}
const all = readSegmentationSet(dataDir).map(loadCase);
const split = splitByPatient(all, seed);
const patients = (cs: LoadedCase[]) => new Set(cs.map((c) => c.patient)).size;
// The cases the network is fitted on: the training patients, plus the validation patients in a refit.
const folded = fold ? foldCases(all, seed, fold, foldSeed) : undefined;
const fitCases = folded ? folded.fit : fittedCases(split, refitOf !== undefined);
// The cases scored each epoch: the fold's own patients in cross-validation, else the validation split.
const scoredCases = folded ? folded.held : split.validation;
log(
  `${all.length} images / ${patients(all)} patients → train ${split.train.length} (${patients(split.train)}), validation ${split.validation.length} (${patients(split.validation)}), test ${split.test.length} (${patients(split.test)})${refitOf ? `; refit on train + validation: ${fitCases.length} (${patients(fitCases)})` : ''}${folded && fold ? `; fold ${fold.k}/${fold.n} (fold seed ${foldSeed}): fit ${fitCases.length} (${patients(fitCases)}), held out ${scoredCases.length} (${patients(scoredCases)})` : ''}`,
);

// The split follows --seed; the initial weights and the augmentation stream follow --init-seed (default: the same),
// so a second network on the same split can be trained for an ensemble.
const initSeed = Number(args['init-seed'] ?? seed);
const random = seededRandom(initSeed);
const normal = () => normalFrom(random);

// --augment strong widens every range and adds multiplicative speckle and a depth-like brightness ramp.
if (args.augment !== 'standard' && args.augment !== 'strong')
  throw new Error(`--augment must be standard or strong, not ${args.augment}`);
const strong = args.augment === 'strong';
const pick = (standard: number, wide: number) => (strong ? wide : standard);
const aug = {
  scale: [pick(0.8, 0.75), pick(0.3, 0.4)],
  aspect: pick(0.2, 0.3),
  shift: pick(0.16, 0.2),
  gamma: pick(0.7, 1),
  contrast: [pick(0.85, 0.75), pick(0.3, 0.5)],
  noise: pick(0.15, 0.25),
  speckle: pick(0, 0.25),
  ramp: pick(0, 0.4),
};

/** One augmented training pair at model resolution. */
function sample(c: LoadedCase): { x: Float32Array; y: Float32Array } {
  const side = Math.min(c.width, c.height);
  let roi: Roi = { x: 0, y: 0, width: c.width, height: c.height };
  if (random() > 0.25) {
    const s = (aug.scale[0] as number) + (aug.scale[1] as number) * random();
    const w = c.width * s;
    const h = c.height * (s * (1 - aug.aspect / 2 + aug.aspect * random()));
    const cx = c.width / 2 + (random() - 0.5) * aug.shift * side;
    const cy = c.height / 2 + (random() - 0.5) * aug.shift * side;
    roi = { x: cx - w / 2, y: cy - h / 2, width: w, height: h };
  }
  const flip = random() < 0.5;
  const x = sampleRoi({ width: c.width, height: c.height, pixels: c.image }, roi, size, flip);
  const y = sampleRoi({ width: c.width, height: c.height, pixels: c.mask }, roi, size, flip);
  const gamma = Math.exp((random() - 0.5) * aug.gamma);
  for (let i = 0; i < x.length; i++) x[i] = 255 * ((x[i] as number) / 255) ** gamma;
  if (aug.speckle > 0 || aug.ramp > 0) {
    const speckle = aug.speckle * random();
    const ramp = (random() - 0.5) * aug.ramp;
    for (let i = 0; i < x.length; i++) {
      const depth = Math.floor(i / size) / size - 0.5;
      x[i] = (x[i] as number) * (1 + ramp * depth) * Math.max(0, 1 + speckle * normal());
    }
  }
  standardise(x);
  const noise = aug.noise * random();
  const contrast = (aug.contrast[0] as number) + (aug.contrast[1] as number) * random();
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) * contrast + noise * normal();
  return { x, y };
}

function plain(c: LoadedCase): { x: Float32Array; y: Float32Array } {
  const roi = { x: 0, y: 0, width: c.width, height: c.height };
  return {
    x: standardise(sampleRoi({ width: c.width, height: c.height, pixels: c.image }, roi, size)),
    y: sampleRoi({ width: c.width, height: c.height, pixels: c.mask }, roi, size),
  };
}

// --init DIR starts from a trained model's weights (same channels; the network is fully convolutional, so the input
// size may differ) instead of He-normal weights.
const startedFrom = args.init
  ? readModelJson<SegmentationModelFile>(join(resolve(args.init), 'model.json'), SEGMENTATION_FORMAT)
  : undefined;
const init = startedFrom ? startingWeights(resolve(args.init ?? ''), startedFrom) : unetInit(config, normal);
function startingWeights(dir: string, from: SegmentationModelFile): Map<string, Float32Array> {
  if (from.config.channels.join(',') !== config.channels.join(','))
    throw new Error(
      `--init ${dir} has channels ${from.config.channels.join(',')}, not ${config.channels.join(',')}`,
    );
  log(`starting from ${dir} (${from.modelVersion}, input ${from.config.inputSize})`);
  return readFloat32Tensors(join(dir, 'weights.bin'), from.tensors);
}
const params: Record<string, tf.Variable> = {};
for (const [name, shape] of unetShapes(config))
  params[name] = tf.variable(tf.tensor(init.get(name) as Float32Array, shape), true, name);
const optimizer = tf.train.adam(lr0);
log(`U-Net ${JSON.stringify(config)}: ${unetParameterCount(config)} parameters`);

const validation = scoredCases.map(plain);
function validationDice(): number {
  let total = 0;
  for (let b = 0; b < validation.length; b += 16) {
    const chunk = validation.slice(b, b + 16);
    const probs = tf.tidy(() => {
      const x = tf.tensor4d(concat(chunk.map((s) => s.x)), [chunk.length, size, size, 1]);
      return tf.sigmoid(unetForward(config, params, x)).dataSync();
    });
    for (let k = 0; k < chunk.length; k++) {
      const y = (chunk[k] as { y: Float32Array }).y;
      let both = 0;
      let sp = 0;
      let sy = 0;
      for (let i = 0; i < y.length; i++) {
        const p = (probs[k * y.length + i] as number) > 0.5 ? 1 : 0;
        const t = (y[i] as number) > 0.5 ? 1 : 0;
        both += p & t;
        sp += p;
        sy += t;
      }
      total += sp + sy === 0 ? 1 : (2 * both) / (sp + sy);
    }
  }
  return total / validation.length;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const started = performance.now();
let best = { dice: -1, epoch: 0, weights: new Map<string, Float32Array>() };
let epoch = 0;
let steps = 0;
// With --epochs the schedule runs over the planned steps; otherwise over the time budget.
const plannedSteps = (fixedEpochs ?? 0) * Math.floor(fitCases.length / batchSize);
const progress = (elapsed: number) =>
  fixedEpochs === undefined ? elapsed / budgetMs : Math.min(1, steps / plannedSteps);
while (fixedEpochs === undefined ? performance.now() - started < budgetMs : epoch < fixedEpochs) {
  epoch++;
  const epochStart = performance.now();
  const order = shuffledIndices(fitCases.length, random);
  let lossSum = 0;
  let batches = 0;
  for (let b = 0; b + batchSize <= order.length; b += batchSize) {
    const elapsed = performance.now() - started;
    if (fixedEpochs === undefined && elapsed >= budgetMs) break;
    const warm = Math.min(1, (steps + 1) / 40);
    (optimizer as unknown as { learningRate: number }).learningRate =
      lr0 * warm * (0.02 + 0.98 * 0.5 * (1 + Math.cos(Math.PI * progress(elapsed))));
    const pairs = order.slice(b, b + batchSize).map((i) => sample(fitCases[i] as LoadedCase));
    const x = tf.tensor4d(concat(pairs.map((p) => p.x)), [pairs.length, size, size, 1]);
    const y = tf.tensor4d(concat(pairs.map((p) => p.y)), [pairs.length, size, size, 1]);
    const loss = optimizer.minimize(() => {
      const logits = unetForward(config, params, x, true);
      const bce = tf.losses.sigmoidCrossEntropy(y, logits) as tf.Scalar;
      const p = tf.sigmoid(logits);
      const inter = tf.sum(p.mul(y), [1, 2, 3]);
      const denom = tf.sum(p, [1, 2, 3]).add(tf.sum(y, [1, 2, 3]));
      const softDice = tf.mean(inter.mul(2).add(1).div(denom.add(1)));
      return bce.add(tf.scalar(1).sub(softDice)) as tf.Scalar;
    }, true);
    lossSum += loss?.dataSync()[0] ?? 0;
    loss?.dispose();
    x.dispose();
    y.dispose();
    batches++;
    steps++;
  }
  // A refit has fitted the validation patients: their Dice is no check and is not computed; the last epoch is kept.
  const valDice = refitOf ? Number.NaN : validationDice();
  log(
    `epoch ${epoch} loss ${(lossSum / Math.max(1, batches)).toFixed(4)} ${refitOf ? 'refit (no validation)' : `validation Dice@${size} ${valDice.toFixed(4)}`} (${((performance.now() - epochStart) / 1000).toFixed(1)} s, ${tf.memory().numTensors} tensors)`,
  );
  if (args['keep-epochs']) {
    // Every epoch's weights (for snapshot averaging, compared on validation by scripts/segmentation/compare.ts).
    const dir = resolve(args.out ?? 'models/segmentation/thyroid', `epoch-${epoch}`);
    mkdirSync(dir, { recursive: true });
    const w = new Map<string, Float32Array>();
    for (const [name, v] of Object.entries(params)) w.set(name, v.dataSync().slice() as Float32Array);
    writeFloat32Tensors(
      join(dir, 'weights.bin'),
      unetShapes(config).map(([name, shape]) => ({ name, shape })),
      w,
    );
    if (!refitOf) writeFileSync(join(dir, 'validation.txt'), `${valDice}\n`);
  }
  if (refitOf || fold || valDice > best.dice) {
    const weights = new Map<string, Float32Array>();
    for (const [name, v] of Object.entries(params)) weights.set(name, v.dataSync().slice() as Float32Array);
    best = { dice: valDice, epoch, weights };
  }
}
const trainSeconds = Math.round((performance.now() - started) / 1000);
log(
  refitOf
    ? `refit: kept the last of ${epoch} epochs; ${trainSeconds} s`
    : fold
      ? `fold ${fold.k}/${fold.n}: kept the last of ${epoch} epochs (held-out Dice@${size} ${best.dice.toFixed(4)}); ${trainSeconds} s`
      : `best validation Dice@${size} ${best.dice.toFixed(4)} at epoch ${best.epoch} of ${epoch}; ${trainSeconds} s`,
);

// The fixed average outline: mean of the fitted masks on the model grid.
const meanOutline = new Float32Array(size * size);
for (const c of fitCases) {
  const y = plain(c).y;
  for (let i = 0; i < y.length; i++)
    meanOutline[i] = (meanOutline[i] as number) + (y[i] as number) / fitCases.length;
}
best.weights.set('meanOutline', meanOutline);

const tensors = [
  ...unetShapes(config).map(([name, shape]) => ({ name, shape })),
  { name: 'meanOutline', shape: [size, size] },
];
const trainedAt = new Date().toISOString();
const draft: SegmentationModelFile = {
  format: SEGMENTATION_FORMAT,
  modelId: 'segmentation-thyroid-unet',
  modelVersion: `${trainedAt.slice(0, 10)}-seed${seed}${initSeed === seed ? '' : `-init${initSeed}`}${refitOf ? '-refit' : ''}`,
  task: 'thyroid',
  config,
  threshold: refitOf ? refitOf.threshold : 0.5,
  ...(refitOf ? { postprocess: refitOf.postprocess } : {}),
  tensors,
  split: {
    seed,
    patients: {
      train: patients(split.train),
      validation: patients(split.validation),
      test: patients(split.test),
    },
    images: { train: split.train.length, validation: split.validation.length, test: split.test.length },
    testPatients: [...new Set(split.test.map((c) => c.patient))].sort(),
    validationPatients: [...new Set(split.validation.map((c) => c.patient))].sort(),
  },
  metrics: {
    validation: emptyReport(),
    test: emptyReport(),
    baselineTest: emptyReport(),
  },
  training: {
    parameters: unetParameterCount(config),
    initSeed,
    ...(args.init ? { startedFrom: args.init, previous: startedFrom?.training } : {}),
    out: args.out,
    ...(args['validation-only'] ? { validationOnly: true } : {}),
    ...(refitOf
      ? {
          refit: {
            of: args.refit,
            modelVersion: refitOf.modelVersion,
            fittedOn: 'train + validation patients',
            patients: patients(fitCases),
            images: fitCases.length,
            recipe: refitOf.training,
          },
        }
      : {}),
    ...(fold
      ? {
          fold: {
            k: fold.k,
            n: fold.n,
            foldSeed,
            fitPatients: patients(fitCases),
            fitImages: fitCases.length,
            heldOutPatients: [...new Set(scoredCases.map((c) => c.patient))].sort(),
          },
        }
      : {}),
    ...(fixedEpochs !== undefined ? { fixedEpochs } : {}),
    epochs: epoch,
    bestEpoch: best.epoch,
    steps,
    batchSize,
    learningRate: lr0,
    optimiser: `adam, 40-step warm-up, cosine decay over the ${fixedEpochs === undefined ? 'time budget' : 'planned steps'} to 2 %`,
    loss: 'binary cross-entropy + (1 − soft Dice)',
    ...(strong ? { augment: 'strong' } : {}),
    augmentation: strong
      ? 'ROI scale 0.75–1.15 (aspect ±15 %) and centre shift ±10 % of the side on 75 % of samples, left–right flip, gamma e^±0.5, multiplicative speckle σ ≤ 0.25 and a top-to-bottom brightness ramp of up to 20 %, contrast ×0.75–1.25, Gaussian noise σ ≤ 0.25 (after per-ROI standardisation)'
      : 'ROI scale 0.8–1.1 (aspect ±10 %) and centre shift ±8 % of the side on 75 % of samples, left–right flip, gamma e^±0.35, contrast ×0.85–1.15, Gaussian noise σ ≤ 0.15 (after per-ROI standardisation)',
    minutes: Number(args.minutes),
    seconds: trainSeconds,
    trainedAt,
    data: 'DDTI (Pedraza et al. 2015), crops and masks as preprocessed by xuao575/DDTI_preprocessing',
  },
};

function emptyReport(): SegmentationReport {
  return { n: 0, patients: 0, dice: 0, iou: 0, hd95_px: 0, diameter_error_pct: 0 };
}

const model = new UnetSegmenter(draft, best.weights);
const baseline = new MeanOutlineSegmenter(meanOutline, size);
const report = (seg: typeof model | typeof baseline, cases: LoadedCase[]): SegmentationReport => {
  const { summary } = evaluateSegmenter(seg, cases);
  return {
    n: summary.n,
    patients: patients(cases),
    dice: summary.dice,
    iou: summary.iou,
    hd95_px: summary.hd95_px,
    diameter_error_pct: summary.diameter_error_pct,
  };
};
// --validation-only (for trying settings): the test split is neither evaluated nor recorded, and no post-processing is
// chosen; the final model is finished with `--finish-only`. A refit behaves the same way and keeps the validation
// record of the model whose recipe it repeats (its own validation numbers would be on fitted patients).
const validationOnly = args['validation-only'] || refitOf !== undefined || fold !== undefined;
const header: SegmentationModelFile = {
  ...draft,
  metrics: {
    validation: refitOf ? refitOf.metrics.validation : report(model, scoredCases),
    test: validationOnly ? emptyReport() : report(model, split.test),
    baselineTest: validationOnly ? emptyReport() : report(baseline, split.test),
  },
};
log(`validation${refitOf ? ' (of the refitted recipe)' : ''}: ${JSON.stringify(header.metrics.validation)}`);
const out = resolve(args.out ?? 'models/segmentation/thyroid');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'model.json'), `${JSON.stringify(header, null, 2)}\n`);
writeFloat32Tensors(join(out, 'weights.bin'), tensors, best.weights);
writeFileSync(join(out, 'MODEL_CARD.md'), segmentationModelCard(header));
if (!validationOnly) await finishModel(out, dataDir, log);
log(`wrote ${out}`);
