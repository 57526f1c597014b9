/**
 * The estimator contract every learned engine follows (after scikit-learn's): fit, predict, explain, evaluate,
 * serialisable and versioned, so that the API, CLI, training scripts and benchmarks treat learned models alike.
 */
export interface LearnedModel<Features, Label, Prediction, Explanation, Metrics> {
  /** Stable model id, e.g. `ddx-logreg`, `vision-pneumonia-cnn`. */
  readonly modelId: string;
  /** Version of the trained weights (changes whenever they are retrained). */
  readonly modelVersion: string;
  fit(examples: readonly { features: Features; label: Label }[]): void | Promise<void>;
  predict(features: Features): Prediction | Promise<Prediction>;
  explain(features: Features): Explanation | Promise<Explanation>;
  evaluate(examples: readonly { features: Features; label: Label }[]): Metrics | Promise<Metrics>;
  /** Plain JSON (weights, vocabulary, version) that `load` of the same class reads back. */
  toJSON(): SerializedModel;
}

/** The on-disk shape of a model: header fields plus model-specific payload. */
export interface SerializedModel {
  readonly format: string;
  readonly modelId: string;
  readonly modelVersion: string;
  readonly trainedAt: string;
  readonly [key: string]: unknown;
}
