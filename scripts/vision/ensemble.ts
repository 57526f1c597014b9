/**
 * Folds K CNNs of the same shape, trained on the same calibration split (same `--seed`, different `--init-seed`), into
 * ONE wider CNN whose logit is the mean of the members' logits, and refits Platt scaling on the calibration split:
 *
 *   npx tsx scripts/vision/ensemble.ts --task breast --members DIR1,DIR2,DIR3 [--out DIR]
 *
 * The fold is exact: conv1 stacks the members' filters side by side, conv2–conv4 are block-diagonal (a member's
 * channels only see its own channels), ReLU, max-pooling and global average pooling act per channel, and the head
 * concatenates the members' head weights divided by K. So the committed file keeps the single-network format the
 * classifier, Grad-CAM (which then sums the members' maps) and the ONNX export already read. Averaging the logits of
 * independently initialised networks is the "deep ensemble" of Lakshminarayanan et al. (NeurIPS 2017).
 *
 * Without `--out` it writes the task's committed CNN, its ONNX export, defaults.json and MODEL_CARD.md.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { requireDataset } from '../../src/app/datasets.js';
import { applyPlatt, fitPlatt } from '../../src/vision/calibration.js';
import { taskSplits } from '../../src/vision/datasets.js';
import { operatingPoint } from '../../src/vision/metrics.js';
import {
  modelDir,
  readModelFile,
  type VisionModelFile,
  visionModelsDir,
  writeModelFile,
} from '../../src/vision/model-file.js';
import { type CnnConfig, parameterShapes } from '../../src/vision/nn/architecture.js';
import { tf, tfReady } from '../../src/vision/nn/backend.js';
import { isVisionTask } from '../../src/vision/tasks.js';
import { exportOnnx } from './export-onnx.js';
import { updateDefaultsAndCard } from './model-card.js';
import { logitsOf, splitMetrics } from './trainer.js';

/** Member weights → the weights of one CNN with K× the channels computing the mean member logit. */
export function foldCnnEnsemble(
  config: CnnConfig,
  members: readonly ReadonlyMap<string, Float32Array>[],
): { config: CnnConfig; weights: Map<string, Float32Array> } {
  const k = members.length;
  const [c1, c2, c3] = config.channels;
  const wide: CnnConfig = { ...config, channels: [c1 * k, c2 * k, c3 * k] };
  const weights = new Map<string, Float32Array>();
  for (const [name, shape] of parameterShapes(wide)) {
    const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
    const narrow = parameterShapes(config).find(([n]) => n === name)?.[1] as number[];
    members.forEach((member, m) => {
      const w = member.get(name) as Float32Array;
      if (name === 'head.b') {
        out[0] = (out[0] as number) + (w[0] as number) / k;
      } else if (name.endsWith('.b')) {
        out.set(w, m * (narrow[0] as number));
      } else if (name === 'head.w') {
        for (let i = 0; i < w.length; i++) out[m * w.length + i] = (w[i] as number) / k;
      } else {
        // HWIO conv kernel: member m occupies input block m (except conv1's single input) and output block m.
        const [kh, kw, cin, cout] = narrow as [number, number, number, number];
        const wideIn = shape[2] as number;
        const wideOut = shape[3] as number;
        const inOffset = name === 'conv1.w' ? 0 : m * cin;
        for (let y = 0; y < kh; y++)
          for (let x = 0; x < kw; x++)
            for (let i = 0; i < cin; i++)
              for (let o = 0; o < cout; o++)
                out[((y * kw + x) * wideIn + inOffset + i) * wideOut + m * cout + o] = w[
                  ((y * kw + x) * cin + i) * cout + o
                ] as number;
      }
    });
    weights.set(name, out);
  }
  return { config: wide, weights };
}

