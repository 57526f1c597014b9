import { describe, expect, it } from 'vitest';
import { averageWeights } from './weights.js';

const map = (a: number[], b: number[], outline: number[]) =>
  new Map([
    ['w', Float32Array.from(a)],
    ['b', Float32Array.from(b)],
    ['meanOutline', Float32Array.from(outline)],
  ]);

describe('averageWeights', () => {
  it('averages every tensor element-wise with equal weight and keeps the named ones from the first map', () => {
    const out = averageWeights(
      [map([1, 2, 3], [0], [0.5, 0.5]), map([3, 4, 5], [1], [0.1, 0.9]), map([5, 0, 1], [2], [0, 0])],
      ['meanOutline'],
    );
    expect([...(out.get('w') ?? [])]).toEqual([3, 2, 3]);
    expect([...(out.get('b') ?? [])]).toEqual([1]);
    expect([...(out.get('meanOutline') ?? [])]).toEqual([0.5, 0.5]);
  });

  it('refuses networks whose tensors differ in size or name', () => {
    expect(() => averageWeights([map([1, 2], [0], [0]), map([1, 2, 3], [0], [0])])).toThrow(/tensor w/);
    const extra = map([1], [0], [0]);
    extra.set('extra', new Float32Array(1));
    expect(() => averageWeights([map([1], [0], [0]), extra])).toThrow(/tensor extra/);
    expect(() => averageWeights([])).toThrow();
  });
});
