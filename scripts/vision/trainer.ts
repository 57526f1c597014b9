import { expectedCalibrationError } from '../../src/ml/calibration.js';
import { accuracy, bootstrap, rocAuc } from '../../src/ml/metrics.js';
import { seededRandom, shuffledIndices } from '../../src/ml/random.js';
import { applyPlatt, fitPlatt } from '../../src/vision/calibration.js';
import type { LabelledImages, TaskSplits } from '../../src/vision/datasets.js';
import { operatingPoint } from '../../src/vision/metrics.js';
import type { SplitMetrics, VisionModelFile } from '../../src/vision/model-file.js';
import {
  forward,
  initialWeights,
  type NetworkConfig,
  parameterShapes,
} from '../../src/vision/nn/architecture.js';
import { tf } from '../../src/vision/nn/backend.js';
import type { VisionTask } from '../../src/vision/tasks.js';

export interface TrainOptions {
  readonly task: VisionTask;
  readonly config: NetworkConfig;
  readonly seed: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly weightDecay: number;
  readonly flip: boolean;
  readonly maxShiftPx: number;
  /** Label smoothing for the binary cross-entropy (Szegedy et al., CVPR 2016); 0 or absent = none. */
  readonly labelSmoothing?: number;
  /** Maximum random rotation in degrees (nearest neighbour, edge-clamped); 0 or absent = none. */
  readonly maxRotationDeg?: number;
  /**
   * Stochastic weight averaging (Izmailov et al., UAI 2018): average the weights at the end of every epoch from this
   * (1-based) epoch on and keep the average instead of the best-calibration-AUC epoch. Absent = no averaging.
   */
  readonly averageFromEpoch?: number;
  /**
   * Seed for the initial weights, batch order and augmentation when it should differ from `seed` (which also draws
   * the calibration split): members of an ensemble share one split and differ only here. Absent = `seed`.
   */
  readonly initSeed?: number;
  /**
   * Knowledge distillation (Hinton et al. 2015; DeiT, Touvron et al. 2021): the loss mixes the labels with the
   * teacher's probabilities on the same augmented batch, weight `distillWeight` on the teacher. Absent: labels only.
   */
  readonly teacher?: { logits(batch: readonly Float32Array[]): Float32Array };
  readonly distillWeight?: number;
  readonly log: (line: string) => void;
}

/** Random shift (edge-padded), optional left–right flip and ±10 % contrast/brightness jitter, seeded. */
function augment(
  pixels: Float32Array,
  size: number,
  random: () => number,
  options: TrainOptions,
): Float32Array {
  const out = new Float32Array(size * size);
  const dx = Math.round((random() * 2 - 1) * options.maxShiftPx);
  const dy = Math.round((random() * 2 - 1) * options.maxShiftPx);
  const flip = options.flip && random() < 0.5;
  const contrast = 0.9 + 0.2 * random();
  const brightness = (random() * 2 - 1) * 12;
  // Drawn only when rotation is on, so runs without it keep their random sequence.
  const angle = options.maxRotationDeg ? (((random() * 2 - 1) * options.maxRotationDeg) / 180) * Math.PI : 0;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const centre = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let ry = y;
      let rx = x;
      if (angle !== 0) {
        rx = Math.round(centre + (x - centre) * cos + (y - centre) * sin);
        ry = Math.round(centre - (x - centre) * sin + (y - centre) * cos);
      }
      const sy = Math.min(size - 1, Math.max(0, ry - dy));
      let sx = Math.min(size - 1, Math.max(0, rx - dx));
      if (flip) sx = size - 1 - sx;
      const v = (pixels[sy * size + sx] as number) * contrast + brightness;
      out[y * size + x] = Math.min(255, Math.max(0, v));
    }
  }
  return out;
}

function toTensor(images: readonly Float32Array[], size: number, mean: number, std: number): tf.Tensor4D {
  const data = new Float32Array(images.length * size * size);
  images.forEach((img, i) => {
    for (let k = 0; k < img.length; k++) data[i * size * size + k] = ((img[k] as number) / 255 - mean) / std;
  });
  return tf.tensor4d(data, [images.length, size, size, 1]);
}

