import { describe, expect, it } from 'vitest';
import { describeWithDataset } from '../../../test/datasets.js';
import { stratifiedSplit } from '../../ml/split.js';
import { readDdxplusPatients } from '../ddxplus/patients.js';
import { evaluateDdx } from '../eval/evaluate.js';
import { DDX_SPLIT } from '../eval/split.js';
import { DEFAULT_INTERVIEW_OPTIONS } from '../interview/options.js';
import { askableQuestions, rankQuestions } from '../interview/policy.js';
import { loadDdxModel } from '../model-file.js';
import { DdxLogisticModel } from './logistic.js';
import { softmax } from './scorer.js';
import type { Answer } from './spec.js';
import type { DdxState } from './state.js';

const model = loadDdxModel();
const state = (answers: [string, Answer][], extra: Partial<DdxState> = {}): DdxState => ({
  ageYears: 40,
  sex: 'F',
  answers: new Map(answers),
  ...extra,
});
const top = (p: Float64Array) => model.spec.conditions[p.indexOf(Math.max(...p))]!.name;

describe('committed DDX model', () => {
  it('loads, is versioned and round-trips through JSON', () => {
    expect(model.modelVersion).toMatch(/^ddx-logistic-/);
    expect(model.conditionCount).toBe(49);
    expect(model.temperature).toBeGreaterThan(0);
    const copy = DdxLogisticModel.fromJSON(model.toJSON());
    const s = state([['E_91', ['yes']]]);
    const a = copy.predict(s);
    const b = model.predict(s);
    for (let c = 0; c < a.length; c++) expect(a[c]).toBeCloseTo(b[c]!, 3);
  });

  it('returns a probability distribution', () => {
    const p = model.predict(state([]));
    expect(p.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 10);
  });

  it('treats unknown as no information, unlike absent', () => {
    const base = model.predict(state([['E_91', ['yes']]]));
    const unknown = model.predict(
      state([
        ['E_91', ['yes']],
        ['E_201', 'unknown'],
      ]),
    );
    const absent = model.predict(
      state([
        ['E_91', ['yes']],
        ['E_201', []],
      ]),
    );
    for (let c = 0; c < base.length; c++) expect(unknown[c]).toBeCloseTo(base[c]!, 12);
    expect(Math.max(...absent.map((v, c) => Math.abs(v - base[c]!)))).toBeGreaterThan(0.01);
  });

  it('explains each condition with terms that add up to its score', () => {
    const s = state([
      ['E_91', ['yes']],
      ['E_201', ['yes']],
      ['E_53', ['yes']],
      ['E_56', ['7']],
      ['E_66', []],
    ]);
    const scores = model.scores(s);
    for (const c of [0, 10, 30]) {
      const sum = model.terms(s, c).reduce((x, t) => x + t.contribution, 0);
      expect(sum).toBeCloseTo(scores[c]!, 9);
    }
  });

  it('predict is the softmax of the calibrated scores, on empty, sparse and denser states', () => {
    const states = [
      { ageYears: 30, sex: 'M' as const, answers: new Map() },
      state([['E_91', ['yes']]]),
      state([
        ['E_53', ['yes']],
        ['E_56', ['7']],
        ['E_66', []],
        ['E_201', 'unknown'],
      ]),
    ];
    for (const s of states) {
      const predicted = model.predict(s);
      const fromScores = softmax(model.scores(s));
      expect(predicted).toHaveLength(model.conditionCount);
      for (let c = 0; c < predicted.length; c++) expect(predicted[c]).toBeCloseTo(fromScores[c]!, 12);
      // Temperature matters: the uncalibrated logits give a different distribution.
      const raw = softmax(model.rawLogits(s));
      expect(Math.max(...raw.map((v, c) => Math.abs(v - predicted[c]!)))).toBeGreaterThan(1e-6);
      expect(top(predicted)).toBe(top(fromScores));
    }
  });

  it('asks follow-ups only after their parent is answered present', () => {
    const noPain = state([['E_91', ['yes']]]);
    expect(askableQuestions(model.index, noPain).some((q) => q.parent === 'E_53')).toBe(false);
    const pain = state([['E_53', ['yes']]]);
    expect(askableQuestions(model.index, pain).some((q) => q.code === 'E_56')).toBe(true);
    const options = {
      mustNotMissWeight: DEFAULT_INTERVIEW_OPTIONS.mustNotMissWeight,
      mustNotMiss: model.index.mustNotMiss,
    };
    // How fast the choice is, is measured by `npm run bench:ddx` (next-question choice), not asserted here.
    const choices = rankQuestions(model, model.table, pain, options, 3);
    expect(choices).toHaveLength(3);
    expect(choices[0]!.expectedGainNats).toBeGreaterThan(0);
    expect(choices[0]!.score).toBeGreaterThanOrEqual(choices[1]!.score);
  });

  it('a reported finding not linked to a condition all but rules it out (structure prior)', () => {
    // E_91 (fever) is not among the evidences DDXPlus links to 'Inguinal hernia'.
    const hernia = model.index.conditionIndex.get('Inguinal hernia')!;
    expect(model.spec.conditions[hernia]!.linked).not.toContain('E_91');
    const p = model.predict(state([['E_91', ['yes']]]));
    expect(p[hernia]).toBeLessThan(0.01);
  });
});

describeWithDataset('DDX model on validation patients', ['ddxplus', 'patients_dev.csv'], (csvPath) => {
  const patients = readDdxplusPatients(csvPath);
  const { validation } = stratifiedSplit(
    patients,
    (p) => p.pathology,
    DDX_SPLIT.validationFraction,
    DDX_SPLIT.seed,
  );
  const sample = validation.slice(0, 60);
  const system = {
    scorer: model,
    table: model.table,
    differentialHead: (s: DdxState) => model.differential(s),
  };
  const options = { ...DEFAULT_INTERVIEW_OPTIONS, mustNotMiss: model.index.mustNotMiss };

  it('ranks the true pathology first with full evidence on held-out patients', () => {
    const result = evaluateDdx(system, sample, 'full', options);
    expect(result.gtpa_at_1).toBeGreaterThanOrEqual(0.95);
    expect(result.gtpa_at_5).toBe(1);
  });

  it('reaches the diagnosis in a short simulated interview', () => {
    const result = evaluateDdx(system, sample.slice(0, 30), 'interactive', options);
    expect(result.gtpa_at_1).toBeGreaterThanOrEqual(0.9);
    expect(result.gtpa_at_5).toBeGreaterThanOrEqual(0.95);
    expect(result.avg_turns).toBeLessThan(12);
  });

  it('gives a sensible single example: the top condition is the true one', () => {
    const patient = validation.find((p) => p.pathology === 'Pulmonary embolism')!;
    expect(patient).toBeDefined();
    const result = evaluateDdx(system, [patient], 'full', options);
    expect(result.gtpa_at_3).toBe(1);
  });
});
