import { describe, expect, it } from 'vitest';
import { explain, removalRuns } from './runs.js';

const span = (start: number, end: number, category = 'name') => ({
  start,
  end,
  category,
  text: '',
  source: 'context',
  rule: 'context.title',
  score: 0.95,
});

describe('removalRuns', () => {
  it('keeps every character and marks the removals', () => {
    const text = 'Seen by Dr. Okafor on 3/14.';
    const runs = removalRuns(text, [span(22, 26, 'date'), span(12, 18)]);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(runs.filter((r) => r.span).map((r) => r.text)).toEqual(['Okafor', '3/14']);
  });

  it('drops overlapping and out-of-range spans', () => {
    expect(removalRuns('abc', [span(0, 2), span(1, 3), span(2, 9)])).toHaveLength(2);
  });

  it('explains a removal by category, layer, rule and score', () => {
    expect(explain(span(0, 1))).toBe('name · context (context.title) · score 0.95');
  });
});
