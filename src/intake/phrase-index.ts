import { phraseKey, type Token } from './tokens.js';

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

  add(phrase: string, payload: T): void {
    const key = phraseKey(phrase);
    if (!key) return;
    const list = this.#byKey.get(key);
    if (list) list.push(payload);
    else this.#byKey.set(key, [payload]);
    this.#maxTokens = Math.max(this.#maxTokens, key.split(' ').length);
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
    for (let length = Math.min(this.#maxTokens, tokens.length - at); length >= 1; length--) {
      const parts: string[] = [];
      let ok = true;
      for (let k = at; k < at + length; k++) {
        const token = tokens[k]!;
        if (token.punct && token.text !== '/' && token.text !== '+' && token.text !== '?') {
          ok = false;
          break;
        }
        parts.push(token.norm);
      }
      if (!ok) continue;
      const found = this.#byKey.get(parts.join(' '));
      if (!found) continue;
      const payloads = accept ? found.filter((payload) => accept(payload, at, at + length - 1)) : found;
      if (payloads.length > 0) return { first: at, last: at + length - 1, payloads } satisfies PhraseMatch<T>;
    }
    return undefined;
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