if (process.argv[1]?.endsWith('ensemble.ts')) {
  const { values } = parseArgs({
    options: { task: { type: 'string' }, members: { type: 'string' }, out: { type: 'string' } },
  });
  const task = values.task ?? '';
  const dirs = (values.members ?? '').split(',').filter(Boolean);
  if (!isVisionTask(task) || dirs.length < 2) {
    console.error(
      'usage: npx tsx scripts/vision/ensemble.ts --task TASK --members DIR1,DIR2[,…] [--out DIR]',
    );
    process.exit(2);
  }
  await tfReady();
  const members = dirs.map((dir) => readModelFile(dir));
  const first = members[0]?.header as VisionModelFile;
  if (first.config.arch !== 'cnn') throw new Error('only CNN members can be folded');
  for (const { header } of members) {
    if (header.seed !== first.seed || JSON.stringify(header.config) !== JSON.stringify(first.config))
      throw new Error('members must share the split seed and the architecture');
    if (
      header.normalisation.mean !== first.normalisation.mean ||
      header.normalisation.std !== first.normalisation.std
    )
      throw new Error('members must share the normalisation (same training split)');
  }
  const { config, weights } = foldCnnEnsemble(
    first.config,
    members.map((m) => m.weights),
  );
  const splits = taskSplits(task, requireDataset, first.seed, config.inputSize);
  const params: Record<string, tf.Tensor> = {};
  for (const [name, shape] of parameterShapes(config))
    params[name] = tf.tensor(weights.get(name) as Float32Array, shape);
  const { mean, std } = first.normalisation;
  const calLogits = logitsOf(config, params, splits.calibration, mean, std);
  const calibration = fitPlatt(calLogits, splits.calibration.labels);
  const calProbabilities = Array.from(calLogits, (z) => applyPlatt(calibration, z));
  const valProbabilities = Array.from(logitsOf(config, params, splits.validation, mean, std), (z) =>
    applyPlatt(calibration, z),
  );
  const op = operatingPoint(calProbabilities, splits.calibration.labels);
  const prevalence =
    splits.calibration.labels.filter((l) => l === 1).length / splits.calibration.labels.length;
  const initSeeds = members.map((m) =>
    Number(
      m.header.training.initSeed ??
        /--init-seed (\d+)/.exec(String(m.header.training.extraArgs ?? ''))?.[1] ??
        m.header.seed,
    ),
  );
  const trainedAt = new Date().toISOString();
  const header: VisionModelFile = {
    ...first,
    modelVersion: `${trainedAt.slice(0, 10)}-seed${first.seed}-ensemble${members.length}`,
    trainedAt,
    config,
    calibration,
    training: {
      ...first.training,
      bestEpoch: members.map((m) => String(m.header.training.bestEpoch)).join(', '),
      parameters: parameterShapes(config).reduce((a, [, s]) => a + s.reduce((x, y) => x * y, 1), 0),
      seconds: members.reduce((a, m) => a + Number(m.header.training.seconds ?? 0), 0),
      ensemble: `mean logit of ${members.length} CNNs (${first.config.channels.join('/')} channels each), split seed ${first.seed}, init seeds ${initSeeds.join(', ')}, folded into one block-diagonal CNN`,
      reproduce: `${initSeeds.map((s) => `npm run train:vision -- --task ${task} --seed ${first.seed} --init-seed ${s}${first.training.extraArgs ? ` ${String(first.training.extraArgs).replace(/--init-seed \d+ ?/, '')}` : ''} --out /tmp/e${s}`).join('; ')}; npx tsx scripts/vision/ensemble.ts --task ${task} --members ${initSeeds.map((s) => `/tmp/e${s}/${task}/cnn`).join(',')}`,
    },
    metrics: {
      calibration: splitMetrics(calProbabilities, splits.calibration.labels, first.seed),
      validation: splitMetrics(valProbabilities, splits.validation.labels, first.seed),
    },
    operatingPoint: { sensitivity: op.sensitivity, specificity: op.specificity, prevalence },
    tensors: parameterShapes(config).map(([name, shape]) => ({ name, shape })),
  };
  const dir = values.out ? join(values.out, task, 'cnn') : modelDir(task, 'cnn');
  mkdirSync(dir, { recursive: true });
  writeModelFile(dir, header, weights);
  const c = header.metrics.calibration.auc;
  const v = header.metrics.validation.auc;
  console.log(
    `${header.modelId} (${members.length}-member ensemble): calibration AUC ${c.value.toFixed(4)}, validation AUC ${v.value.toFixed(4)} [${v.low.toFixed(3)}, ${v.high.toFixed(3)}], accuracy ${header.metrics.validation.accuracy.value.toFixed(4)}; written to ${dir}`,
  );
  if (!values.out) {
    console.log(`ONNX export: ${exportOnnx(task)}`);
    updateDefaultsAndCard(task, visionModelsDir());
  }
}
