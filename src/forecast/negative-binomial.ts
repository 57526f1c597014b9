/**
 * Negative-binomial predictive distributions for hourly counts: mean `mu`, variance `mu + alpha·mu²` (NB2; `alpha = 0`
 * is Poisson). Hilbe, Negative Binomial Regression, 2nd ed., 2011, §5.
 */

/**
 * Quantiles of NB2(mu, alpha) at each level, on a continuous scale: counts are read as if spread uniformly over
 * `[k − ½, k + ½)`, so `Q(p) = k − ½ + (p − F(k−1)) / P(k)` where `k` is the smallest count with `F(k) ≥ p`. This keeps
 * interval coverage and pinball loss honest for small counts (an integer quantile over-covers), and is never below 0.
 */
export function negativeBinomialQuantiles(mu: number, alpha: number, levels: readonly number[]): number[] {
  const out = new Array<number>(levels.length).fill(0);
  if (!(mu > 0)) return out;
  const order = levels.map((_, i) => i).sort((a, b) => levels[a]! - levels[b]!);
  let pk: number;
  let ratio: (k: number) => number;
  if (alpha <= 1e-8) {
    pk = Math.exp(-mu);
    ratio = (k) => mu / k;
  } else {
    const theta = 1 / alpha;
    const q = mu / (theta + mu);
    pk = Math.exp(theta * Math.log(theta / (theta + mu)));
    ratio = (k) => ((k - 1 + theta) / k) * q;
  }
  let k = 0;
  let cdfBefore = 0;
  let cdf = pk;
  const limit = Math.ceil(mu + 50 * Math.sqrt(mu + alpha * mu * mu) + 50);
  for (const index of order) {
    const p = levels[index]!;
    while (cdf < p && k < limit) {
      k++;
      pk *= ratio(k);
      cdfBefore = cdf;
      cdf += pk;
    }
    const mass = cdf - cdfBefore;
    const value = mass > 0 ? k - 0.5 + (p - cdfBefore) / mass : k;
    out[index] = Math.max(0, value);
  }
  return out;
}

/**
 * Moment estimate of the NB2 dispersion from observed counts and fitted means:
 * `alpha = Σ w((y − mu)² − mu) / Σ w·mu²`, floored at 0 (Cameron & Trivedi, Regression Analysis of Count Data, 2nd ed.,
 * 2013, §3.2.3).
 */
export function estimateDispersion(
  y: ArrayLike<number>,
  mu: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights ? weights[i]! : 1;
    const m = mu[i]!;
    const e = y[i]! - m;
    num += w * (e * e - m);
    den += w * m * m;
  }
  return den > 0 ? Math.max(0, num / den) : 0;
}
