import { describe, expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import { readDdxplusPatients } from '../diagnosis/ddxplus/patients.js';
import { checkDdxPatients } from '../fairness/ddx-fairness.js';
import { committedDdxModel } from './service.js';
import { evaluateFeedbackLoop, monthSlice } from './simulate.js';

describe('monthSlice', () => {
  it('cuts a stream into consecutive, near-equal months covering every item once', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const months = [0, 1, 2].map((m) => monthSlice(items, m, 3));
    expect(months.map((m) => m.length)).toEqual([3, 4, 3]);
    expect(months.flat()).toEqual(items);
  });
});

describe('stream checks', () => {
  it('refuses a stream with an unknown evidence or pathology, naming the row', () => {
    const model = committedDdxModel();
    const ok = {
      ageYears: 40,
      sex: 'M' as const,
      pathology: model.spec.conditions[0]!.name,
      evidences: [model.spec.questions.find((q) => q.type === 'binary')!.code],
      initialEvidence: model.spec.questions.find((q) => q.type === 'binary')!.code,
      differential: [],
    };
    expect(() => checkDdxPatients(model, [ok], 'stream')).not.toThrow();
    expect(() => checkDdxPatients(model, [ok, { ...ok, evidences: ['E_99999'] }], '--stream s.csv')).toThrow(
      /--stream s.csv row 2: unknown DDXPlus evidence 'E_99999'/,
    );
    expect(() => checkDdxPatients(model, [{ ...ok, pathology: 'Dragon pox' }], 'stream')).toThrow(
      /unknown pathology/,
    );
  });
});

describeWithDataset(
  'evaluateFeedbackLoop on DDXPlus (tiny, 1 epoch)',
  ['ddxplus', 'patients_dev.csv'],
  (path) => {
    it('reports the contract and changes the active model only by promotion', () => {
      const all = readDdxplusPatients(path);
      const spec = committedDdxModel().spec;
      const result = evaluateFeedbackLoop(spec, all.slice(0, 80), all.slice(80, 140), all.slice(140, 200), {
        months: 2,
        train: { epochs: 1, statesPerPatient: 1 },
        resamples: 50,
      });
      expect(Object.keys(result.initial).sort()).toEqual(['gtpa_at_1', 'worst_group_gap']);
      expect(result.months).toHaveLength(2);
      expect(result.months.map((m) => m.added)).toEqual([30, 30]);
      let active = 'v1';
      for (const m of result.months) {
        expect(Object.keys(m)).toEqual(
          expect.arrayContaining(['month', 'added', 'promoted', 'gtpa_at_1', 'worst_group_gap']),
        );
        if (m.promoted) {
          expect(m.active_version).toBe(m.candidate_version);
          active = m.active_version;
        } else expect(m.active_version).toBe(active);
        expect(m.gtpa_at_1).toBeGreaterThanOrEqual(0);
        expect(m.gtpa_at_1).toBeLessThanOrEqual(1);
      }
      expect(result.final.gtpa_at_1).toBe(result.months.at(-1)!.gtpa_at_1);
      expect(result.n).toEqual({ initial: 80, stream: 60, test: 60 });
    });
  },
);
