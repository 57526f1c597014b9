/**
 * Operating points of the committed vision models, measured on held-out training data (the calibration split) and
 * the official validation split — never on test images (the MedMNIST test splits are not in this repository).
 *
 *   npx tsx scripts/vision/operating-points.ts [--json]
 *
 * Three rules for "present": calibrated P(label 1) ≥ 0.5 (accuracy-optimal when the deployment prevalence equals the
 * calibration split's); P ≥ calibration prevalence (likelihood ratio ≥ 1: prevalence-neutral, the balanced-accuracy
 * optimum under label shift); and Youden's J maximised on the calibration split. Accuracy, balanced accuracy and
 * ECE with 95 % bootstrap intervals.
 */
import { pathToFileURL } from 'node:url';
import { requireDataset } from '../../src/app/datasets.js';
import { expectedCalibrationError } from '../../src/ml/calibration.js';
import { bootstrap } from '../../src/ml/metrics.js';
import { VisionClassifier } from '../../src/vision/classifier.js';
import { medMnistImages, taskSplits } from '../../src/vision/datasets.js';

const accAt = (t: number) => (p: ArrayLike<number>, y: ArrayLike<number>) => {
  let c = 0;
  for (let i = 0; i < p.length; i++) c += ((p[i] as number) >= t ? 1 : 0) === y[i] ? 1 : 0;
  return c / p.length;
};
const balAt = (t: number) => (p: ArrayLike<number>, y: ArrayLike<number>) => {
  let tp = 0;
  let pos = 0;
  let tn = 0;
  let neg = 0;
  for (let i = 0; i < p.length; i++) {
    if (y[i] === 1) {
      pos++;
      if ((p[i] as number) >= t) tp++;
    } else {
      neg++;
      if ((p[i] as number) < t) tn++;
    }
  }
  return (tp / Math.max(1, pos) + tn / Math.max(1, neg)) / 2;
};

function youden(p: readonly number[], y: readonly number[]): number {
  const candidates = [...new Set(p)].sort((a, b) => a - b);
  let best = { j: -1, t: 0.5 };
  for (const t of candidates) {
    const j = balAt(t)(p, y);
    if (j > best.j) best = { j, t };
  }
  return best.t;
}

const f3 = (v: number) => v.toFixed(3);
const ci = (e: { value: number; low: number; high: number }) =>
  `${f3(e.value)} [${f3(e.low)}, ${f3(e.high)}]`;
export interface OperatingPointRow {
  readonly task: string;
  readonly model: string;
  readonly rule: string;
  readonly threshold: number;
  readonly split: string;
  readonly n: number;
  readonly accuracy: string;
  readonly balancedAccuracy: string;
  readonly ece: string;
}

export async function operatingPointRows(): Promise<OperatingPointRow[]> {
  const rows: OperatingPointRow[] = [];
  for (const task of ['pneumonia', 'breast'] as const) {
    const model = await VisionClassifier.load(task);
    const splits = taskSplits(task, requireDataset, model.header.seed, model.inputSize);
    const cal = splits.calibration;
    const val = medMnistImages(
      requireDataset(
        'images',
        task === 'pneumonia' ? 'pneumoniamnist' : 'breastmnist',
        `${task === 'pneumonia' ? 'pneumonia' : 'breast'}mnist_trainval.npz`,
      ),
      'val',
    );
    const pc = model.predictBatch(cal.images).map((x) => x.probabilityLabel1);
    const pv = model.predictBatch(val.images).map((x) => x.probabilityLabel1);
    const prevalence = cal.labels.reduce((a: number, b) => a + b, 0) / cal.labels.length;
    const rules: [string, number][] = [
      ['P ≥ 0.5 (MedMNIST getACC)', 0.5],
      ['P ≥ calibration prevalence (LR ≥ 1; the operating point)', prevalence],
      ['Youden J on calibration', youden(pc, cal.labels)],
    ];
    for (const [rule, t] of rules)
      for (const [split, p, y] of [
        ['calibration', pc, cal.labels],
        ['validation', pv, val.labels],
      ] as const) {
        rows.push({
          task,
          model: model.header.modelId,
          rule,
          threshold: Number(t.toFixed(4)),
          split,
          n: y.length,
          accuracy: ci(bootstrap(accAt(t), p, y, { seed: 7, resamples: 1000 })),
          balancedAccuracy: ci(bootstrap(balAt(t), p, y, { seed: 7, resamples: 1000 })),
          ece: f3(expectedCalibrationError(p, y)),
        });
      }
    model.dispose();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await operatingPointRows();
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else for (const r of rows) console.log(Object.values(r).join(' | '));
}
