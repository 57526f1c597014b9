import { describe, expect, it } from 'vitest';
import { reliability } from './calibration.js';

describe('reliability', () => {
  it('computes ECE on a worked example', () => {
    // Bin [0.9, 1.0]: confidences 0.95, 0.95, accuracy 1/2 → gap 0.45 on 2 of 4. Bin [0.5, 0.6): 0.55, 0.55, both
    // right → gap 0.45 on 2 of 4. ECE = 0.45.
    const { ece, bins } = reliability([
      { confidence: 0.95, correct: true },
      { confidence: 0.95, correct: false },
      { confidence: 0.55, correct: true },
      { confidence: 0.55, correct: true },
    ]);
    expect(ece).toBeCloseTo(0.45, 10);
    expect(bins[9]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(bins[5]).toMatchObject({ count: 2, accuracy: 1 });
  });
  it('puts confidence 1 in the last bin and is 0 for a calibrated set', () => {
    expect(reliability([{ confidence: 1, correct: true }]).ece).toBe(0);
  });
});
