import { describe, expect, it } from 'vitest';
import { Perceptron } from './perceptron.js';

describe('Perceptron.mean', () => {
  const trained = (examples: [string[], number][], passes: number) => {
    const p = new Perceptron(['O', 'name']);
    for (let k = 0; k < passes; k++) for (const [f, y] of examples) p.update(f, y);
    p.average();
    return p;
  };
  const a = trained(
    [
      [['b', 'cap'], 1],
      [['b', 'low'], 0],
    ],
    3,
  );
  const b = trained(
    [
      [['b', 'low'], 0],
      [['b', 'cap', 'rare'], 1],
    ],
    2,
  );

  it('scores every feature set with the mean of the models it averages (a linear model)', () => {
    const m = Perceptron.mean([a, b]);
    for (const f of [['b', 'cap'], ['b', 'low'], ['rare'], ['unseen']]) {
      const sa = a.scores(f);
      const sb = b.scores(f);
      const sm = m.scores(f);
      for (let k = 0; k < 2; k++) expect(sm[k]).toBeCloseTo((sa[k]! + sb[k]!) / 2, 12);
    }
    expect(m.scores(['b', 'cap'])[1]).not.toBe(0);
  });

  it('returns a single model as it is and refuses an empty list', () => {
    expect(Perceptron.mean([a])).toBe(a);
    expect(() => Perceptron.mean([])).toThrow(/no perceptron/);
  });
});
