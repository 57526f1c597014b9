import { choleskySolve } from '../ml/linalg.js';

/** A design matrix, row-major: `rows × columns`. */
export interface Design {
  readonly rows: number;
  readonly columns: number;
  readonly x: Float64Array;
}

export interface PoissonFitOptions {
  /** Prior weight of each row (e.g. exponential down-weighting of old hours); default 1. */
  readonly weights?: Float64Array;
  /** Ridge penalty per column (0 for none), added to the Fisher information: a Gaussian prior on the coefficient. */
  readonly ridge?: Float64Array;
  readonly maxIterations?: number;
  /** Known log-mean offset per row (e.g. a seasonal profile), added to `x·β`. */
  readonly offset?: Float64Array;
  /** Warm start (coefficients from a previous fit with the same columns). */
  readonly start?: Float64Array;
}

export interface PoissonFit {
  readonly coefficients: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** Fitted means of the training rows. */
  readonly fitted: Float64Array;
}

function linearPredictor(design: Design, beta: Float64Array, out: Float64Array, offset?: Float64Array): void {
  const { rows, columns, x } = design;
  for (let i = 0; i < rows; i++) {
    let eta = offset ? offset[i]! : 0;
    const base = i * columns;
    for (let j = 0; j < columns; j++) eta += x[base + j]! * beta[j]!;
    out[i] = eta;
  }
}

function penalisedDeviance(
  y: Float64Array,
  mu: Float64Array,
  w: Float64Array | undefined,
  beta: Float64Array,
  ridge?: Float64Array,
): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]!;
    const mi = mu[i]!;
    d += (w ? w[i]! : 1) * 2 * ((yi > 0 ? yi * Math.log(yi / mi) : 0) - (yi - mi));
  }
  if (ridge) for (let j = 0; j < beta.length; j++) d += ridge[j]! * beta[j]! * beta[j]!;
  return d;
}

/**
 * Poisson regression with log link by iteratively reweighted least squares (Newton–Raphson on the log-likelihood;
 * McCullagh & Nelder, Generalized Linear Models, 2nd ed., 1989, §2.5), with optional row weights and a ridge penalty.
 * Step-halving guards against a deviance increase. The mean fit is also the quasi-likelihood fit of a negative
 * binomial with fixed dispersion up to the weights, so dispersion is estimated afterwards (see `negative-binomial.ts`).
 */
export function fitPoisson(design: Design, y: Float64Array, options: PoissonFitOptions = {}): PoissonFit {
  const { rows, columns, x } = design;
  const maxIterations = options.maxIterations ?? 30;
  const w = options.weights;
  const ridge = options.ridge;
  const offset = options.offset;
  const eta = new Float64Array(rows);
  const mu = new Float64Array(rows);
  let beta: Float64Array;
  if (options.start && options.start.length === columns) {
    beta = Float64Array.from(options.start);
    linearPredictor(design, beta, eta, offset);
    for (let i = 0; i < rows; i++) mu[i] = Math.exp(eta[i]!);
  } else {
    beta = new Float64Array(columns);
    for (let i = 0; i < rows; i++) {
      mu[i] = y[i]! + 0.5;
      eta[i] = Math.log(mu[i]!);
    }
  }
  let deviance = Number.POSITIVE_INFINITY;
  let converged = false;
  let iterations = 0;
  const xtwx = new Float64Array(columns * columns);
  const xtwz = new Float64Array(columns);
  for (; iterations < maxIterations; iterations++) {
    xtwx.fill(0);
    xtwz.fill(0);
    for (let i = 0; i < rows; i++) {
      const m = Math.max(mu[i]!, 1e-10);
      const wi = (w ? w[i]! : 1) * m;
      if (wi === 0) continue;
      const z = eta[i]! - (offset ? offset[i]! : 0) + (y[i]! - m) / m;
      const base = i * columns;
      for (let a = 0; a < columns; a++) {
        const xa = x[base + a]!;
        if (xa === 0) continue;
        const wxa = wi * xa;
        xtwz[a]! += wxa * z;
        const row = a * columns;
        for (let b = 0; b <= a; b++) xtwx[row + b]! += wxa * x[base + b]!;
      }
    }
    for (let a = 0; a < columns; a++) {
      for (let b = 0; b < a; b++) xtwx[b * columns + a] = xtwx[a * columns + b]!;
      xtwx[a * columns + a]! += (ridge ? ridge[a]! : 0) + 1e-9;
    }
    const next = choleskySolve(xtwx, xtwz, columns);
    if (!next) break;
    // Step halving: accept the Newton step only if the penalised deviance does not increase.
    let step = 1;
    let accepted = false;
    for (let half = 0; half < 10; half++) {
      const trial = new Float64Array(columns);
      for (let j = 0; j < columns; j++) trial[j] = beta[j]! + step * (next[j]! - beta[j]!);
      linearPredictor(design, trial, eta, offset);
      for (let i = 0; i < rows; i++) mu[i] = Math.exp(Math.min(eta[i]!, 30));
      const d = penalisedDeviance(y, mu, w, trial, ridge);
      if (d <= deviance * (1 + 1e-12) || !Number.isFinite(deviance)) {
        const change = Math.abs(deviance - d) / (Math.abs(d) + 0.1);
        beta = trial;
        deviance = d;
        accepted = true;
        if (change < 1e-8) converged = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) {
      linearPredictor(design, beta, eta, offset);
      for (let i = 0; i < rows; i++) mu[i] = Math.exp(Math.min(eta[i]!, 30));
      converged = true;
    }
    if (converged) break;
  }
  return { coefficients: beta, iterations: iterations + 1, converged, fitted: Float64Array.from(mu) };
}

/** `exp(x·β + offset)` for each row of a design. */
export function predictPoisson(
  design: Design,
  coefficients: Float64Array,
  offset?: Float64Array,
): Float64Array {
  const eta = new Float64Array(design.rows);
  linearPredictor(design, coefficients, eta, offset);
  return eta.map((e) => Math.exp(Math.min(e, 30)));
}
