import { expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import { recordingSource } from '../ml/split-source.js';
import { detectPhi, loadDeidModel } from './detect.js';
import { TokenCounter } from './evaluation.js';
import { physionetSource, trainDeid } from './train.js';

describeWithDataset('deid training on the PhysioNet corpus', ['deid', 'physionet'], (dir) => {
  const source = physionetSource(dir);

  it('reads only train and calibration, and is deterministic (one epoch, a sample of notes)', () => {
    // A few notes of each split keep the cross-validated training quick; the reads are what is checked.
    const small: typeof source = {
      description: source.description,
      read: (name) => {
        const split = source.read(name);
        return { ...split, notes: split.notes.slice(0, 60) };
      },
    };
    const recorded = recordingSource(small);
    const a = trainDeid(recorded, { epochs: 1, thresholds: [0], folds: 2, repeats: 2 });
    expect(recorded.reads).toEqual(['train', 'calibration']);
    expect(a.training).toMatchObject({
      crossValidation: { folds: 2, repeats: 2, seeds: [15, 16], by: 'patient' },
    });
    const b = trainDeid(small, { epochs: 1, thresholds: [0], folds: 2, repeats: 2 });
    expect(b.weights).toEqual(a.weights);
    expect(b.vocab).toEqual(a.vocab);
  });

  it('splits by patient: no patient in two splits', () => {
    const parts = (['train', 'calibration', 'validation'] as const).map(
      (s) => new Set(source.read(s).notes.map((n) => n.pid)),
    );
    expect(parts.reduce((n, p) => n + p.size, 0)).toBe(114);
    for (const pid of parts[0]!) expect(parts[1]!.has(pid) || parts[2]!.has(pid)).toBe(false);
    for (const pid of parts[1]!) expect(parts[2]!.has(pid)).toBe(false);
  });

  it('the committed model still finds most identifiers of the held-out patients (regression floor)', () => {
    const heldout = source.read('validation');
    const counter = new TokenCounter();
    const model = loadDeidModel();
    for (const n of heldout.notes)
      counter.add(n.text, heldout.gold.get(`${n.pid} ${n.note}`) ?? [], detectPhi(n.text, { model }));
    const m = counter.metrics();
    // Floors a little under the benchmarked values (docs/benchmarks.md, section deid), so a regression fails.
    expect(m.recall).toBeGreaterThan(0.9);
    expect(m.precision).toBeGreaterThan(0.8);
  });
});
