import { describe, expect, it } from 'vitest';
import type { RiskComputation, RiskOutput } from './risk-engine.js';
import { completions, computeOverUnknowns, missingInputs, YES_NO } from './unknowns.js';

type Toy = { age: number; smoker?: boolean | 'unknown'; spiculated?: boolean | 'unknown' };

/** A toy two-factor logistic model with a category and a next step at 10 %. */
function toy(input: Toy): RiskComputation<RiskOutput> {
  const x = -3 + 0.02 * (input.age - 60) + (input.smoker ? 1 : 0) + (input.spiculated ? 1.5 : 0);
  const p = 1 / (1 + Math.exp(-x));
  const high = p >= 0.1;
  return {
    output: {
      modelId: 'toy',
      applicable: true,
      probability: p,
      category: high ? 'high' : 'low',
      recommendations: [{ text: high ? 'PET-CT' : 'CT surveillance', action: high ? 'pet-ct' : 'ct' }],
    },
    explanation: {
      baseline: -3,
      contributions: [
        { input: 'age', label: 'Age', contribution: 0.02 * (input.age - 60), unit: 'log-odds' },
        { input: 'smoker', label: 'Smoker', contribution: input.smoker ? 1 : 0, unit: 'log-odds' },
      ],
    },
  };
}
const unknowable = { smoker: YES_NO, spiculated: YES_NO };

describe('computing over unknown inputs', () => {
  it('lists what is missing and enumerates every completion', () => {
    expect(missingInputs({ age: 60, smoker: 'unknown' }, unknowable)).toEqual(['smoker', 'spiculated']);
    expect(completions({ age: 60 }, ['smoker', 'spiculated'], unknowable)).toHaveLength(4);
  });

  it('gives the range over the missing values instead of taking them as "no"', () => {
    const r = computeOverUnknowns({ age: 60, spiculated: false }, unknowable, toy);
    const low = toy({ age: 60, smoker: false, spiculated: false }).output.probability!;
    const high = toy({ age: 60, smoker: true, spiculated: false }).output.probability!;
    expect(r.output.probability).toBeUndefined();
    expect(r.output.probabilityRange).toEqual([low, high]);
    expect(r.output.missingInputs).toEqual(['smoker']);
    expect(r.output.category).toBeUndefined();
    expect(r.output.possibleCategories).toEqual(['low', 'high']);
    expect(r.output.recommendations.map((x) => x.action)).toEqual(['complete-missing-inputs']);
    // The known input's contribution stays; the unknown one is not scored.
    expect(r.explanation.contributions.map((c) => c.input)).toEqual(['age']);
  });

  it('keeps a category and next step that every completion agrees on', () => {
    const r = computeOverUnknowns({ age: 90, spiculated: true }, unknowable, toy);
    expect(r.output.category).toBe('high');
    expect(r.output.recommendations.map((x) => x.action)).toEqual(['pet-ct']);
  });

  it('"unknown" and leaving the input out give the same answer; a complete input is computed as is', () => {
    const left = computeOverUnknowns({ age: 70, spiculated: false }, unknowable, toy);
    const sent = computeOverUnknowns({ age: 70, smoker: 'unknown', spiculated: false }, unknowable, toy);
    expect(sent).toEqual(left);
    const complete = { age: 70, smoker: true, spiculated: false };
    expect(computeOverUnknowns(complete, unknowable, toy)).toEqual(toy(complete));
  });
});
