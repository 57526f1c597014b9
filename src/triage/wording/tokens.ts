/**
 * The words of a note as the emergency-wording model reads them (`model.ts`): lower-cased, crudely stemmed words
 * and word pairs of what is reported present. Left out: the age line ("34 year old Female"), family history, a
 * line of pertinent negatives ("No fever, no rash, …") and, within a clause, everything after a negation ("no",
 * "not", "denies", "can't" …): the model learns from what is there, never from what is ruled out. Words of a
 * past-history or social-history line are marked `H_` (a past stroke is not a stroke now).
 */

const AGE_LINE = /^\s*\d+(?:\.\d+)?\s*(?:year|month|week|day)s?[- ]old\b/i;
const NEGATION =
  /^(?:no|not|never|without|denies|denied|nor|isn't|hasn't|hadn't|didn't|doesn't|don't|wasn't|can't)$/;
const CLAUSE_BREAK = /[.;:,!?()]| but | and /;
const WORD = /[a-z][a-z']*|\d+/g;
const SUFFIXES = ['ing', 'ed', 'es', 's'] as const;

/** A word without its commonest inflection ("vomiting" → "vomit", "legs" → "leg"), for words long enough to keep a stem. */
export function stemWord(word: string): string {
  for (const suffix of SUFFIXES)
    if (word.length > suffix.length + 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  return word;
}

function isNegativesLine(line: string): boolean {
  return /^no\b/.test(line) && line.includes(',');
}

function clauseTokens(clause: string, prefix: string, out: string[]): void {
  let previous: string | undefined;
  for (const word of clause.match(WORD) ?? []) {
    if (NEGATION.test(word)) return;
    const stem = stemWord(word);
    out.push(prefix + stem);
    if (previous !== undefined) out.push(`${prefix}${previous}_${stem}`);
    previous = stem;
  }
}

/** Words and adjacent word pairs (`hour_ago`) of the reported-present parts of `text`, in order, repeats kept. */
export function wordingTokens(text: string): string[] {
  const out: string[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim().toLowerCase();
    if (AGE_LINE.test(line) || line.startsWith('family history') || isNegativesLine(line)) continue;
    const prefix = line.startsWith('history:') || line.startsWith('social history') ? 'H_' : '';
    for (const clause of line.split(CLAUSE_BREAK)) clauseTokens(clause, prefix, out);
  }
  return out;
}
