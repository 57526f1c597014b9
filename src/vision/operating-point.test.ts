import { describe, expect, it } from 'vitest';
import { analyzeImage } from './analysis.js';
import { decisionThreshold, modelDir, readModelFile } from './model-file.js';

describe('the operating point (likelihood ratio ≥ 1)', () => {
  it('is the calibration prevalence of label 1, and 0.5 when that is missing or degenerate', () => {
    const { header } = readModelFile(modelDir('pneumonia', 'cnn'));
    expect(decisionThreshold(header)).toBe(header.operatingPoint.prevalence);
    expect(decisionThreshold(header)).toBeGreaterThan(0.5);
    const at = (prevalence: number) =>
      decisionThreshold({ operatingPoint: { prevalence, sensitivity: 0, specificity: 0 } });
    expect(at(0)).toBe(0.5);
    expect(at(1)).toBe(0.5);
    expect(at(Number.NaN)).toBe(0.5);
    expect(at(0.3)).toBe(0.3);
  });

  it('calls a finding present exactly when the image raises its odds (likelihood ratio ≥ 1)', async () => {
    for (const task of ['pneumonia', 'breast'] as const) {
      for (let k = 0; k < 6; k++) {
        const pixels = new Float32Array(28 * 28).map((_, i) => ((i * (k + 3)) % 97) * 2.5);
        const { finding } = await analyzeImage({ width: 28, height: 28, pixels }, task);
        expect(finding.status === 'present').toBe(finding.likelihoodRatio >= 1 - 1e-9);
      }
    }
  });
});