export function logitsOf(
  config: NetworkConfig,
  params: Readonly<Record<string, tf.Tensor>>,
  set: LabelledImages,
  mean: number,
  std: number,
): Float32Array {
  const out = new Float32Array(set.images.length);
  for (let i = 0; i < set.images.length; i += 256) {
    const chunk = set.images.slice(i, i + 256);
    const values = tf.tidy(() =>
      forward(config, params, toTensor(chunk, config.inputSize, mean, std)).logits.dataSync(),
    );
    out.set(values, i);
  }
  return out;
}

export function splitMetrics(
  probabilities: ArrayLike<number>,
  labels: readonly number[],
  seed: number,
): SplitMetrics {
  const auc = bootstrap(rocAuc, probabilities, labels, { seed });
  const acc = bootstrap((s, l) => accuracy(s, l), probabilities, labels, { seed });
  return { n: labels.length, auc, accuracy: acc, ece: expectedCalibrationError(probabilities, labels) };
}

/** Trains one network; keeps the epoch with the best calibration-split AUC; fits Platt scaling on that split. */
export function train(
  splits: TaskSplits,
  options: TrainOptions,
): { header: VisionModelFile; weights: Map<string, Float32Array> } {
  const { config, seed } = options;
  const size = config.inputSize;
  const random = seededRandom(options.initSeed ?? seed);
  // Normalisation from the training images.
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  for (const img of splits.train.images) {
    for (const v of img) {
      sum += v / 255;
      sumSq += (v / 255) ** 2;
      count++;
    }
  }
  const mean = sum / count;
  const std = Math.sqrt(sumSq / count - mean * mean) || 1;
  const init = initialWeights(config, random);
  const params: Record<string, tf.Variable> = {};
  for (const [name, shape] of parameterShapes(config))
    params[name] = tf.variable(tf.tensor(init.get(name) as Float32Array, shape), true, name);
  const optimizer = tf.train.adam(options.learningRate);
  const decayed = Object.entries(params).filter(([name]) => name.endsWith('.w'));
  let best = { auc: -1, epoch: -1, weights: new Map<string, Float32Array>() };
  const n = splits.train.images.length;
  const stepsPerEpoch = Math.ceil(n / options.batchSize);
  const totalSteps = stepsPerEpoch * options.epochs;
  let step = 0;
  const average = new Map<string, Float32Array>();
  let averaged = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const started = performance.now();
    const order = shuffledIndices(n, random);
    let lossSum = 0;
    for (let b = 0; b < n; b += options.batchSize) {
      // Cosine learning-rate decay (Loshchilov & Hutter 2017) after one warm-up epoch.
      const warm = Math.min(1, (step + 1) / stepsPerEpoch);
      const lr = options.learningRate * warm * 0.5 * (1 + Math.cos((Math.PI * step) / totalSteps));
      (optimizer as unknown as { learningRate: number }).learningRate = lr;
      const idx = order.slice(b, b + options.batchSize);
      const batch = idx.map((i) => augment(splits.train.images[i] as Float32Array, size, random, options));
      const alpha = options.teacher ? (options.distillWeight ?? 0.5) : 0;
      const teacherP = options.teacher
        ? Array.from(options.teacher.logits(batch), (z) => 1 / (1 + Math.exp(-z)))
        : undefined;
      const labels = tf.tensor1d(
        idx.map((i, k) => (1 - alpha) * (splits.train.labels[i] as number) + alpha * (teacherP?.[k] ?? 0)),
      );
      const x = toTensor(batch, size, mean, std);
      const loss = optimizer.minimize(() => {
        const { logits } = forward(config, params, x);
        const bce = (
          options.labelSmoothing
            ? tf.losses.sigmoidCrossEntropy(labels, logits, undefined, options.labelSmoothing)
            : tf.losses.sigmoidCrossEntropy(labels, logits)
        ) as tf.Scalar;
        const l2 = decayed.reduce((acc, [, w]) => acc.add(tf.sum(tf.square(w))), tf.scalar(0));
        return bce.add(l2.mul(options.weightDecay)) as tf.Scalar;
      }, true);
      lossSum += (loss?.dataSync()[0] ?? 0) * idx.length;
      loss?.dispose();
      x.dispose();
      labels.dispose();
      step++;
    }
    const calLogits = logitsOf(config, params, splits.calibration, mean, std);
    const calAuc = rocAuc(calLogits, splits.calibration.labels);
    options.log(
      `epoch ${epoch + 1}/${options.epochs} loss ${(lossSum / n).toFixed(4)} calibration AUC ${calAuc.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (calAuc > best.auc) {
      const weights = new Map<string, Float32Array>();
      for (const [name, v] of Object.entries(params)) weights.set(name, v.dataSync().slice() as Float32Array);
      best = { auc: calAuc, epoch: epoch + 1, weights };
    }
    if (options.averageFromEpoch !== undefined && epoch + 1 >= options.averageFromEpoch) {
      averaged++;
      for (const [name, v] of Object.entries(params)) {
        const current = v.dataSync();
        const running = average.get(name) ?? new Float32Array(current.length);
        for (let k = 0; k < current.length; k++)
          running[k] = (running[k] as number) + ((current[k] as number) - (running[k] as number)) / averaged;
        average.set(name, running);
      }
    }
  }
  if (averaged > 0) {
    best = { auc: Number.NaN, epoch: options.epochs, weights: average };
    for (const [name, v] of Object.entries(params))
      v.assign(tf.tensor(average.get(name) as Float32Array, v.shape));
    const averagedAuc = rocAuc(
      logitsOf(config, params, splits.calibration, mean, std),
      splits.calibration.labels,
    );
    options.log(
      `weights averaged over epochs ${options.averageFromEpoch}–${options.epochs}: calibration AUC ${averagedAuc.toFixed(4)}`,
    );
  }
  for (const [name, v] of Object.entries(params))
    v.assign(tf.tensor(best.weights.get(name) as Float32Array, v.shape));
  const calLogits = logitsOf(config, params, splits.calibration, mean, std);
  const calibration = fitPlatt(calLogits, splits.calibration.labels);
  const calProbabilities = Array.from(calLogits, (z) => applyPlatt(calibration, z));
  const valProbabilities = Array.from(logitsOf(config, params, splits.validation, mean, std), (z) =>
    applyPlatt(calibration, z),
  );
  const op = operatingPoint(calProbabilities, splits.calibration.labels);
  const prevalence =
    splits.calibration.labels.filter((l) => l === 1).length / splits.calibration.labels.length;
  for (const v of Object.values(params)) v.dispose();
  optimizer.dispose();
  const modelId = `vision-${options.task}-${config.arch}`;
  const trainedAt = new Date().toISOString();
  const header: VisionModelFile = {
    format: 'healthgpt-vision/1',
    modelId,
    modelVersion: `${trainedAt.slice(0, 10)}-seed${seed}`,
    trainedAt,
    task: options.task,
    arch: config.arch,
    config,
    normalisation: { mean, std },
    calibration,
    seed,
    training: {
      data: splits.description,
      epochs: options.epochs,
      bestEpoch: best.epoch,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      schedule:
        averaged > 0
          ? `adam, 1 warm-up epoch, cosine decay; weights averaged over epochs ${options.averageFromEpoch}–${options.epochs}`
          : 'adam, 1 warm-up epoch, cosine decay',
      ...(options.labelSmoothing ? { labelSmoothing: options.labelSmoothing } : {}),
      ...(options.initSeed !== undefined ? { initSeed: options.initSeed } : {}),
      weightDecay: options.weightDecay,
      augmentation: `shift ±${options.maxShiftPx} px, ${options.maxRotationDeg ? `rotation ±${options.maxRotationDeg}°, ` : ''}${options.flip ? 'left–right flip, ' : ''}contrast ×0.9–1.1, brightness ±12`,
      parameters: parameterShapes(config).reduce((a, [, s]) => a + s.reduce((x, y) => x * y, 1), 0),
    },
    metrics: {
      calibration: splitMetrics(calProbabilities, splits.calibration.labels, seed),
      validation: splitMetrics(valProbabilities, splits.validation.labels, seed),
    },
    operatingPoint: { sensitivity: op.sensitivity, specificity: op.specificity, prevalence },
    tensors: parameterShapes(config).map(([name, shape]) => ({ name, shape })),
  };
  return { header, weights: best.weights };
}
