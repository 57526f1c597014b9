import { describe, expect, it } from 'vitest';
import { detectPhi, MODEL_CLASSES } from './detect.js';
import { classCombination } from './train.js';

describe('thresholds of single classes', () => {
  // Out-of-fold model decisions by class at three thresholds (hand-made counts).
  const multipliers = [-0.2, -0.1, 0];
  const byClass = [
    new Map([
      ['date', { tp: 55, fp: 6 }],
      ['name', { tp: 22, fp: 15 }],
    ]),
    new Map([
      ['date', { tp: 50, fp: 5 }],
      ['name', { tp: 20, fp: 5 }],
    ]),
    new Map([
      ['date', { tp: 48, fp: 4 }],
      ['name', { tp: 18, fp: 2 }],
    ]),
  ];
  const common = { multiplier: -0.1, tp: 100, fp: 10 };

  it('lowers the threshold of the class that gains recall cheaply and keeps the others', () => {
    // date at −0.2: +5 true, +1 false positives (precision 105/116 ≥ 0.9); name at −0.2 would cost 10 more.
    expect(classCombination(multipliers, byClass, common, 0.9)).toEqual({ date: -0.2, name: -0.1 });
  });

  it('gives none when no combination beats the common threshold above the precision floor', () => {
    expect(classCombination(multipliers, byClass, common, 0.95)).toBeUndefined();
  });

  it('detectPhi applies a class threshold to that class only', () => {
    const text = 'Labs drawn 3/14 and repeated. Family visiting from Quennivarton later today.';
    const before = detectPhi(text).filter((s) => s.source === 'model');
    expect(before.map((s) => s.category).sort()).toEqual(['date', 'location']);
    const high = MODEL_CLASSES.map((c) => (c === 'date' ? 1e9 : undefined));
    const after = detectPhi(text, { classThresholds: high }).filter((s) => s.source === 'model');
    expect(after.map((s) => s.category)).toEqual(['location']);
  });
});
