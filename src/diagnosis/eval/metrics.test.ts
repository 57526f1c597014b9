import { describe, expect, it } from 'vitest';
import { cutDifferential, ddxMetrics } from './metrics.js';

describe('DDXPlus metrics', () => {
  it('computes GTPA@k and DDR/DDP/DDF1 per patient on a worked example', () => {
    const metrics = ddxMetrics([
      {
        pathology: 'A',
        // Ground truth {A, B, C} after the 0.01 cut (D at 0.005 is dropped).
        groundTruth: [
          ['A', 0.5],
          ['B', 0.3],
          ['C', 0.195],
          ['D', 0.005],
        ],
        predicted: [
          { name: 'A', probability: 0.7 },
          { name: 'B', probability: 0.2 },
          { name: 'E', probability: 0.1 },
        ],
        turns: 4,
        mustNotMiss: true,
      },
      {
        pathology: 'B',
        groundTruth: [['B', 1]],
        predicted: [
          { name: 'A', probability: 0.6 },
          { name: 'C', probability: 0.2 },
          { name: 'D', probability: 0.1 },
          { name: 'E', probability: 0.05 },
          { name: 'F', probability: 0.03 },
          { name: 'B', probability: 0.02 },
        ],
        turns: 6,
        mustNotMiss: true,
      },
    ]);
    expect(metrics.n).toBe(2);
    expect(metrics.gtpa).toBe(1);
    expect(metrics.gtpa_at_1).toBe(0.5);
    expect(metrics.gtpa_at_5).toBe(0.5);
    expect(metrics.gtpa_at_10).toBe(1);
    // Patient 1: recall 2/3, precision 2/3, F1 2/3. Patient 2: recall 1, precision 1/6, F1 2/7.
    expect(metrics.ddr).toBeCloseTo((2 / 3 + 1) / 2, 10);
    expect(metrics.ddp).toBeCloseTo((2 / 3 + 1 / 6) / 2, 10);
    expect(metrics.ddf1).toBeCloseTo((2 / 3 + 2 / 7) / 2, 10);
    expect(metrics.avg_turns).toBe(5);
    expect(metrics.must_not_miss_recall).toBe(0.5);
  });
  it('cuts at probability 0.01 exclusive', () => {
    expect(cutDifferential([{ probability: 0.01 }, { probability: 0.0101 }])).toEqual([
      { probability: 0.0101 },
    ]);
  });
});
