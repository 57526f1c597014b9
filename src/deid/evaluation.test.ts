import { describe, expect, it } from 'vitest';
import { clusterIntervals, precisionOf, recallOf, TokenCounter } from './evaluation.js';

describe('token recall and precision with patient intervals', () => {
  it('counts recall over identifier tokens and precision over removed ones', () => {
    // gold 1 1 1 0, removed 1 1 0 1: recall 2/3, precision 2/3
    expect(recallOf([1, 1, 0, 1], [1, 1, 1, 0])).toBeCloseTo(2 / 3);
    expect(precisionOf([1, 1, 0, 1], [1, 1, 1, 0])).toBeCloseTo(2 / 3);
  });

  it('keeps the outcomes of notes added with a patient and resamples patients', () => {
    const c = new TokenCounter();
    // Patient A: both identifiers found; patient B: one of two found and one false alarm.
    c.add(
      'Seen by Okafor and Zorbal today',
      [
        { start: 8, end: 14 },
        { start: 19, end: 25 },
      ],
      [
        { start: 8, end: 14 },
        { start: 19, end: 25 },
      ],
      'A',
    );
    c.add(
      'Seen by Okafor and Zorbal today',
      [
        { start: 8, end: 14 },
        { start: 19, end: 25 },
      ],
      [
        { start: 8, end: 14 },
        { start: 26, end: 31 },
      ],
      'B',
    );
    c.add('no patient given', [], [{ start: 0, end: 2 }]);
    expect(c.outcomes).toHaveLength(5);
    const r = clusterIntervals(c.outcomes, 500, 1);
    expect(r.clusters).toBe(2);
    expect(r.recall.value).toBeCloseTo(3 / 4);
    expect(r.precision.value).toBeCloseTo(3 / 4);
    // Resampling two patients: recall is 1 (A twice), 3/4 or 1/2 (B twice).
    expect(r.recall.low).toBeCloseTo(0.5);
    expect(r.recall.high).toBeCloseTo(1);
  });
});
