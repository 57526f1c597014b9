/**
 * Tokenisation and light normalisation of clinical text. Every token keeps its character offsets into the source so
 * that each extracted item can point back to the text it was read from.
 */

/** One token of the source text; `norm` is the lower-cased, lightly stemmed form used for matching. */
export interface Token {
  readonly text: string;
  readonly norm: string;
  /** Offset of the first character in the source text. */
  readonly start: number;
  /** Offset one past the last character (half-open). */
  readonly end: number;
  /** True for punctuation tokens (`,`, `:`, `;`, `(` …). */
  readonly punct: boolean;
}

/**
 * Token pattern, in order of preference: short slash abbreviations (`h/o`, `N/V`, `s/p`, `c/o`), numbers with
 * decimals, ratios or ranges (`140/90`, `5.2`), dotted abbreviations (`p.o.`, `b.i.d.`, `e.g.`), words (with an
 * internal apostrophe: `patient's`), and single punctuation characters. Hyphens separate tokens (`58-year-old`,
 * `low-back pain`) so that hyphenated and spaced spellings match alike.
 */
const TOKEN_PATTERN =
  /[A-Za-z]{1,2}\/[A-Za-z]{1,2}(?![A-Za-z])|\d+(?:[.,]\d+)?(?:\/\d+(?:[.,]\d+)?)?|(?:[A-Za-z]\.)+[A-Za-z]\.?|[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?|[^\sA-Za-z0-9\u00C0-\u024F-]/g;

const PUNCTUATION = /^[^A-Za-z0-9\u00C0-\u024F]$/;

/**
 * A deliberately light stemmer (plural `-s`/`-es`/`-ies`, `-ing`, `-ed`, final `-e`, possessive `'s`): the same
 * function normalises lexicon phrases and text, so only consistency matters, not linguistic accuracy.
 */
export function stem(word: string): string {
  let w = word
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');
  // Dots go from abbreviations ("p.o." → "po"), never from a number ("1.5" is not "15").
  if (!/^\d/.test(w)) w = w.replace(/\./g, '');
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|us|is)$/.test(w)) {
    // keep: "loss", "status", "stenosis"
  } else if (/(?:ches|shes|xes|sses|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 5 && w.endsWith('ed') && !w.endsWith('eed')) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Tokenises `text` starting at `offset` (so tokens of a slice keep offsets into the whole text). */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const raw = match[0];
    const start = offset + (match.index ?? 0);
    const punct = PUNCTUATION.test(raw);
    tokens.push({ text: raw, norm: punct ? raw : stem(raw), start, end: start + raw.length, punct });
  }
  return tokens;
}

/** In a lexicon phrase, `#` stands for any number written in the text ("lost # kg" matches "lost 6 kg"). */
export const NUMBER_SLOT = '#';
/** A token that is a number ("6", "2.5", "2,5"). */
export const NUMBER_TOKEN = /^\d+(?:[.,]\d+)?$/;

/** The normalised token sequence of a phrase, joined by spaces: the key lexicons and triggers are indexed by. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase)
    .filter((token) => !token.punct || ['/', '+', '?', NUMBER_SLOT].includes(token.text))
    .filter((token, i) => i === 0 || !['the', 'a', 'an'].includes(token.norm))
    .map((token) => token.norm)
    .join(' ');
}
