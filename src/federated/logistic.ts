import { normalFrom } from '../ml/random.js';

/**
 * Logistic regression as the federated algorithms see it: weights `w` (features) then the intercept, trained by
 * gradient descent on the mean log-loss plus an L2 penalty `lambda/2 · |w|²` (intercept not penalised).
 */
export interface Dataset {
  readonly x: readonly (readonly number[])[];
  readonly y: readonly (0 | 1)[];
}

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function score(model: readonly number[], x: readonly number[]): number {
  let z = model[x.length] as number;
  for (let j = 0; j < x.length; j++) z += (model[j] as number) * (x[j] as number);
  return z;
}

export function predictProbability(model: readonly number[], x: readonly number[]): number {
  return sigmoid(score(model, x));
}

export function logLoss(model: readonly number[], data: Dataset): number {
  let loss = 0;
  data.x.forEach((x, i) => {
    const z = score(model, x);
    // log(1 + e^{-z}) for y = 1, log(1 + e^{z}) for y = 0, computed stably.
    const s = data.y[i] === 1 ? -z : z;
    loss += s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
  });
  return data.x.length ? loss / data.x.length : 0;
}

/** Gradient of the mean log-loss over `indices` (all rows when omitted). */
function lossGradient(model: readonly number[], data: Dataset, indices?: readonly number[]): number[] {
  const d = model.length;
  const g = new Array(d).fill(0);
  const rows = indices ?? data.x.map((_, i) => i);
  for (const i of rows) {
    const x = data.x[i] as readonly number[];
    const r = predictProbability(model, x) - (data.y[i] as number);
    for (let j = 0; j < x.length; j++) g[j] += r * (x[j] as number);
    g[d - 1] += r;
  }
  const n = Math.max(1, rows.length);
  return g.map((v) => v / n);
}

export interface LocalTraining {
  readonly steps: number;
  readonly learningRate: number;
  readonly lambda: number;
  /** FedProx proximal weight μ: adds μ/2 · |θ − θ_global|² (0 = FedAvg). */
  readonly mu?: number;
  /** Keep the intercept out of the shared update's influence (the site's own intercept is trained regardless). */
  readonly dp?: DpSgd;
}

export interface DpSgd {
  /** Poisson sampling rate of each step. */
  readonly q: number;
  /** Noise multiplier σ (noise std = σ × clip). */
  readonly sigma: number;
  /** Per-example L2 clipping norm. */
  readonly clip: number;
  readonly random: () => number;
}

/**
 * Local training from `start`: `steps` of gradient descent on the site's data (full batch), or of DP-SGD (Poisson
 * sample at rate q, each example's gradient clipped to norm `clip`, Gaussian noise σ·clip added to the sum, divided
 * by the expected batch size q·n; Abadi et al. 2016).
 */
export function trainLocal(
  start: readonly number[],
  data: Dataset,
  options: LocalTraining,
  globalModel: readonly number[] = start,
): number[] {
  const model = [...start];
  const d = model.length;
  const mu = options.mu ?? 0;
  for (let step = 0; step < options.steps; step++) {
    let g: number[];
    if (options.dp) {
      g = dpGradient(model, data, options.dp);
    } else {
      g = lossGradient(model, data);
    }
    for (let j = 0; j < d; j++) {
      const penalty = j < d - 1 ? options.lambda * (model[j] as number) : 0;
      const prox = mu * ((model[j] as number) - (globalModel[j] as number));
      model[j] = (model[j] as number) - options.learningRate * ((g[j] as number) + penalty + prox);
    }
  }
  return model;
}

function dpGradient(model: readonly number[], data: Dataset, dp: DpSgd): number[] {
  const d = model.length;
  const sum = new Array(d).fill(0);
  const per = new Array(d).fill(0);
  data.x.forEach((x, i) => {
    if (dp.random() >= dp.q) return;
    const r = predictProbability(model, x) - (data.y[i] as number);
    let norm = 0;
    for (let j = 0; j < x.length; j++) {
      per[j] = r * (x[j] as number);
      norm += per[j] * per[j];
    }
    per[d - 1] = r;
    norm = Math.sqrt(norm + r * r);
    const factor = norm > dp.clip ? dp.clip / norm : 1;
    for (let j = 0; j < d; j++) sum[j] += per[j] * factor;
  });
  const expected = Math.max(1, dp.q * data.x.length);
  return sum.map((v) => (v + dp.sigma * dp.clip * normalFrom(dp.random)) / expected);
}

/** Central (pooled or one-site) training to convergence: full-batch gradient descent. */
export function trainCentral(data: Dataset, lambda: number, steps = 3000, learningRate = 0.5): number[] {
  const d = (data.x[0]?.length ?? 0) + 1;
  return trainLocal(new Array(d).fill(0), data, { steps, learningRate, lambda });
}

export function accuracy(model: readonly number[], data: Dataset): number {
  if (data.x.length === 0) return Number.NaN;
  let right = 0;
  data.x.forEach((x, i) => {
    if ((score(model, x) >= 0 ? 1 : 0) === data.y[i]) right++;
  });
  return right / data.x.length;
}
