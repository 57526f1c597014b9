import type { LearnedModel } from '../../src/engine/learned-model.js';
import { stratifiedSplitIndices } from '../../src/ml/split.js';
import type { SplitSource } from '../../src/ml/split-source.js';
import { type Heatmap, VisionClassifier } from '../../src/vision/classifier.js';
import { CALIBRATION_SHARE, type LabelledImages, medMnistImages } from '../../src/vision/datasets.js';
import type { SplitMetrics, VisionModelFile } from '../../src/vision/model-file.js';
import { tfReady } from '../../src/vision/nn/backend.js';
import { splitMetrics, type TrainOptions, train } from './trainer.js';

/** One model-sized grey image (0–255, `inputSize`²) and its data-set label. */
export type VisionExample = { readonly features: Float32Array; readonly label: number };

/**
 * A MedMNIST `.npz` as a split source: `train` and `validation` are the official train and val splits; the official
 * test split is never read (asking for it is an error).
 */
export function medMnistSplitSource(path: string): SplitSource<LabelledImages> {
  return {
    description: `${path}: official train and val splits (test split never read)`,
    read(split) {
      if (split === 'train') return medMnistImages(path, 'train');
      if (split === 'validation') return medMnistImages(path, 'val');
      throw new Error(`the ${split} split is not read: training carves its calibration part out of train`);
    },
  };
}

const examplesOf = (set: LabelledImages): VisionExample[] =>
  set.images.map((features, i) => ({ features, label: set.labels[i] as number }));

/**
 * The vision classifiers behind the `LearnedModel` contract: `fit` trains one network the way `npm run
 * train:vision` does (a stratified, seeded calibration part of `CALIBRATION_SHARE` is held out of the examples for
 * epoch choice and Platt scaling), `predict` gives the calibrated probability of label 1, `explain` the heatmap
 * (Grad-CAM / attention rollout), `evaluate` AUC and accuracy with bootstrap intervals and ECE, `toJSON` the model
 * header (`writeModelFile` writes it with the weights).
 */
export class VisionLearnedModel implements LearnedModel<Float32Array, number, number, Heatmap, SplitMetrics> {
  #header: VisionModelFile | undefined;
  #weights: Map<string, Float32Array> | undefined;
  #classifier: VisionClassifier | undefined;

  constructor(readonly options: Omit<TrainOptions, 'log'> & { readonly log?: (line: string) => void }) {}

  get modelId(): string {
    return `vision-${this.options.task}-${this.options.config.arch}`;
  }

  get modelVersion(): string {
    return this.#header?.modelVersion ?? 'untrained';
  }

  get weights(): ReadonlyMap<string, Float32Array> {
    if (!this.#weights) throw new Error(`${this.modelId} is not trained`);
    return this.#weights;
  }

  async fit(
    examples: readonly VisionExample[],
    description = `${examples.length} training images`,
  ): Promise<void> {
    await tfReady();
    const labels = examples.map((e) => e.label);
    const { kept, heldOut } = stratifiedSplitIndices(labels, CALIBRATION_SHARE, this.options.seed);
    const pick = (indices: readonly number[]): LabelledImages => ({
      images: indices.map((i) => examples[i]!.features),
      labels: indices.map((i) => labels[i]!),
    });
    const { header, weights } = train(
      {
        train: pick(kept),
        calibration: pick(heldOut),
        // Nothing to report on here: `evaluate` measures a split of the caller's choice afterwards.
        validation: { images: [], labels: [] },
        description: `${description} → ${kept.length} train / ${heldOut.length} calibration (stratified, seed ${this.options.seed})`,
      },
      { log: () => {}, ...this.options },
    );
    this.#classifier?.dispose();
    this.#header = header;
    this.#weights = weights;
    this.#classifier = await VisionClassifier.fromModel(header, weights);
  }

  /** Fits on the source's training split — the only split it reads. */
  async fitFromSource(source: SplitSource<LabelledImages>): Promise<void> {
    await this.fit(examplesOf(source.read('train')), source.description);
  }

  #trained(): VisionClassifier {
    if (!this.#classifier) throw new Error(`${this.modelId} is not trained`);
    return this.#classifier;
  }

  predict(image: Float32Array): number {
    return this.#trained().predictBatch([image])[0]!.probabilityLabel1;
  }

  explain(image: Float32Array): Heatmap {
    const size = this.options.config.inputSize;
    return this.#trained().heatmap({ width: size, height: size, pixels: image });
  }

  evaluate(examples: readonly VisionExample[]): SplitMetrics {
    const probabilities = this.#trained()
      .predictBatch(examples.map((e) => e.features))
      .map((p) => p.probabilityLabel1);
    return splitMetrics(
      probabilities,
      examples.map((e) => e.label),
      this.options.seed,
    );
  }

  toJSON(): VisionModelFile {
    if (!this.#header) throw new Error(`${this.modelId} is not trained`);
    return this.#header;
  }
}

export { examplesOf };
