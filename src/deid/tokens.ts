/** A token of a note with its offsets (0-based, end-exclusive). */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Classifier tokens: words (letters with inner apostrophes), numbers with their separators kept together (`8/25`,
 * `989-290-8303`, `5.2`), and single punctuation marks.
 */
const TOKEN = /[A-Za-z\u00C0-\u024F]+(?:'[A-Za-z]+)?|\d+(?:[/\-.:]\d+)*|[^\s]/g;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** Evaluation tokens: runs of letters or digits, the unit of token-level recall and precision. */
export function evaluationTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9\u00C0-\u024F]+/g))
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}
