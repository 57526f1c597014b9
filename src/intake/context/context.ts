import type { Experiencer, Temporality } from '../../clinical/finding.js';
import { PhraseIndex } from '../phrase-index.js';
import type { Token } from '../tokens.js';
import { CONTEXT_TRIGGERS, type TriggerCategory, type TriggerRule } from './triggers.js';

/** ConText's three properties of one mention (Harkema et al. 2009), plus the triggers that decided them. */
export interface ContextAssertion {
  readonly negation: 'affirmed' | 'negated' | 'possible';
  readonly temporality: Temporality;
  readonly experiencer: Experiencer;
  /**
   * True when the other experiencer is a blood relative or the family (a family-history trigger or section), so the
   * condition is family history; false for the patient and for people such as a spouse or friend.
   */
  readonly familyHistory: boolean;
  /** The triggers (token indices into the sentence) whose scope covered the mention. */
  readonly triggers: readonly {
    readonly category: TriggerCategory;
    readonly first: number;
    readonly last: number;
  }[];
}

/** What the surrounding section says by default (e.g. "Past medical history:" → historical). */
export interface SectionDefaults {
  readonly temporality?: Temporality;
  readonly experiencer?: Experiencer;
}

/** A trigger found in a sentence: token span and rule. */
export interface FoundTrigger {
  readonly first: number;
  readonly last: number;
  readonly rule: TriggerRule;
}

const PUNCTUATION_TERMINATOR: TriggerRule = {
  phrase: ';',
  category: 'terminate',
  direction: 'both',
  ends: ['negated', 'possible', 'historical', 'hypothetical', 'other-experiencer'],
};

let defaultIndex: PhraseIndex<TriggerRule> | undefined;

/** The compiled default trigger lexicon (built once). */
export function triggerIndex(): PhraseIndex<TriggerRule> {
  if (!defaultIndex) {
    defaultIndex = new PhraseIndex<TriggerRule>();
    for (const rule of CONTEXT_TRIGGERS) defaultIndex.add(rule.phrase, rule);
  }
  return defaultIndex;
}

/** Every trigger in a sentence's tokens, longest match first, left to right. */
export function findTriggers(tokens: readonly Token[], index = triggerIndex()): FoundTrigger[] {
  const found: FoundTrigger[] = [];
  for (const match of index.findAll(tokens)) {
    for (const rule of match.payloads) found.push({ first: match.first, last: match.last, rule });
  }
  // A semicolon or a closing parenthesis ends every scope.
  tokens.forEach((token, k) => {
    if (token.text === ';' || token.text === ')')
      found.push({ first: k, last: k, rule: PUNCTUATION_TERMINATOR });
  });
  return found;
}

/** Number of word (non-punctuation) tokens strictly between token indices a < b. */
function wordsBetween(tokens: readonly Token[], a: number, b: number): number {
  let count = 0;
  for (let k = a + 1; k < b; k++) if (!tokens[k]!.punct) count++;
  return count;
}

function terminates(trigger: FoundTrigger, category: TriggerCategory): boolean {
  return trigger.rule.category === 'terminate' && (trigger.rule.ends?.includes(category) ?? false);
}

/**
 * Whether `trigger` reaches the mention at tokens [first, last]: a forward trigger reaches mentions after it up to
 * the first terminator of its category (or the sentence end); a backward trigger reaches mentions before it back to
 * the last terminator. Triggers inside the mention itself never apply to it.
 */
function reaches(
  tokens: readonly Token[],
  triggers: readonly FoundTrigger[],
  trigger: FoundTrigger,
  first: number,
  last: number,
): boolean {
  const { rule } = trigger;
  if (trigger.last >= first && trigger.first <= last) {
    // A multi-word trigger running into the mention ("no acute ▸ acute distress") applies from its first word;
    // a historical trigger inside the mention's own words ("previous pneumonia") applies to it.
    if (rule.category === 'historical' && trigger.first >= first && trigger.last <= last) return true;
    return rule.direction !== 'backward' && trigger.first < first;
  }
  const max = rule.maxDistance ?? Number.POSITIVE_INFINITY;
  if (trigger.last < first && rule.direction !== 'backward') {
    if (wordsBetween(tokens, trigger.last, first) > max) return false;
    return !triggers.some((t) => t.first > trigger.last && t.first < first && terminates(t, rule.category));
  }
  if (trigger.first > last && rule.direction !== 'forward') {
    if (wordsBetween(tokens, last, trigger.first) > max) return false;
    return !triggers.some((t) => t.last > last && t.last < trigger.first && terminates(t, rule.category));
  }
  return false;
}

/**
 * Decides negation, temporality and experiencer for the mention at tokens [first, last] of one sentence
 * (ConText, Harkema 2009): each property takes the value of a trigger whose scope covers the mention, else the
 * section's default, else affirmed / recent / patient. Negation wins over possibility; hypothetical over historical.
 */
export function assertContext(
  tokens: readonly Token[],
  first: number,
  last: number,
  triggers: readonly FoundTrigger[] = findTriggers(tokens),
  section: SectionDefaults = {},
): ContextAssertion {
  const applied = triggers.filter(
    (t) =>
      t.rule.category !== 'terminate' &&
      t.rule.category !== 'pseudo' &&
      reaches(tokens, triggers, t, first, last),
  );
  const has = (category: TriggerCategory) => applied.some((t) => t.rule.category === category);
  const negation = has('negated') ? 'negated' : has('possible') ? 'possible' : 'affirmed';
  const temporality: Temporality = has('hypothetical')
    ? 'hypothetical'
    : has('historical') || applied.some((t) => t.rule.impliesHistorical)
      ? 'historical'
      : (section.temporality ?? 'recent');
  const experiencer: Experiencer = has('other-experiencer') ? 'other' : (section.experiencer ?? 'patient');
  const familyHistory = has('other-experiencer')
    ? applied.some((t) => t.rule.category === 'other-experiencer' && t.rule.familyHistory === true)
    : experiencer === 'other';
  return {
    negation,
    temporality,
    experiencer,
    familyHistory,
    triggers: applied.map((t) => ({ category: t.rule.category, first: t.first, last: t.last })),
  };
}
