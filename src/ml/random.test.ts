import { describe, expect, it } from 'vitest';
import { normalFrom, seededRandom, shuffle, shuffledIndices } from './random.js';

describe('seededRandom (Mulberry32)', () => {
  it('gives the published Mulberry32 sequence', () => {
    // Reference values of mulberry32(1) and mulberry32(0) (Tommy Ettinger's public-domain generator).
    const one = seededRandom(1);
    expect(one()).toBe(0.6270739405881613);
    expect(one()).toBe(0.002735721180215478);
    expect(one()).toBe(0.5274470399599522);
    const zero = seededRandom(0);
    expect(zero()).toBe(0.26642920868471265);
    expect(zero()).toBe(0.0003297457005828619);
  });

  it('uses seed 0 as given (not replaced by another seed) and treats seeds modulo 2^32', () => {
    expect(seededRandom(0)()).not.toBe(seededRandom(1)());
    expect(seededRandom(2 ** 32)()).toBe(seededRandom(0)());
    expect(seededRandom(-1)()).toBe(seededRandom(2 ** 32 - 1)());
  });

  it('stays in [0, 1) with a mean near 1/2', () => {
    const random = seededRandom(7);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = random();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });
});

describe('shuffle', () => {
  it('permutes without changing the input, and shuffledIndices draws the same permutation', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'];
    const out = shuffle(items, seededRandom(3));
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect([...out].sort()).toEqual(items);
    expect(out).not.toEqual(items);
    const order = shuffledIndices(items.length, seededRandom(3));
    expect(order.map((i) => items[i])).toEqual(out);
  });

  it('normalFrom has mean 0 and variance 1', () => {
    const random = seededRandom(11);
    const xs = Array.from({ length: 20_000 }, () => normalFrom(random));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
  });
});
