import { describe, expect, it } from 'vitest';
import { expectedCalibrationError } from '../ml/calibration.js';
import { accuracy, bootstrap, rocAuc } from '../ml/metrics.js';
import { seededRandom } from '../ml/random.js';
import { applyPlatt, fitPlatt } from './calibration.js';
import { operatingPoint } from './metrics.js';

describe('metrics', () => {
  it('computes AUC as the Mann–Whitney statistic with ties counted ½', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12); // scikit-learn's documented example
    expect(rocAuc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(Number.isNaN(rocAuc([0.2, 0.3], [1, 1]))).toBe(true);
  });

  it('computes accuracy at 0.5 and an operating point with likelihood ratios', () => {
    expect(accuracy([0.2, 0.6, 0.5, 0.4], [0, 1, 0, 1])).toBe(0.5);
    const op = operatingPoint([0.9, 0.8, 0.3, 0.2, 0.6], [1, 1, 1, 0, 0]);
    expect(op.sensitivity).toBeCloseTo(2 / 3, 12);
    expect(op.specificity).toBeCloseTo(1 / 2, 12);
    expect(op.positiveLikelihoodRatio).toBeCloseTo(4 / 3, 12);
  });

  it('gives a bootstrap interval around the estimate, reproducible with the seed', () => {
    const random = seededRandom(3);
    const labels = Array.from({ length: 200 }, (_, i) => i % 2);
    const scores = labels.map((l) => l + random() * 1.5);
    const a = bootstrap(rocAuc, scores, labels, { seed: 5, resamples: 300 });
    const b = bootstrap(rocAuc, scores, labels, { seed: 5, resamples: 300 });
    expect(a).toEqual(b);
    expect(a.low).toBeLessThan(a.value);
    expect(a.high).toBeGreaterThan(a.value);
  });
});

describe('Platt scaling', () => {
  it('recovers the slope and offset of logits drawn from a known logistic model', () => {
    const random = seededRandom(11);
    const logits: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const z = random() * 8 - 4;
      logits.push(z);
      labels.push(random() < 1 / (1 + Math.exp(-(0.5 * z - 1))) ? 1 : 0);
    }
    const fit = fitPlatt(logits, labels);
    expect(fit.a).toBeCloseTo(0.5, 1);
    expect(fit.b).toBeCloseTo(-1, 1);
    const probabilities = logits.map((z) => applyPlatt(fit, z));
    expect(expectedCalibrationError(probabilities, labels)).toBeLessThan(0.03);
  });
});
