import { describe, expect, it } from 'vitest';
import { epsilonFor, noiseForBudget, PrivacyLedger, rdpSubsampledGaussian } from './rdp.js';

describe('RDP of the subsampled Gaussian', () => {
  it('without subsampling is α/(2σ²)', () => {
    for (const [sigma, alpha] of [
      [1, 2],
      [0.7, 10],
      [3, 64],
    ] as const)
      expect(rdpSubsampledGaussian(1, sigma, alpha)).toBeCloseTo(alpha / (2 * sigma * sigma), 12);
    // The general sum at q → 1 agrees with the closed form.
    expect(rdpSubsampledGaussian(1 - 1e-12, 1.3, 7)).toBeCloseTo(7 / (2 * 1.3 * 1.3), 6);
  });

  it('at α = 2 is log(1 + q²(e^{1/σ²} − 1)) (the sum has three terms)', () => {
    for (const [q, sigma] of [
      [0.01, 1.1],
      [0.2, 0.8],
      [0.5, 2],
    ] as const)
      expect(rdpSubsampledGaussian(q, sigma, 2)).toBeCloseTo(
        Math.log(1 + q * q * (Math.exp(1 / (sigma * sigma)) - 1)),
        12,
      );
  });

  it('at α = 3 matches the four-term sum written out by hand', () => {
    const q = 0.1;
    const s = 1.5;
    const e = (k: number) => Math.exp((k * k - k) / (2 * s * s));
    const a = (1 - q) ** 3 + 3 * (1 - q) ** 2 * q * e(1) + 3 * (1 - q) * q * q * e(2) + q ** 3 * e(3);
    expect(rdpSubsampledGaussian(q, s, 3)).toBeCloseTo(Math.log(a) / 2, 12);
  });

  it('converts to (ε, δ): more steps or less noise cost more; subsampling costs less', () => {
    const base = epsilonFor(0.05, 1.2, 100, 1e-5).epsilon;
    expect(epsilonFor(0.05, 1.2, 200, 1e-5).epsilon).toBeGreaterThan(base);
    expect(epsilonFor(0.05, 0.9, 100, 1e-5).epsilon).toBeGreaterThan(base);
    expect(epsilonFor(0.5, 1.2, 100, 1e-5).epsilon).toBeGreaterThan(base);
    expect(epsilonFor(0.05, 1.2, 0, 1e-5).epsilon).toBe(0);
    // Without subsampling, one Gaussian step: min over α of α/(2σ²) + log((α−1)/α) − (log δ + log α)/(α−1).
    const sigma = 5;
    let best = Number.POSITIVE_INFINITY;
    for (let alpha = 2; alpha <= 64; alpha++)
      best = Math.min(
        best,
        alpha / (2 * sigma * sigma) +
          Math.log((alpha - 1) / alpha) -
          (Math.log(1e-5) + Math.log(alpha)) / (alpha - 1),
      );
    expect(epsilonFor(1, sigma, 1, 1e-5).epsilon).toBeCloseTo(best, 9);
  });

  it('calibrates the noise to a budget and the ledger stops when it is spent', () => {
    const sigma = noiseForBudget(0.1, 500, 1, 1e-5);
    expect(epsilonFor(0.1, sigma, 500, 1e-5).epsilon).toBeLessThanOrEqual(1);
    expect(epsilonFor(0.1, sigma * 0.99, 500, 1e-5).epsilon).toBeGreaterThan(1);
    const ledger = new PrivacyLedger({ epsilon: 1, delta: 1e-5 });
    expect(ledger.spent()).toBe(0);
    expect(ledger.allows(0.1, sigma, 500)).toBe(true);
    ledger.record(0.1, sigma, 300);
    ledger.record(0.1, sigma, 200);
    expect(ledger.spent()).toBeCloseTo(epsilonFor(0.1, sigma, 500, 1e-5).epsilon, 9);
    expect(ledger.allows(0.1, sigma, 1)).toBe(false);
    expect(ledger.spent()).toBeLessThanOrEqual(1);
  });
});
