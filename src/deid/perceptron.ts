/**
 * A multi-class averaged perceptron over sparse string features (Collins 2002; the averaging of Daumé's "A Course in
 * Machine Learning" §4.7): small, fast, deterministic given the order of the examples, and its weights serialise to
 * JSON. Class 0 is "not an identifier".
 */
export interface PerceptronFile {
  readonly format: 'healthgpt.deid.perceptron/1';
  readonly version: string;
  readonly classes: readonly string[];
  /** Common words that get identity features (non-identifier in training at least `minCount` times). */
  readonly vocab: readonly string[];
  /** Decision threshold on (best identifier class score − class-0 score), chosen on the tuning split. */
  readonly threshold: number;
  /** Thresholds of single classes (by class name), where the training chose one; the others use `threshold`. */
  readonly classThresholds?: Readonly<Record<string, number>>;
  /** Scale of the logistic that turns a margin into the reported score. */
  readonly scale: number;
  readonly weights: Readonly<Record<string, readonly number[]>>;
  readonly training: Readonly<Record<string, unknown>>;
}

export class Perceptron {
  readonly classes: readonly string[];
  readonly weights = new Map<string, Float64Array>();
  private readonly totals = new Map<string, Float64Array>();
  private readonly stamps = new Map<string, Float64Array>();
  private step = 0;

  constructor(classes: readonly string[]) {
    this.classes = classes;
  }

  static from(weights: Readonly<Record<string, readonly number[]>>, classes: readonly string[]): Perceptron {
    const p = new Perceptron(classes);
    for (const [k, v] of Object.entries(weights)) p.weights.set(k, Float64Array.from(v));
    return p;
  }

  /**
   * One perceptron whose weights are the mean of several (fitted with different example orders): a linear model, so
   * its scores are the mean of theirs, at the cost of one.
   */
  static mean(models: readonly Perceptron[]): Perceptron {
    const first = models[0];
    if (!first) throw new Error('no perceptron to average');
    if (models.length === 1) return first;
    const out = new Perceptron(first.classes);
    for (const p of models)
      for (const [f, w] of p.weights) {
        let m = out.weights.get(f);
        if (!m) {
          m = new Float64Array(w.length);
          out.weights.set(f, m);
        }
        for (let k = 0; k < w.length; k++) m[k]! += w[k]! / models.length;
      }
    return out;
  }

  scores(features: readonly string[]): Float64Array {
    const s = new Float64Array(this.classes.length);
    for (const f of features) {
      const w = this.weights.get(f);
      if (!w) continue;
      for (let k = 0; k < s.length; k++) s[k]! += w[k]!;
    }
    return s;
  }

  private bump(feature: string, k: number, delta: number): void {
    const n = this.classes.length;
    let w = this.weights.get(feature);
    let total = this.totals.get(feature);
    let stamp = this.stamps.get(feature);
    if (!w || !total || !stamp) {
      w = new Float64Array(n);
      total = new Float64Array(n);
      stamp = new Float64Array(n);
      this.weights.set(feature, w);
      this.totals.set(feature, total);
      this.stamps.set(feature, stamp);
    }
    total[k]! += (this.step - stamp[k]!) * w[k]!;
    stamp[k] = this.step;
    w[k]! += delta;
  }

  /** One online update; returns whether the prediction was wrong. */
  update(features: readonly string[], gold: number, cost = 1): boolean {
    this.step++;
    const s = this.scores(features);
    let guess = 0;
    for (let k = 1; k < s.length; k++) if (s[k]! > s[guess]!) guess = k;
    if (guess === gold) return false;
    for (const f of features) {
      this.bump(f, gold, cost);
      this.bump(f, guess, -cost);
    }
    return true;
  }

  /** Replaces the weights by their average over every step (call once, after training). */
  average(): void {
    for (const [f, w] of this.weights) {
      const total = this.totals.get(f)!;
      const stamp = this.stamps.get(f)!;
      for (let k = 0; k < w.length; k++) {
        const t = total[k]! + (this.step - stamp[k]!) * w[k]!;
        w[k] = t / Math.max(1, this.step);
      }
    }
    this.totals.clear();
    this.stamps.clear();
  }

  /** Weights rounded for a compact file, features whose every weight rounds to 0 dropped. */
  serialise(digits = 4): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    const m = 10 ** digits;
    for (const [f, w] of [...this.weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const r = [...w].map((x) => Math.round(x * m) / m);
      if (r.some((x) => x !== 0)) out[f] = r;
    }
    return out;
  }
}
