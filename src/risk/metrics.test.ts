import { describe, expect, it } from 'vitest';
import { seededRandom } from '../ml/random.js';
import { bootstrapAuc, rocAuc } from './metrics.js';

describe('rocAuc', () => {
  it('perfect, inverted, and tied scores', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });
  it('hand-computed: pairs (pos > neg) / (npos·nneg)', () => {
    // positives 0.4, 0.8; negatives 0.1, 0.4, 0.6 → pairs: 0.4 vs {0.1 win, 0.4 tie, 0.6 loss} = 1.5;
    // 0.8 vs all three = 3 → 4.5 / 6 = 0.75
    expect(rocAuc([0.4, 0.8, 0.1, 0.4, 0.6], [1, 1, 0, 0, 0])).toBeCloseTo(0.75, 12);
  });
  it('is unchanged by a monotone transform of the scores', () => {
    const scores = [3, 9, 4, 12, 7, 5.5, 20];
    const labels: (0 | 1)[] = [0, 1, 0, 1, 0, 1, 1];
    expect(
      rocAuc(
        scores.map((s) => 1 / (1 + Math.exp(-0.1274 * s))),
        labels,
      ),
    ).toBe(rocAuc(scores, labels));
  });
});

describe('bootstrapAuc', () => {
  it('is reproducible with a seed and brackets the estimate', () => {
    const random = seededRandom(7);
    const labels: (0 | 1)[] = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const scores = labels.map((l) => l + random() * 1.5);
    const a = bootstrapAuc(scores, labels, { resamples: 300, seed: 1 });
    const b = bootstrapAuc(scores, labels, { resamples: 300, seed: 1 });
    expect(a).toEqual(b);
    expect(a.low).toBeLessThanOrEqual(a.estimate);
    expect(a.high).toBeGreaterThanOrEqual(a.estimate);
    expect(a.high - a.low).toBeGreaterThan(0);
  });
});
