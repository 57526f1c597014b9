import { PhraseIndex } from './phrase-index.js';
import { NUMBER_TOKEN, stem, type Token } from './tokens.js';

/**
 * The small interface concept recognition works against: phrases that name a knowledge-base concept (and, for
 * categorical concepts, one of its values). Built from the diagnosis knowledge base by `lexiconFromKnowledgeBase`,
 * plus the intake's own additions; tests use a fixture lexicon.
 */
export interface LexiconEntry {
  readonly conceptId: string;
  /** A value id of a categorical / multi-choice concept, or a scale point. */
  readonly value?: string;
  /** Phrases matched case-insensitively on normalised tokens ("shortness of breath", "n/v"). */
  readonly phrases: readonly string[];
  /** Short abbreviations matched only when written in capitals ("CP", "SOB", "PE"). */
  readonly abbreviations?: readonly string[];
  /** True when the phrases name the concept's absence ("afebrile", "apyrexial"): the finding is then absent. */
  readonly namesAbsence?: boolean;
  /**
   * The family-history concept the phrases name when a blood relative has the condition ("mother has asthma" →
   * `family.asthma`; the knowledge base's `familyHistoryOf`), instead of `conceptId`.
   */
  readonly relativeConceptId?: string;
  /** The least value a number written for the phrases' slot `#` may have ("took # tablets": 8 or more). */
  readonly minNumber?: number;
}

export interface Lexicon {
  readonly entries: readonly LexiconEntry[];
  /** Clinician-facing label of a concept id, for summaries and questions. */
  label(conceptId: string): string;
  /**
   * The yes/no concept a present finding implies (`fever.pattern.continuous` → `fever`, `pain.character` →
   * `pain`, `cough.productive` → `cough`), if any.
   */
  impliedParent?(conceptId: string): string | undefined;
}

/** Payload of a compiled lexicon phrase. */
export interface LexiconHit {
  readonly conceptId: string;
  readonly value?: string;
  readonly caseSensitive: boolean;
  readonly namesAbsence?: boolean;
  readonly relativeConceptId?: string;
  readonly minNumber?: number;
}

/** A concept mention: tokens [first, last] of a sentence. */
export interface ConceptMention {
  readonly conceptId: string;
  readonly value?: string;
  readonly first: number;
  readonly last: number;
  readonly start: number;
  readonly end: number;
  readonly namesAbsence?: boolean;
  readonly relativeConceptId?: string;
}

/** A lexicon compiled for matching. */
/**
 * Words a speaker puts inside a symptom phrase without changing it ("burning when I pee", "lost some weight", "pain
 * in my chest", "really bad headache", "slightly yellow"): skipped inside concept phrases (not ConText triggers), on both sides.
 */
export const PHRASE_FILLERS: ReadonlySet<string> = new Set(
  [
    'i',
    'my',
    'his',
    'her',
    'their',
    'our',
    'your',
    'some',
    'very',
    'really',
    'suddenly',
    // Softeners: "slightly short of breath", "quite breathless" ("a bit" cannot be one: "dog bit").
    'slightly',
    'quite',
    'rather',
    // Copulas and "own": "calf (is) swollen", "bitten by my (own) cat".
    'is',
    'are',
    'was',
    'were',
    'own',
  ].map(stem),
);

export class ConceptMatcher {
  readonly #index = new PhraseIndex<LexiconHit>(PHRASE_FILLERS);

  constructor(readonly lexicon: Lexicon) {
    for (const entry of lexicon.entries) {
      const base = {
        conceptId: entry.conceptId,
        ...(entry.value !== undefined ? { value: entry.value } : {}),
        ...(entry.namesAbsence ? { namesAbsence: true } : {}),
        ...(entry.relativeConceptId ? { relativeConceptId: entry.relativeConceptId } : {}),
        ...(entry.minNumber !== undefined ? { minNumber: entry.minNumber } : {}),
      };
      for (const phrase of entry.phrases) this.#index.add(phrase, { ...base, caseSensitive: false });
      for (const abbreviation of entry.abbreviations ?? []) {
        const short = /^[A-Za-z]{1,3}$/.test(abbreviation);
        this.#index.add(abbreviation, { ...base, caseSensitive: short });
      }
    }
  }

  /** Longest, left-to-right, non-overlapping concept mentions in a sentence's tokens. */
  match(tokens: readonly Token[]): ConceptMention[] {
    const mentions: ConceptMention[] = [];
    const accept = (hit: LexiconHit, first: number, last: number) => {
      if (hit.minNumber !== undefined && !writesNumberFrom(tokens, first, last, hit.minNumber)) return false;
      if (!hit.caseSensitive) return true;
      if (!tokens.slice(first, last + 1).every((t) => t.text === t.text.toUpperCase())) return false;
      // "on RA" (room air), "98% RA", "PE:" (a header): not the condition the abbreviation may stand for.
      const before = tokens[first - 1];
      const after = tokens[last + 1];
      if (before && (before.norm === 'on' || before.text === '%')) return false;
      return !(after && after.text === ':');
    };
    for (const match of this.#index.findAll(tokens, accept)) {
      const seen = new Set<string>();
      for (const hit of match.payloads) {
        const key = `${hit.conceptId}\u0000${hit.value ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        mentions.push({
          conceptId: hit.conceptId,
          ...(hit.value !== undefined ? { value: hit.value } : {}),
          ...(hit.namesAbsence ? { namesAbsence: true } : {}),
          ...(hit.relativeConceptId ? { relativeConceptId: hit.relativeConceptId } : {}),
          first: match.first,
          last: match.last,
          start: tokens[match.first]!.start,
          end: tokens[match.last]!.end,
        });
      }
    }
    return mentions;
  }
}

/** True when tokens [first, last] hold a number of at least `least` ("about 20 tablets" for 8). */
function writesNumberFrom(tokens: readonly Token[], first: number, last: number, least: number): boolean {
  return tokens
    .slice(first, last + 1)
    .some((token) => NUMBER_TOKEN.test(token.norm) && Number(token.norm.replace(',', '.')) >= least);
}

/** A lexicon from plain entries, with labels from a map (falling back to the concept id). */
export function createLexicon(
  entries: readonly LexiconEntry[],
  labels: ReadonlyMap<string, string> = new Map(),
  parents: ReadonlyMap<string, string> = new Map(),
): Lexicon {
  return { entries, label: (id) => labels.get(id) ?? id, impliedParent: (id) => parents.get(id) };
}

/** Merges lexicons: entries concatenated, labels from the first that knows the id. */
export function mergeLexicons(...lexicons: readonly Lexicon[]): Lexicon {
  return {
    entries: lexicons.flatMap((lexicon) => lexicon.entries),
    label(id) {
      for (const lexicon of lexicons) {
        const label = lexicon.label(id);
        if (label !== id) return label;
      }
      return id;
    },
    impliedParent(id) {
      for (const lexicon of lexicons) {
        const parent = lexicon.impliedParent?.(id);
        if (parent) return parent;
      }
      return undefined;
    },
  };
}
