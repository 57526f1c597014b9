import { describe, expect, it } from 'vitest';
import { lungNoduleEngine } from './lung-nodule.js';
import { explanationTotal, logit } from './risk-engine.js';

/** The seed case: 58-year-old former smoker, 9 mm spiculated upper-lobe nodule. */
const seed = { age: 58, smoker: true, noduleDiameterMm: 9, upperLobe: true, spiculation: true } as const;

describe('lung nodule work-up (seed case)', () => {
  it('CEA 6.2 ng/mL raises the Mayo probability 31.08 % → 64.10 %, each step visible', () => {
    // Mayo x = −0.7966 → 31.075 %; odds 0.450859 × 3.96 = 1.785403 → 64.099 %
    const result = lungNoduleEngine.run({ ...seed, ceaNgMl: 6.2 });
    const out = result.output;
    expect(out.pretestModel).toBe('mayo');
    expect(out.pretestProbability!).toBeCloseTo(0.31075, 4);
    expect(out.probability!).toBeCloseTo(0.64099, 4);
    expect(out.steps).toHaveLength(1);
    expect(out.steps[0]).toMatchObject({ evidenceId: 'cea', likelihoodRatio: 3.96 });
    expect(explanationTotal(result.explanation)).toBeCloseTo(logit(out.probability!), 10);
    expect(result.explanation.warnings?.join(' ')).toMatch(/may not be independent/);
    expect(out.category).toBe('Fleischner solid single >8 mm high risk');
    expect(out.recommendations.map((r) => r.action)).toEqual(
      expect.arrayContaining(['pet-ct', 'tissue-sampling']),
    );
  });

  it('normal CEA lowers the probability (31.08 % → 24.76 %) but the next step still names PET-CT / tissue sampling', () => {
    // odds 0.450859 × 0.73 = 0.329127 → 24.763 %
    const result = lungNoduleEngine.run({ ...seed, ceaNgMl: 2.1 });
    expect(result.output.probability!).toBeCloseTo(0.24763, 4);
    expect(result.output.probability!).toBeLessThan(result.output.pretestProbability!);
    expect(result.output.recommendations.map((r) => r.action)).toEqual(
      expect.arrayContaining(['pet-ct', 'tissue-sampling']),
    );
    const screening = lungNoduleEngine.run({ ...seed, ceaNgMl: 2.1, setting: 'screening' });
    expect(screening.output.category).toBe('Lung-RADS 4X');
    expect(screening.output.recommendations.map((r) => r.action)).toEqual(
      expect.arrayContaining(['pet-ct', 'tissue-sampling']),
    );
  });

  it('uses Brock when sex is known, Herder after PET, and image-model evidence', () => {
    const brock = lungNoduleEngine.run({ ...seed, sex: 'male' });
    expect(brock.output.pretestModel).toBe('brock');
    expect(brock.output.probability!).toBeCloseTo(0.084135, 4);
    expect(brock.output.modelProbabilities.mayo!).toBeCloseTo(0.31075, 4);
    const herder = lungNoduleEngine.run({ ...seed, petUptake: 'intense' });
    expect(herder.output.pretestModel).toBe('herder');
    // y = −4.739 + 3.691·0.310753 + 4.771 = 1.179 → 76.48 %
    expect(herder.output.probability!).toBeCloseTo(
      1 / (1 + Math.exp(-(-4.739 + 3.691 * 0.3107533 + 4.771))),
      4,
    );
    const vision = lungNoduleEngine.run({
      ...seed,
      evidence: [
        { id: 'vision', label: 'image model', likelihoodRatio: 2, correlatesWith: ['noduleDiameterMm'] },
      ],
    });
    expect(vision.output.steps[0]?.evidenceId).toBe('vision');
    expect(vision.explanation.warnings?.join(' ')).toMatch(/noduleDiameterMm/);
  });

  it('Fleischner does not apply to a patient with known cancer: says so, still gives the model probability', () => {
    const result = lungNoduleEngine.run({ ...seed, knownCancer: true });
    expect(result.output.category).toBeUndefined();
    expect(result.explanation.warnings?.join(' ')).toMatch(/known primary cancer/);
    expect(result.output.probability).toBeDefined();
  });
});
