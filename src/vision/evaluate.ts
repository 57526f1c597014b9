import { existsSync, statSync } from 'node:fs';
import { accuracy, rocAuc } from '../ml/metrics.js';
import { classifierFor } from './analysis.js';
import { ddtiImages, medMnistImages } from './datasets.js';
import { readDdti } from './io/ddti.js';
import { medMnistSplits } from './io/medmnist.js';
import { decisionThreshold } from './model-file.js';
import type { Arch } from './nn/architecture.js';
import { resizeArea } from './preprocess.js';
import type { VisionTask } from './tasks.js';

/** The `healthgpt eval vision` result (keep these field names: an external contract). */
export interface VisionEvaluation {
  readonly task: VisionTask;
  readonly data: string;
  readonly split?: string;
  readonly n: number;
  /** AUC of the predicted probability of label 1 against the labels (MedMNIST `getAUC`). */
  readonly auc: number;
  /**
   * Share correct at the model's operating point: label 1 when P(label 1) ≥ the calibration split's prevalence of
   * label 1 (likelihood ratio ≥ 1; `decisionThreshold`), chosen on held-out training data. MedMNIST's `getACC` uses
   * 0.5; see docs/vision.md for both.
   */
  readonly accuracy: number;
  readonly modelId: string;
  readonly modelVersion: string;
}

/**
 * Evaluates a task's committed model. Pneumonia/breast: a MedMNIST `.npz`, split `test` when present else `val`
 * (or the one named). Thyroid: a DDTI-layout folder (`cropped/*.png`, `diagnosis.csv`), every rated crop.
 */
export async function evaluateVision(
  task: VisionTask,
  data: string,
  options: { split?: 'test' | 'val' | 'train'; arch?: Arch } = {},
): Promise<VisionEvaluation> {
  if (!existsSync(data)) throw new Error(`${data} does not exist`);
  const classifier = await classifierFor(task, options.arch);
  let images: readonly Float32Array[];
  let labels: readonly number[];
  let split: string | undefined;
  if (task === 'thyroid') {
    if (!statSync(data).isDirectory())
      throw new Error('--task thyroid expects --data DIR with cropped/*.png and diagnosis.csv');
    const set = ddtiImages(readDdti(data), classifier.inputSize);
    images = set.images;
    labels = set.labels;
  } else {
    const available = medMnistSplits(data).splits;
    split = options.split ?? (available.has('test') ? 'test' : 'val');
    if (!available.has(split as 'test'))
      throw new Error(`${data} has no '${split}' split (has: ${[...available.keys()].join(', ')})`);
    const set = medMnistImages(data, split as 'test');
    const size = available.get(split as 'test')?.size ?? classifier.inputSize;
    // MedMNIST+ files (64, 128, 224 px) are area-downsampled to the model's input size.
    const inputSize = classifier.inputSize;
    images =
      size === inputSize
        ? set.images
        : set.images.map(
            (pixels) => resizeArea({ width: size, height: size, pixels }, inputSize, inputSize).pixels,
          );
    labels = set.labels;
  }
  if (images.length === 0) throw new Error(`no labelled images in ${data}`);
  const probabilities = classifier.predictBatch(images).map((p) => p.probabilityLabel1);
  return {
    task,
    data,
    ...(split ? { split } : {}),
    n: images.length,
    auc: rocAuc(probabilities, labels),
    accuracy: accuracy(probabilities, labels, decisionThreshold(classifier.header)),
    modelId: classifier.header.modelId,
    modelVersion: classifier.header.modelVersion,
  };
}
