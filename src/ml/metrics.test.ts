import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, reliability } from './calibration.js';
import { accuracy, bootstrap, bootstrapDistribution, rocAuc } from './metrics.js';
import { seededRandom } from './random.js';

describe('rocAuc', () => {
  it('matches scikit-learn roc_auc_score on its documented example', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
  });

  it('counts ties as 1/2, is 1 for perfect ranking and NaN with one class', () => {
    expect(rocAuc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(rocAuc([0.1, 0.2, 0.9], [0, 0, 1])).toBe(1);
    expect(rocAuc([0.9, 0.2, 0.1], [0, 0, 1])).toBe(0);
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
    expect(() => rocAuc([0.1], [0, 1])).toThrow(/length/);
  });
});

describe('accuracy', () => {
  it('thresholds at 0.5 by default', () => {
    expect(accuracy([0.2, 0.5, 0.7, 0.4], [0, 1, 0, 1])).toBe(0.5);
    expect(accuracy([], [])).toBeNaN();
  });
});

describe('bootstrap', () => {
  const random = seededRandom(2);
  const labels = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const scores = labels.map((l) => l * 0.8 + random());

  it('brackets the point estimate, replays from its seed and narrows with more data', () => {
    const a = bootstrap(rocAuc, scores, labels, { resamples: 300, seed: 4 });
    expect(a.value).toBe(rocAuc(scores, labels));
    expect(a.low).toBeLessThan(a.value);
    expect(a.high).toBeGreaterThan(a.value);
    expect(bootstrapDistribution(rocAuc, scores, labels, { resamples: 300, seed: 4 })).toHaveLength(300);
    expect(bootstrap(rocAuc, scores, labels, { resamples: 300, seed: 4 })).toEqual(a);
    const half = bootstrap(rocAuc, scores.slice(0, 60), labels.slice(0, 60), { resamples: 300, seed: 4 });
    expect(half.high - half.low).toBeGreaterThan(a.high - a.low);
  });

  it('resamples whole clusters: identical copies in one cluster do not narrow the interval', () => {
    const copies = 5;
    const s = scores.flatMap((x) => Array<number>(copies).fill(x));
    const l = labels.flatMap((x) => Array<number>(copies).fill(x));
    const clusters = scores.flatMap((_, i) => Array<string>(copies).fill(String(i)));
    const clustered = bootstrap(rocAuc, s, l, { resamples: 300, seed: 4, clusters });
    const single = bootstrap(rocAuc, scores, labels, { resamples: 300, seed: 4 });
    expect(clustered.low).toBeCloseTo(single.low, 10);
    expect(clustered.high).toBeCloseTo(single.high, 10);
    const naive = bootstrap(rocAuc, s, l, { resamples: 300, seed: 4 });
    expect(naive.high - naive.low).toBeLessThan(single.high - single.low);
  });

  it('skips resamples where the metric is undefined', () => {
    const values = bootstrapDistribution(rocAuc, [0.1, 0.9], [0, 1], { resamples: 100, seed: 1 });
    expect(values.length).toBeLessThan(100);
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((v) => v === 1)).toBe(true);
  });
});

describe('reliability / expected calibration error', () => {
  it('computes ECE by hand on a small example', () => {
    // Bin [0.2, 0.3): p 0.2, 0.2 with outcomes 0, 1 → |0.4 − 1| = 0.6. Bin [0.9, 1]: p 0.9, 1.0 with outcomes 1, 1 →
    // |1.9 − 2| = 0.1. ECE = (0.6 + 0.1) / 4 = 0.175.
    expect(expectedCalibrationError([0.2, 0.2, 0.9, 1], [0, 1, 1, 1])).toBeCloseTo(0.175, 12);
    const { bins } = reliability([0.2, 0.2, 0.9, 1], [0, 1, 1, 1]);
    expect(bins[2]).toMatchObject({ count: 2, confidence: 0.2, accuracy: 0.5 });
    expect(bins[9]).toMatchObject({ count: 2, confidence: 0.95, accuracy: 1 });
    expect(bins[0]).toMatchObject({ lower: 0, upper: 0.1, count: 0 });
  });

  it('works on top-1 confidences of a multi-class model (outcome = top-1 right)', () => {
    // Bin [0.9, 1.0]: confidences 0.95, 0.95, accuracy 1/2 → gap 0.45 on 2 of 4. Bin [0.5, 0.6): 0.55, 0.55, both
    // right → gap 0.45 on 2 of 4. ECE = 0.45. Confidence 1 goes to the last bin.
    const { ece, bins } = reliability([0.95, 0.95, 0.55, 0.55], [1, 0, 1, 1]);
    expect(ece).toBeCloseTo(0.45, 10);
    expect(bins[9]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(bins[5]).toMatchObject({ count: 2, accuracy: 1 });
    expect(reliability([1], [1]).ece).toBe(0);
  });

  it('is 0 for a perfectly calibrated bin and Σ (n_b/n)|acc − conf| in general', () => {
    expect(expectedCalibrationError([0.5, 0.5], [0, 1])).toBe(0);
    const random = seededRandom(8);
    const p = Array.from({ length: 500 }, () => random());
    const y = p.map((x) => (random() < x * x ? 1 : 0));
    const { ece, bins } = reliability(p, y, 15);
    const byDefinition = bins.reduce(
      (sum, b) => sum + (b.count / p.length) * Math.abs(b.accuracy - b.confidence),
      0,
    );
    expect(ece).toBeCloseTo(byDefinition, 12);
  });
});
