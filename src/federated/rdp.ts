/**
 * Rényi-DP accountant for the Poisson-subsampled Gaussian mechanism (DP-SGD): sampling rate `q`, noise multiplier
 * `sigma` (noise std = sigma × clipping norm), `steps` compositions. For integer orders α ≥ 2 the RDP of one step is
 * (Mironov, Talwar, Zhang 2019, "Rényi Differential Privacy of the Sampled Gaussian Mechanism", §3.3; the integer-α
 * case of Opacus' `_compute_log_a_int`):
 *
 *   ε(α) = 1/(α−1) · log Σ_{k=0..α} C(α,k) (1−q)^(α−k) q^k exp((k² − k) / (2σ²))
 *
 * which is exactly α / (2σ²) when q = 1 (no subsampling). RDP composes by addition over steps; (ε, δ) follows by
 * the conversion of Balle et al. 2020 (Opacus' `get_privacy_spent`):
 *   ε = min_α  steps·ε(α) + log((α−1)/α) − (log δ + log α)/(α−1).
 */
export const RDP_ORDERS: readonly number[] = [
  ...Array.from({ length: 63 }, (_, i) => i + 2),
  72,
  80,
  96,
  128,
  160,
  192,
  256,
  384,
  512,
];

function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const hi = Math.max(a, b);
  return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
}

function logBinomial(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** RDP ε(α) of one step of the subsampled Gaussian, integer α ≥ 2. */
export function rdpSubsampledGaussian(q: number, sigma: number, alpha: number): number {
  if (!(q > 0 && q <= 1)) throw new RangeError('sampling rate q must be in (0, 1]');
  if (!(sigma > 0)) throw new RangeError('noise multiplier must be > 0');
  if (!Number.isInteger(alpha) || alpha < 2) throw new RangeError('order must be an integer ≥ 2');
  if (q === 1) return alpha / (2 * sigma * sigma);
  let logA = Number.NEGATIVE_INFINITY;
  const logQ = Math.log(q);
  const log1mQ = Math.log1p(-q);
  for (let k = 0; k <= alpha; k++) {
    const term = logBinomial(alpha, k) + k * logQ + (alpha - k) * log1mQ + (k * k - k) / (2 * sigma * sigma);
    logA = logAdd(logA, term);
  }
  return logA / (alpha - 1);
}

/** (ε, best order) for `steps` compositions at δ. */
export function epsilonFor(
  q: number,
  sigma: number,
  steps: number,
  delta: number,
  orders: readonly number[] = RDP_ORDERS,
): { epsilon: number; order: number } {
  if (steps === 0) return { epsilon: 0, order: orders[0] as number };
  let best = { epsilon: Number.POSITIVE_INFINITY, order: orders[0] as number };
  for (const alpha of orders) {
    const rdp = steps * rdpSubsampledGaussian(q, sigma, alpha);
    const eps = rdp + Math.log((alpha - 1) / alpha) - (Math.log(delta) + Math.log(alpha)) / (alpha - 1);
    if (eps < best.epsilon) best = { epsilon: Math.max(0, eps), order: alpha };
  }
  return best;
}

/** The smallest noise multiplier (to 0.1 %) that keeps `steps` steps at rate q within (ε, δ). */
export function noiseForBudget(q: number, steps: number, epsilon: number, delta: number): number {
  let lo = 0.05;
  let hi = 1;
  while (epsilonFor(q, hi, steps, delta).epsilon > epsilon) {
    hi *= 2;
    if (hi > 1e6) throw new RangeError('no noise multiplier reaches this budget');
  }
  while ((hi - lo) / hi > 1e-3) {
    const mid = (lo + hi) / 2;
    if (epsilonFor(q, mid, steps, delta).epsilon > epsilon) lo = mid;
    else hi = mid;
  }
  return hi;
}

const cache = new Map<string, readonly number[]>();

/** One step's RDP at every order of `RDP_ORDERS` (memoised). */
export function rdpVector(q: number, sigma: number): readonly number[] {
  const key = `${q}/${sigma}`;
  let vector = cache.get(key);
  if (!vector) {
    vector = RDP_ORDERS.map((alpha) => rdpSubsampledGaussian(q, sigma, alpha));
    if (cache.size > 1000) cache.clear();
    cache.set(key, vector);
  }
  return vector;
}

/**
 * A site's running privacy ledger: RDP summed per order over every step taken (steps may differ in q and σ), and
 * the budget (ε, δ) it must stay within.
 */
export class PrivacyLedger {
  private readonly rdp = new Array<number>(RDP_ORDERS.length).fill(0);
  private steps = 0;
  constructor(readonly budget: { epsilon: number; delta: number }) {}
  get stepsTaken(): number {
    return this.steps;
  }
  private epsilonOf(rdp: readonly number[]): number {
    let best = Number.POSITIVE_INFINITY;
    RDP_ORDERS.forEach((alpha, i) => {
      const eps =
        (rdp[i] as number) +
        Math.log((alpha - 1) / alpha) -
        (Math.log(this.budget.delta) + Math.log(alpha)) / (alpha - 1);
      best = Math.min(best, eps);
    });
    return this.steps === 0 && rdp.every((v) => v === 0) ? 0 : Math.max(0, best);
  }
  private after(q: number, sigma: number, steps: number): number[] {
    const perStep = rdpVector(q, sigma);
    return this.rdp.map((v, i) => v + steps * (perStep[i] as number));
  }
  /** ε spent so far (at the budget's δ). */
  spent(): number {
    return this.epsilonOf(this.rdp);
  }
  /** ε after `steps` more steps at (q, σ). */
  spentAfter(q: number, sigma: number, steps: number): number {
    return this.epsilonOf(this.after(q, sigma, steps));
  }
  /** Whether `steps` more steps at (q, σ) stay within the budget. */
  allows(q: number, sigma: number, steps: number): boolean {
    return this.spentAfter(q, sigma, steps) <= this.budget.epsilon + 1e-9;
  }
  record(q: number, sigma: number, steps: number): void {
    const next = this.after(q, sigma, steps);
    next.forEach((v, i) => {
      this.rdp[i] = v;
    });
    this.steps += steps;
  }
}
