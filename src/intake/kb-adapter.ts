import { createLexicon, type Lexicon, type LexiconEntry } from './lexicon.js';
import { phraseKey } from './tokens.js';

/**
 * The parts of the diagnosis knowledge base (`src/knowledge`) the intake reads, typed structurally so the
 * intake depends on the shape, not on the module: concepts with their synonyms, abbreviations and values, and
 * conditions with their typical concepts.
 */
export interface KnowledgeConceptLike {
  readonly id: string;
  readonly label: string;
  readonly type?: string;
  readonly synonyms: readonly string[];
  readonly abbreviations: readonly string[];
  readonly parentId?: string;
  /** For a family-history concept: the patient-history concepts whose presence in a relative it records. */
  readonly familyHistoryOf?: readonly string[];
  readonly values?: readonly {
    readonly id: string;
    readonly label: string;
    readonly synonyms: readonly string[];
  }[];
}

export interface KnowledgeConditionLike {
  readonly id: string;
  readonly label: string;
  readonly mustNotMiss?: boolean;
  readonly typicalConceptIds: readonly string[];
}

export interface KnowledgeBaseLike {
  readonly version?: string;
  readonly concepts: readonly KnowledgeConceptLike[];
  readonly conditions: readonly KnowledgeConditionLike[];
}

/**
 * Knowledge-base synonyms that name a measurement rather than a finding ("temperature" for fever): the value
 * extractor reads those, and matching them as a finding would turn "temperature 37.0" into a fever.
 */
/**
 * Patient-history concept id → the knowledge base's family-history concept for the same condition in a blood
 * relative (`history.asthma` → `family.asthma`), from the family concepts' `familyHistoryOf`.
 */
export function familyConceptsByHistory(kb: KnowledgeBaseLike): ReadonlyMap<string, string> {
  const byHistory = new Map<string, string>();
  for (const concept of kb.concepts)
    for (const historyId of concept.familyHistoryOf ?? [])
      if (!byHistory.has(historyId)) byHistory.set(historyId, concept.id);
  return byHistory;
}

const MEASUREMENT_WORDS = new Set([
  'temperature',
  'temp',
  'pulse',
  'blood pressure',
  'weight',
  'heart rate',
  'pack-years',
  'py',
  'pack years',
]);

/**
 * A lexicon of the knowledge base's concepts: label, synonyms and abbreviations name the concept; a value's label
 * and synonyms name the concept with that value. Abbreviations of up to three letters match only in capitals.
 */
export function lexiconFromKnowledgeBase(kb: KnowledgeBaseLike): Lexicon {
  const entries: LexiconEntry[] = [];
  const labels = new Map<string, string>();
  const familyConcepts = familyConceptsByHistory(kb);
  // An abbreviation several concepts declare (HTN) names the first of them only.
  const claimed = new Set<string>();
  // Likewise a phrase two concepts list ("weight loss") names the first of them only.
  const claimedPhrases = new Set<string>();
  const unclaimed = (phrase: string) => {
    const key = phraseKey(phrase);
    if (claimedPhrases.has(key)) return false;
    claimedPhrases.add(key);
    return true;
  };
  for (const concept of kb.concepts) {
    labels.set(concept.id, concept.label);
    const phrases = [concept.label, ...concept.synonyms]
      .filter((p) => !MEASUREMENT_WORDS.has(p.toLowerCase()))
      .filter(unclaimed);
    const abbreviations = concept.abbreviations.filter((a) => {
      if (!/[A-Za-z]/.test(a) || /[^\x20-\x7E]/.test(a) || MEASUREMENT_WORDS.has(a.toLowerCase()))
        return false;
      if (claimed.has(a)) return false;
      claimed.add(a);
      return true;
    });
    if (concept.type !== 'categorical' && concept.type !== 'multi-choice' && concept.type !== 'scale-0-10') {
      const relativeConceptId = familyConcepts.get(concept.id);
      entries.push({
        conceptId: concept.id,
        phrases,
        abbreviations,
        ...(relativeConceptId ? { relativeConceptId } : {}),
      });
    }
    // Body-site value lists (where the pain is, where it spreads): a bare body part is not a finding; sites come
    // from phrases that name them with the finding ("epigastric pain", see the intake additions).
    if (/\.(?:location|radiation)$/.test(concept.id)) {
      for (const value of concept.values ?? [])
        labels.set(`${concept.id}=${value.id}`, `${concept.label}: ${value.label}`);
      continue;
    }
    for (const value of concept.values ?? []) {
      labels.set(`${concept.id}=${value.id}`, `${concept.label}: ${value.label}`);
      entries.push({ conceptId: concept.id, value: value.id, phrases: [value.label, ...value.synonyms] });
    }
  }
  // A present refinement implies its yes/no parent: the knowledge base's `parentId` (extension and follow-up
  // concepts), else the longest dotted prefix that is a yes/no concept (`cough.productive` → `cough`).
  const binary = new Set(
    kb.concepts.filter((c) => c.type === undefined || c.type === 'binary').map((c) => c.id),
  );
  const parents = new Map<string, string>();
  for (const concept of kb.concepts) {
    let parent = concept.parentId && binary.has(concept.parentId) ? concept.parentId : undefined;
    for (let at = concept.id.lastIndexOf('.'); !parent && at > 0; at = concept.id.lastIndexOf('.', at - 1)) {
      const prefix = concept.id.slice(0, at);
      if (binary.has(prefix)) parent = prefix;
    }
    if (parent && parent !== concept.id) parents.set(concept.id, parent);
  }
  return createLexicon(entries, labels, parents);
}
