import { describe, expect, it } from 'vitest';
import { lungNoduleEngine } from './lung-nodule.js';
import { explanationTotal, logit } from './risk-engine.js';

/** The seed case: 58-year-old former smoker, 9 mm spiculated solid upper-lobe nodule, nothing else on record. */
const seed = {
  age: 58,
  smoker: true,
  familyHistoryLungCancer: false,
  emphysema: false,
  extrathoracicCancerOver5y: false,
  noduleDiameterMm: 9,
  noduleType: 'solid',
  upperLobe: true,
  noduleCount: 1,
  spiculation: true,
  knownCancer: false,
  immunosuppressed: false,
} as const;

describe('lung nodule work-up (seed case)', () => {
  it('the headline is Mayo 31.08 %; CEA 6.2 ng/mL follows it (→ 64.10 %), each step visible', () => {
    // Mayo x = −0.7966 → 31.075 %; odds 0.450859 × 3.96 = 1.785403 → 64.099 %
    const result = lungNoduleEngine.run({ ...seed, ceaNgMl: 6.2 });
    const out = result.output;
    expect(out.pretestModel).toBe('mayo');
    expect(out.probability!).toBeCloseTo(0.31075, 4);
    expect(out.pretestProbability).toBe(out.probability);
    expect(out.probabilityAfterEvidence!).toBeCloseTo(0.64099, 4);
    expect(out.steps).toHaveLength(1);
    expect(out.steps[0]).toMatchObject({ evidenceId: 'cea', likelihoodRatio: 3.96 });
    // The explanation adds up to the headline (the model's log-odds); the evidence is in the steps.
    expect(explanationTotal(result.explanation)).toBeCloseTo(logit(out.probability!), 10);
    expect(result.explanation.summary).toMatch(/^mayo 31\.1 %; after further evidence 64\.1 %/);
    expect(result.explanation.warnings?.join(' ')).toMatch(/may not be independent/);
    expect(out.category).toBe('Fleischner solid single >8 mm high risk');
    expect(out.recommendations.map((r) => r.action)).toEqual(
      expect.arrayContaining(['pet-ct', 'tissue-sampling']),
    );
  });

  it('normal CEA lowers the updated probability (→ 24.76 %); the next step still names PET-CT / tissue sampling', () => {
    // odds 0.450859 × 0.73 = 0.329127 → 24.763 %
    const result = lungNoduleEngine.run({ ...seed, ceaNgMl: 2.1 });
    expect(result.output.probabilityAfterEvidence!).toBeCloseTo(0.24763, 4);
    expect(result.output.probability!).toBeCloseTo(0.31075, 4);
    expect(result.output.recommendations.map((r) => r.action)).toEqual(
      expect.arrayContaining(['pet-ct', 'tissue-sampling']),
    );
    const screening = lungNoduleEngine.run({ ...seed, ceaNgMl: 2.1, setting: 'screening' });
    expect(screening.output.category).toBe('Lung-RADS 4X');
    expect(screening.output.recommendations.map((r) => r.action)).toEqual(
      expect.arrayContaining(['pet-ct', 'tissue-sampling']),
    );
  });

  it('uses Brock when sex is known, Herder after PET (solid nodules only), and image-model evidence', () => {
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

  it('after Brock, a part-solid or ground-glass nodule follows the BTS subsolid pathway: no PET-CT, no Herder', () => {
    for (const noduleType of ['part-solid', 'nonsolid'] as const) {
      const result = lungNoduleEngine.run({
        ...seed,
        sex: 'female',
        noduleType,
        noduleDiameterMm: 15,
        solidComponentMm: 6,
        petUptake: 'intense',
        setting: 'screening',
      });
      expect(result.output.pretestModel).toBe('brock');
      expect(result.output.modelProbabilities.herder).toBeUndefined();
      expect(result.explanation.warnings?.join(' ')).toMatch(/Herder not used/);
      const bts = result.output.recommendations.filter((r) => r.guideline?.id === 'bts-pulmonary-nodules');
      expect(bts.map((r) => r.action)).toEqual(['ct-3-months', 'ct-surveillance']);
    }
  });

  it('Fleischner does not apply to a patient with known cancer: says so, still gives the model probability', () => {
    const result = lungNoduleEngine.run({ ...seed, knownCancer: true });
    expect(result.output.category).toBeUndefined();
    expect(result.explanation.warnings?.join(' ')).toMatch(/known primary cancer/);
    expect(result.output.probability).toBeDefined();
  });

  it('a 42 mm lesion is a mass: no Fleischner or Lung-RADS category, no nodule model number', () => {
    for (const setting of ['incidental', 'screening'] as const) {
      const result = lungNoduleEngine.run({ ...seed, noduleDiameterMm: 42, setting });
      expect(result.output.category).toBeUndefined();
      expect(result.output.probability).toBeUndefined();
      expect(result.output.applicable).toBe(false);
      expect(result.output.notApplicableReason).toMatch(/mass/);
    }
  });
});

describe('unknown risk factors stay unknown in the work-up', () => {
  it('a smoker not on record is not a non-smoker: the Mayo probability is given as a range, the category only if it holds', () => {
    const { smoker: _s, ...noSmoking } = seed;
    const result = lungNoduleEngine.run(noSmoking);
    const asNo = lungNoduleEngine.run({ ...seed, smoker: false }).output.probability!;
    const asYes = lungNoduleEngine.run({ ...seed, smoker: true }).output.probability!;
    expect(result.output.probability).toBeUndefined();
    expect(result.output.probabilityRange![0]).toBeCloseTo(asNo, 12);
    expect(result.output.probabilityRange![1]).toBeCloseTo(asYes, 12);
    expect(result.output.missingInputs).toEqual(['smoker']);
    // Spiculation and upper lobe already make the Fleischner risk high: the category holds either way.
    expect(result.output.category).toBe('Fleischner solid single >8 mm high risk');
    expect(lungNoduleEngine.run({ ...noSmoking, smoker: 'unknown' })).toMatchObject({
      output: result.output,
      explanation: result.explanation,
    });
  });

  it('with every risk factor unknown a small nodule gets no "low risk" category', () => {
    const result = lungNoduleEngine.run({
      age: 60,
      noduleDiameterMm: 5,
      noduleType: 'solid',
      noduleCount: 1,
    });
    expect(result.output.missingInputs).toHaveLength(8);
    expect(result.output.category).toBeUndefined();
    expect(result.output.possibleCategories).toEqual(
      expect.arrayContaining([
        'Fleischner solid single <6 mm low risk',
        'Fleischner solid single <6 mm high risk',
      ]),
    );
    expect(result.output.recommendations.map((r) => r.action)).toContain('complete-missing-inputs');
  });
});
