import { describe, expect, it } from 'vitest';
import { parseRota, rotaText } from './rota-input.js';

describe('parseRota', () => {
  it('reads one row of 24 as a daily rota', () => {
    const day = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 5 : 3));
    const parsed = parseRota(day.join(', '));
    expect(parsed).toEqual({ ok: true, rota: day, kind: 'day', staffHoursPerWeek: 7 * (12 * 5 + 12 * 3) });
  });

  it('reads seven labelled rows with a header, as pasted from a spreadsheet, Monday first', () => {
    const week = Array.from({ length: 168 }, (_, i) => 2 + (i % 3));
    const csv = `day,${Array.from({ length: 24 }, (_, h) => `h${h}`).join(',')}\n${rotaText(week)}\n`;
    const parsed = parseRota(csv);
    expect(parsed.ok && parsed.rota).toEqual(week);
    expect(parsed.ok && parsed.kind).toBe('week');
    expect(parsed.ok && parsed.staffHoursPerWeek).toBe(week.reduce((s, v) => s + v, 0));
    expect(parseRota(week.join('\t')).ok).toBe(true);
  });

  it('says what is wrong rather than guessing', () => {
    expect(parseRota('1,2,3')).toEqual({
      ok: false,
      error: 'expected 24 values (one day, every day alike) or 168 (seven days of 24, Monday first); got 3',
    });
    const bad = parseRota(`${Array.from({ length: 23 }, () => '2').join(',')},2.5`);
    expect(bad.ok ? '' : bad.error).toMatch(/value 24: 2.5 is not a whole number/);
    expect(parseRota(`${Array.from({ length: 23 }, () => '2').join(',')},x2`).ok).toBe(false);
    expect(parseRota(Array.from({ length: 24 }, () => '0').join(',')).ok).toBe(false);
    expect(parseRota('').ok).toBe(false);
  });
});
