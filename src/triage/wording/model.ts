import type { Contribution } from '../../clinical/outputs.js';
import type { LearnedModel, SerializedModel } from '../../engine/learned-model.js';
import { rocAuc } from '../../ml/metrics.js';

export const EMERGENCY_WORDING_FORMAT = 'healthgpt.emergency-wording/1';

/** One training or evaluation example: the note's binary features (`features.ts`) and whether it is an emergency. */
export interface WordingExample {
  readonly features: ReadonlySet<string>;
  readonly label: boolean;
}

export interface WordingMetrics {
  readonly n: number;
  readonly emergencies: number;
  /** Area under the ROC curve of the probability (ties count half). */
  readonly auc: number;
  /** Share of emergencies at or above the threshold, and share of the others. */
  readonly recallAtThreshold: number;
  readonly falsePositiveRateAtThreshold: number;
}

export interface EmergencyWordingJson extends SerializedModel {
  readonly format: typeof EMERGENCY_WORDING_FORMAT;
  readonly bias: number;
  /** Weight (log-odds) per feature; features seen fewer than `minDocumentFrequency` times have none. */
  readonly weights: Readonly<Record<string, number>>;
  /** Probability from which the model's reason raises the level to `emergency`. */
  readonly threshold: number;
  readonly training: Readonly<Record<string, unknown>>;
}

export interface WordingFitOptions {
  /** Inverse L2 strength: the loss is Σ log-loss + ‖w‖² / (2C) (bias not penalised). */
  readonly inverseRegularization: number;
  /** Features in fewer training notes than this get no weight. */
  readonly minDocumentFrequency: number;
  readonly iterations: number;
  readonly threshold: number;
}

export const DEFAULT_WORDING_FIT: WordingFitOptions = {
  inverseRegularization: 1,
  minDocumentFrequency: 2,
  iterations: 1500,
  threshold: 0.75,
};

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Does a note read like an emergency? An L2-regularised logistic regression over the note's words, word pairs, the
 * intake's findings and the age band, trained on the project's own vignettes (`scripts/triage/train-emergency-
 * wording.ts`). It generalises over wording where the red-flag rules need exact phrases; it only ever adds an
 * emergency reason beside the rules (`reason.ts`), never lowers a level. Full-batch Adam (Kingma & Ba 2015) on the
 * convex loss, from zero, so training is deterministic.
 */
