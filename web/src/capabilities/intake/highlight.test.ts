import { describe, expect, it } from 'vitest';
import { highlightRuns } from './highlight.js';

describe('highlightRuns', () => {
  it('cuts the text around spans and keeps every character', () => {
    const text = 'No fever. Cough for 3 days.';
    const runs = highlightRuns(text, [
      { start: 10, end: 15, kind: 'present', title: 'Cough' },
      { start: 3, end: 8, kind: 'absent', title: 'Fever' },
    ]);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(runs.filter((r) => r.span).map((r) => r.text)).toEqual(['fever', 'Cough']);
  });

  it('drops overlapping and out-of-range spans', () => {
    const runs = highlightRuns('chest pain', [
      { start: 0, end: 10, kind: 'present', title: 'Pain' },
      { start: 6, end: 10, kind: 'present', title: 'Pain' },
      { start: 5, end: 50, kind: 'value', title: 'x' },
    ]);
    expect(runs).toHaveLength(1);
  });
});
