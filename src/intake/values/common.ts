import type { TextSpan } from '../../clinical/span.js';

/** Helpers shared by the value extractors (demographics, measurements, durations, smoking). */

export function span(text: string, start: number, end: number): TextSpan {
  return { start, end, text: text.slice(start, end) };
}

export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  eighteen: 18,
  twenty: 20,
  thirty: 30,
  several: 3,
  few: 3,
  couple: 2,
  'a few': 3,
  'a couple of': 2,
};

export function parseNumber(raw: string): number {
  const lower = raw.toLowerCase().trim();
  if (lower in NUMBER_WORDS) return NUMBER_WORDS[lower]!;
  return Number(lower.replace(',', '.'));
}

/** Round to a sensible number of decimals for a converted value. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
