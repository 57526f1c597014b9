import { describe, expect, it } from 'vitest';
import { seededRandom } from '../ml/random.js';
import { estimateDispersion, negativeBinomialQuantiles } from './negative-binomial.js';
import { poissonDraw } from './synthetic.js';

describe('negative-binomial predictive quantiles', () => {
  it('are increasing, non-negative, and Poisson medians sit near the mean', () => {
    const levels = [0.025, 0.1, 0.5, 0.9, 0.975];
    const q = negativeBinomialQuantiles(12, 0, levels);
    for (let i = 1; i < q.length; i++) expect(q[i]!).toBeGreaterThan(q[i - 1]!);
    expect(q[2]!).toBeGreaterThan(11);
    expect(q[2]!).toBeLessThan(12.5);
    expect(negativeBinomialQuantiles(0.2, 0, [0.05])[0]).toBe(0);
  });

  it('widen with dispersion', () => {
    const poisson = negativeBinomialQuantiles(10, 0, [0.05, 0.95]);
    const nb = negativeBinomialQuantiles(10, 0.2, [0.05, 0.95]);
    expect(nb[1]! - nb[0]!).toBeGreaterThan(poisson[1]! - poisson[0]! + 2);
  });

  it('give honest coverage for Poisson counts of varied means (continuous-scale quantiles)', () => {
    const random = seededRandom(11);
    let covered80 = 0;
    let below50 = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const mu = 0.5 + 20 * random();
      const y = poissonDraw(mu, random);
      const [lo, med, hi] = negativeBinomialQuantiles(mu, 0, [0.1, 0.5, 0.9]);
      if (y >= lo! && y <= hi!) covered80++;
      if (y <= med!) below50++;
    }
    expect(covered80 / n).toBeGreaterThan(0.77);
    expect(covered80 / n).toBeLessThan(0.83);
    expect(below50 / n).toBeGreaterThan(0.46);
    expect(below50 / n).toBeLessThan(0.54);
  });
});

describe('dispersion estimate', () => {
  it('is about 0 for Poisson counts and recovers NB2 dispersion from gamma–Poisson draws', () => {
    const random = seededRandom(5);
    const mu = Array.from({ length: 20_000 }, () => 2 + 15 * random());
    const poisson = mu.map((m) => poissonDraw(m, random));
    expect(estimateDispersion(poisson, mu)).toBeLessThan(0.01);
    // Gamma(shape 1/α, scale α·μ) mixing with α = 0.1 = 10 exponentials summed, ×α·μ: shape 10 exactly.
    const alpha = 0.1;
    const nb = mu.map((m) => {
      let g = 0;
      for (let k = 0; k < 10; k++) g -= Math.log(Math.max(random(), 1e-12));
      return poissonDraw(g * alpha * m, random);
    });
    expect(estimateDispersion(nb, mu)).toBeCloseTo(alpha, 1);
  });
});
