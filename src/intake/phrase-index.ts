import { NUMBER_SLOT, NUMBER_TOKEN, phraseKey, stem, type Token } from './tokens.js';

/** Punctuation that may be part of a phrase (`and/or`, `N+V`, the hedge `?`, the number slot `#`). */
const PHRASE_PUNCTUATION = new Set(['/', '+', '?', NUMBER_SLOT]);

/** Side words, skipped inside a phrase of the text when the phrase itself names no side. */
const SIDE_WORDS = new Set(['left', 'right', 'both'].map(stem));

/** Articles, skipped inside phrases and lexicon keys alike. */
export const ARTICLES = new Set(['the', 'a', 'an']);

function isWordLike(token: Token): boolean {
  return !token.punct || PHRASE_PUNCTUATION.has(token.text);
}

/** The key with the two words around one "and" swapped, for each "and" that has a word on both sides. */
function coordinationSwaps(key: string): string[] {
  const words = key.split(' ');
  const swaps: string[] = [];
  words.forEach((word, i) => {
    const before = words[i - 1];
    const after = words[i + 1];
    if (word !== 'and' || !before || !after || before === after || before === 'and' || after === 'and')
      return;
    const swapped = [...words];
    swapped[i - 1] = after;
    swapped[i + 1] = before;
    swaps.push(swapped.join(' '));
  });
  return swaps;
}

/** A phrase found in a token sequence: tokens [first, last] inclusive, with every payload indexed under it. */
export interface PhraseMatch<T> {
  readonly first: number;
  readonly last: number;
  readonly payloads: readonly T[];
}

/**
 * Normalised multi-word phrases → payloads, matched longest-first, left to right, over consecutive tokens (a
 * phrase never spans punctuation). Shared by concept recognition and the ConText trigger lexicon.
 */
export class PhraseIndex<T> {
  readonly #byKey = new Map<string, T[]>();
  #maxTokens = 1;

  /**
   * `fillers`: normalised words skipped inside a phrase, on both sides, like articles (never as its first word):
   * with `i`, `my` and `some`, "burning when I pee" matches "burning when peeing" and "lost some weight" "lost weight".
   */
  constructor(readonly fillers: ReadonlySet<string> = new Set()) {}

  /**
   * Indexes `phrase`, and the same words with each pair of single words joined by "and" in the other order: "foot
   * is cold and pale" also finds "foot is pale and cold", "on and off" "off and on".
   */
  add(phrase: string, payload: T): void {
    const full = phraseKey(phrase);
    // A match never starts on an article (`matchAt`), so a leading one is dropped: "a bit muddled" is "bit muddled".
    const [head, ...rest] = full.split(' ');
    const bare = head !== undefined && ARTICLES.has(head) && rest.length > 0 ? rest.join(' ') : full;
    const key = this.#withoutFillers(bare);
    // A phrase the fillers or its article reduce to one word would match every use of that word ("crushed my" →
    // "crush" in "crushing pain", "dog bit" with "bit" a filler → "dog", "a temp" → "temp"): it is not indexed.
    if (!key || (key.split(' ').length === 1 && full.split(' ').length > 1)) return;
    this.#addKey(key, payload);
    for (const swapped of coordinationSwaps(key)) this.#addKey(swapped, payload);
  }

  #addKey(key: string, payload: T): void {
    const list = this.#byKey.get(key);
    if (list?.includes(payload)) return;
    if (list) list.push(payload);
    else this.#byKey.set(key, [payload]);
    this.#maxTokens = Math.max(this.#maxTokens, key.split(' ').length);
  }

  #withoutFillers(key: string): string {
    if (this.fillers.size === 0) return key;
    const [head, ...rest] = key.split(' ');
    return [head, ...rest.filter((word) => !this.fillers.has(word))].join(' ');
  }

  get size(): number {
    return this.#byKey.size;
  }

  /** Payloads of the longest phrase starting at token `at`, or undefined. */
  matchAt(
    tokens: readonly Token[],
    at: number,
    accept?: (payload: T, first: number, last: number) => boolean,
  ) {
    const head = tokens[at];
    if (!head || !isWordLike(head) || ARTICLES.has(head.norm)) return undefined;
    const parts: string[] = [];
    // The same words with every number as the slot `#`: "lost 6 kg" also looks up the phrase "lost # kg".
    const slotted: string[] = [];
    // The same words without the side ("pain in his left testicle" also looks up "pain in testicle"); a phrase that
    // names a side itself keeps it ("moved to the right lower abdomen" is not found for the left).
    const sideless: string[] = [];
    let hasNumber = false;
    let hasSide = false;
    let best: PhraseMatch<T> | undefined;
    for (let k = at; k < tokens.length && parts.length < this.#maxTokens; k++) {
      const token = tokens[k]!;
      if (!isWordLike(token)) break;
      // Articles inside a phrase are optional on both sides: "pain in the chest" = "pain in chest".
      if (ARTICLES.has(token.norm) || (k > at && this.fillers.has(token.norm))) continue;
      parts.push(token.norm);
      const isNumber = NUMBER_TOKEN.test(token.norm);
      slotted.push(isNumber ? NUMBER_SLOT : token.norm);
      hasNumber ||= isNumber;
      const isSide = k > at && SIDE_WORDS.has(token.norm);
      if (!isSide) sideless.push(token.norm);
      hasSide ||= isSide;
      const found =
        this.#byKey.get(parts.join(' ')) ??
        (hasNumber ? this.#byKey.get(slotted.join(' ')) : undefined) ??
        (hasSide && !isSide ? this.#byKey.get(sideless.join(' ')) : undefined);
      if (!found) continue;
      const payloads = accept ? found.filter((payload) => accept(payload, at, k)) : found;
      if (payloads.length > 0) best = { first: at, last: k, payloads };
    }
    return best;
  }

  /** All non-overlapping longest matches, scanning left to right. */
  findAll(
    tokens: readonly Token[],
    accept?: (payload: T, first: number, last: number) => boolean,
  ): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    let at = 0;
    while (at < tokens.length) {
      const match = this.matchAt(tokens, at, accept);
      if (match) {
        matches.push(match);
        at = match.last + 1;
      } else at++;
    }
    return matches;
  }
}
