import { describe, expect, it } from 'vitest';
import { groupSplit, stratifiedSplit, stratifiedSplitIndices } from './split.js';

describe('stratifiedSplit', () => {
  const items = Array.from({ length: 100 }, (_, i) => ({ id: i, cls: i < 80 ? 'a' : 'b' }));

  it('holds out round(share × n) of each class, disjoint and complete, item order kept', () => {
    const { train, validation } = stratifiedSplit(items, (x) => x.cls, 0.25, 5);
    expect(validation.filter((x) => x.cls === 'a')).toHaveLength(20);
    expect(validation.filter((x) => x.cls === 'b')).toHaveLength(5);
    expect(train).toHaveLength(75);
    const ids = [...train, ...validation].map((x) => x.id).sort((p, q) => p - q);
    expect(ids).toEqual(items.map((x) => x.id));
    expect(train.map((x) => x.id)).toEqual([...train.map((x) => x.id)].sort((p, q) => p - q));
  });

  it('is the same for the same seed and differs for another', () => {
    const one = stratifiedSplit(items, (x) => x.cls, 0.25, 5).validation.map((x) => x.id);
    expect(stratifiedSplit(items, (x) => x.cls, 0.25, 5).validation.map((x) => x.id)).toEqual(one);
    expect(stratifiedSplit(items, (x) => x.cls, 0.25, 6).validation.map((x) => x.id)).not.toEqual(one);
  });

  it('gives a fixed split for a fixed seed (regression: splits of committed models must not move)', () => {
    const { heldOut } = stratifiedSplitIndices([0, 0, 0, 0, 1, 1, 1, 1, 1, 1], 0.5, 42);
    expect(heldOut).toEqual(SPLIT_42);
  });
});

// What the split in use before src/ml (src/diagnosis/ddxplus/split.ts, same algorithm as vision's) gave for this
// input and seed: the shared split must reproduce it so the committed models' splits do not move.
const SPLIT_42 = [0, 3, 5, 7, 9];

describe('groupSplit', () => {
  it('keeps each group in one part and cuts each stratum at the cumulative shares', () => {
    const benign = Array.from({ length: 20 }, (_, i) => `b${i}`);
    const rest = Array.from({ length: 40 }, (_, i) => `r${i}`);
    const part = groupSplit([benign, rest], [0.7, 0.85], 9);
    const count = (groups: string[], k: number) => groups.filter((g) => part.get(g) === k).length;
    expect([0, 1, 2].map((k) => count(benign, k))).toEqual([14, 3, 3]);
    expect([0, 1, 2].map((k) => count(rest, k))).toEqual([28, 6, 6]);
    expect(part.size).toBe(60);
  });
});