export class EmergencyWordingModel
  implements LearnedModel<ReadonlySet<string>, boolean, number, readonly Contribution[], WordingMetrics>
{
  readonly modelId = 'triage-emergency-wording';
  modelVersion: string;
  #bias = 0;
  #weights = new Map<string, number>();
  #threshold: number;
  #training: Record<string, unknown> = {};
  #trainedAt = '';

  constructor(
    readonly options: WordingFitOptions = DEFAULT_WORDING_FIT,
    modelVersion = 'untrained',
  ) {
    this.modelVersion = modelVersion;
    this.#threshold = options.threshold;
  }

  get threshold(): number {
    return this.#threshold;
  }

  static fromJSON(json: EmergencyWordingJson): EmergencyWordingModel {
    const model = new EmergencyWordingModel(
      { ...DEFAULT_WORDING_FIT, threshold: json.threshold },
      json.modelVersion,
    );
    model.#bias = json.bias;
    model.#weights = new Map(Object.entries(json.weights));
    model.#training = { ...json.training };
    model.#trainedAt = json.trainedAt;
    return model;
  }

  fit(examples: readonly WordingExample[], training: Record<string, unknown> = {}): void {
    const { inverseRegularization: c, minDocumentFrequency, iterations } = this.options;
    const frequency = new Map<string, number>();
    for (const e of examples) for (const f of e.features) frequency.set(f, (frequency.get(f) ?? 0) + 1);
    const vocabulary = [...frequency]
      .filter(([, n]) => n >= minDocumentFrequency)
      .map(([f]) => f)
      .sort();
    const index = new Map(vocabulary.map((f, i) => [f, i]));
    const rows = examples.map((e) => [...e.features].flatMap((f) => (index.has(f) ? [index.get(f)!] : [])));
    const labels = examples.map((e) => (e.label ? 1 : 0));
    const theta = adamLogistic(rows, labels, vocabulary.length, c, iterations);
    this.#bias = theta.bias;
    this.#weights = new Map(
      vocabulary.map((f, i) => [f, theta.weights[i]!] as const).filter(([, w]) => Math.abs(w) >= 1e-3),
    );
    this.#training = {
      ...training,
      examples: examples.length,
      vocabulary: vocabulary.length,
      ...this.options,
    };
    this.#trainedAt = new Date().toISOString();
  }

  /** Probability that the note is an emergency. */
  predict(features: ReadonlySet<string>): number {
    let z = this.#bias;
    for (const f of features) z += this.#weights.get(f) ?? 0;
    return sigmoid(z);
  }

  /** The features that moved the log-odds, largest push first (bias as the baseline). */
  explain(features: ReadonlySet<string>): readonly Contribution[] {
    return [...features]
      .flatMap((f) => {
        const weight = this.#weights.get(f);
        return weight === undefined
          ? []
          : [{ input: f, label: featureLabel(f), contribution: weight, unit: 'log-odds' as const }];
      })
      .sort((a, b) => b.contribution - a.contribution);
  }

  evaluate(examples: readonly WordingExample[]): WordingMetrics {
    const scores = examples.map((e) => this.predict(e.features));
    const labels = examples.map((e) => (e.label ? 1 : 0));
    const share = (label: number) => {
      const ofLabel = scores.filter((_, i) => labels[i] === label);
      return ofLabel.length === 0 ? 0 : ofLabel.filter((p) => p >= this.#threshold).length / ofLabel.length;
    };
    return {
      n: examples.length,
      emergencies: labels.filter((l) => l === 1).length,
      auc: rocAuc(scores, labels),
      recallAtThreshold: share(1),
      falsePositiveRateAtThreshold: share(0),
    };
  }

  toJSON(): EmergencyWordingJson {
    const round = (w: number) => Math.round(w * 1e4) / 1e4;
    return {
      format: EMERGENCY_WORDING_FORMAT,
      modelId: this.modelId,
      modelVersion: this.modelVersion,
      trainedAt: this.#trainedAt,
      threshold: this.#threshold,
      bias: round(this.#bias),
      weights: Object.fromEntries(
        [...this.#weights].sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, w]) => [f, round(w)]),
      ),
      training: this.#training,
    };
  }
}

/** A feature in words: `w:hour_ago` → `words "hour ago"`, `o:sx.fainting` → `finding sx.fainting`. */
export function featureLabel(feature: string): string {
  const [kind, rest = ''] = [feature.slice(0, 1), feature.slice(2)];
  if (kind === 'w') {
    const history = rest.startsWith('H_');
    const words = rest.replace(/^H_/, '').replace(/_/g, ' ');
    return history ? `words "${words}" (history line)` : `words "${words}"`;
  }
  if (kind === 'k' || kind === 'o') return `finding ${rest}`;
  if (kind === 'a') return `age band ${feature.slice(4)} years`;
  return feature;
}

/** Full-batch Adam on the L2-regularised log-loss of sparse binary rows. */
function adamLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  dimension: number,
  inverseRegularization: number,
  iterations: number,
): { bias: number; weights: Float64Array } {
  const theta = new Float64Array(dimension + 1); // [bias, w…]
  const m = new Float64Array(dimension + 1);
  const v = new Float64Array(dimension + 1);
  const gradient = new Float64Array(dimension + 1);
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  for (let t = 1; t <= iterations; t++) {
    const rate = 0.05 / Math.sqrt(1 + t / 100);
    gradient.fill(0);
    for (let i = 0; i < rows.length; i++) {
      let z = theta[0]!;
      for (const j of rows[i]!) z += theta[j + 1]!;
      const residual = sigmoid(z) - labels[i]!;
      gradient[0]! += residual;
      for (const j of rows[i]!) gradient[j + 1]! += residual;
    }
    for (let j = 1; j <= dimension; j++) gradient[j]! += theta[j]! / inverseRegularization;
    for (let j = 0; j <= dimension; j++) {
      const g = gradient[j]!;
      m[j] = beta1 * m[j]! + (1 - beta1) * g;
      v[j] = beta2 * v[j]! + (1 - beta2) * g * g;
      const mHat = m[j]! / (1 - beta1 ** t);
      const vHat = v[j]! / (1 - beta2 ** t);
      theta[j]! -= (rate * mHat) / (Math.sqrt(vHat) + epsilon);
    }
  }
  return { bias: theta[0]!, weights: theta.subarray(1) };
}
