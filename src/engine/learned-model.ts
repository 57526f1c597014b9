/**
 * The estimator contract of models trained ahead of time and shipped as committed weights (after scikit-learn's):
 * fit, predict, explain, evaluate, serialisable and versioned, so that training scripts, tests and benchmarks treat
 * learned models alike. Implemented by:
 * - `DdxLogisticModel` (`src/diagnosis/model/logistic.ts`; `fitDdxModel` in `fit.ts` trains it from a split source);
 * - `VisionLearnedModel` (`scripts/vision/learned-model.ts`, beside the TensorFlow.js trainer; the engines load the
 *   trained weights as a `VisionClassifier`).
 * Each has a one-epoch, seeded training smoke test that proves training opens only its training split
 * (`recordingSource` in `src/ml/split-source.ts`).
 * The demand forecast models are not `LearnedModel`s: a `ForecastModel` (`src/forecast/model.ts`) fits at every call
 * on the history before the forecast origin and keeps nothing (the backtest test proves it never sees later hours).
 * Rule-based and published scores (risk, intake) learn nothing.
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
