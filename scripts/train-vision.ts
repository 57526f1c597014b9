/**
 * Trains a HealthGPT imaging model on the public data sets and writes it to `models/vision/<task>/<arch>/`.
 *
 *   npm run train:vision -- --task pneumonia|breast|thyroid [--arch cnn|vit] [--seed N] [--epochs N] [--batch N] [--out DIR]
 *     [--lr X] [--weight-decay X] [--label-smoothing X] [--rotate-deg D] [--shift-px N] [--average-from EPOCH]
 *     [--stem conv] [--distill W]
 *
 * `--stem conv` (ViT only): a hybrid ViT whose tokens come from a two-stage convolutional stem; `--distill W`: the
 * loss mixes the labels with the committed CNN's probabilities (teacher weight W).
 *
 * The extra options default to the values every committed model was trained with; `--average-from E` keeps the
 * average of the weights after epochs E…last (stochastic weight averaging) instead of the best-calibration epoch.
 *
 * `--out DIR` writes to DIR/<task>/<arch>/ instead of the committed models (and leaves defaults and cards alone).
 *
 * Reproducible: the seed drives the calibration split, initial weights, batch order and augmentation, and the wasm
 * backend is deterministic. Afterwards `models/vision/defaults.json` and the task's MODEL_CARD.md are rewritten.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { requireDataset } from '../src/app/datasets.js';
import { VisionClassifier } from '../src/vision/classifier.js';
import { taskSplits } from '../src/vision/datasets.js';
import { modelDir, visionModelsDir, writeModelFile } from '../src/vision/model-file.js';
import { DEFAULT_CNN, DEFAULT_VIT } from '../src/vision/nn/architecture.js';
import { tfReady } from '../src/vision/nn/backend.js';
import { isVisionTask, TASK_INFO, type VisionTask } from '../src/vision/tasks.js';
import { exportOnnx } from './vision/export-onnx.js';
import { updateDefaultsAndCard } from './vision/model-card.js';
import { train } from './vision/trainer.js';

const { values } = parseArgs({
  options: {
    task: { type: 'string' },
    arch: { type: 'string', default: 'cnn' },
    seed: { type: 'string', default: '1' },
    epochs: { type: 'string' },
    batch: { type: 'string' },
    out: { type: 'string' },
    'card-only': { type: 'boolean', default: false },
    lr: { type: 'string' },
    'weight-decay': { type: 'string' },
    'label-smoothing': { type: 'string' },
    'rotate-deg': { type: 'string' },
    'shift-px': { type: 'string' },
    'average-from': { type: 'string' },
    'init-seed': { type: 'string' },
    stem: { type: 'string' },
    distill: { type: 'string' },
  },
});
const task = values.task ?? '';
if (!isVisionTask(task)) {
  console.error(
    'usage: npm run train:vision -- --task pneumonia|breast|thyroid [--arch cnn|vit] [--seed N] [--epochs N]',
  );
  process.exit(2);
}
const arch = values.arch === 'vit' ? 'vit' : values.arch === 'cnn' ? 'cnn' : undefined;
if (!arch) {
  console.error(`unknown --arch ${values.arch}; use cnn or vit`);
  process.exit(2);
}
const seed = Number(values.seed);
if (values['card-only']) {
  updateDefaultsAndCard(task as VisionTask, visionModelsDir());
  process.exit(0);
}
/** Epochs per task and architecture, sized for a few minutes on 2 cores. */
const EPOCHS: Record<VisionTask, Record<'cnn' | 'vit', number>> = {
  pneumonia: { cnn: 10, vit: 8 },
  breast: { cnn: 60, vit: 30 },
  thyroid: { cnn: 60, vit: 30 },
};
await tfReady();
if (values.stem !== undefined && (values.stem !== 'conv' || arch !== 'vit')) {
  console.error('--stem conv applies to --arch vit only');
  process.exit(2);
}
const config =
  arch === 'cnn'
    ? DEFAULT_CNN
    : values.stem === 'conv'
      ? { ...DEFAULT_VIT, stem: 'conv' as const, stemChannels: [16, 32] as const }
      : DEFAULT_VIT;
// Distillation from the task's committed CNN (the teacher), when asked.
const teacher = values.distill !== undefined ? await VisionClassifier.load(task, 'cnn') : undefined;
const started = performance.now();
const splits = taskSplits(task, requireDataset, seed, config.inputSize);
console.log(`${task}/${arch}: ${splits.description}`);
const { header, weights } = train(splits, {
  task,
  config,
  seed,
  epochs: values.epochs ? Number(values.epochs) : EPOCHS[task][arch],
  batchSize: values.batch ? Number(values.batch) : task === 'pneumonia' ? 64 : 16,
  learningRate: values.lr ? Number(values.lr) : arch === 'cnn' ? 3e-3 : 1e-3,
  weightDecay: values['weight-decay'] ? Number(values['weight-decay']) : arch === 'cnn' ? 1e-4 : 5e-5,
  flip: TASK_INFO[task].flipAugment,
  maxShiftPx: values['shift-px'] ? Number(values['shift-px']) : 2,
  ...(values['label-smoothing'] ? { labelSmoothing: Number(values['label-smoothing']) } : {}),
  ...(values['rotate-deg'] ? { maxRotationDeg: Number(values['rotate-deg']) } : {}),
  ...(values['average-from'] ? { averageFromEpoch: Number(values['average-from']) } : {}),
  ...(values['init-seed'] ? { initSeed: Number(values['init-seed']) } : {}),
  ...(teacher ? { teacher, distillWeight: Number(values.distill) } : {}),
  log: (line) => console.log(line),
});
/** The non-default options of this run, so the model card's reproduce command is exact. */
const extraArgs = (
  [
    'lr',
    'weight-decay',
    'label-smoothing',
    'rotate-deg',
    'shift-px',
    'average-from',
    'init-seed',
    'epochs',
    'batch',
    'stem',
    'distill',
  ] as const
)
  .filter((name) => values[name] !== undefined)
  .map((name) => `--${name} ${values[name]}`)
  .join(' ');
const dir = values.out ? join(values.out, task, arch) : modelDir(task, arch);
mkdirSync(dir, { recursive: true });
writeModelFile(
  dir,
  {
    ...header,
    training: {
      ...header.training,
      seconds: Math.round((performance.now() - started) / 1000),
      ...(extraArgs ? { extraArgs } : {}),
    },
  },
  weights,
);
const v = header.metrics.validation;
console.log(
  `${header.modelId}: validation AUC ${v.auc.value.toFixed(4)} [${v.auc.low.toFixed(3)}, ${v.auc.high.toFixed(3)}], accuracy ${v.accuracy.value.toFixed(4)}; written to ${dir}`,
);
if (!values.out) {
  if (arch === 'cnn') console.log(`ONNX export: ${exportOnnx(task)}`);
  updateDefaultsAndCard(task, visionModelsDir());
}
