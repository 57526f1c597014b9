import type { Experiencer, Temporality } from '../../clinical/finding.js';
import { PhraseIndex } from '../phrase-index.js';
import type { Token } from '../tokens.js';
import { namesNarratorsChild } from './narrators-child.js';
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

const DURATION_UNITS = new Set(['hour', 'hr', 'day', 'd', 'week', 'wk', 'month', 'mo', 'mth', 'year', 'yr']);

/** True when token k is a time unit after a number ("3 month", "2-week", "six day"). */
function isDurationUnit(tokens: readonly Token[], k: number): boolean {
  const unit = tokens[k];
  if (!unit || !DURATION_UNITS.has(unit.norm)) return false;
  const before = tokens[k - 1];
  return (
    before !== undefined &&
    (/^\d/.test(before.norm) ||
      /^(a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several)$/.test(before.norm))
  );
}

/** A clause that starts after a comma ("…, with nausea", "…, now febrile") leaves a history's scope. */
const CLAUSE_TERMINATOR: TriggerRule = {
  phrase: ', with',
  category: 'terminate',
  direction: 'both',
  ends: ['historical'],
};
const CLAUSE_STARTERS = new Set([
  'with',
  'now',
  'but',
  'then',
  'currently',
  'presenting',
  'presents',
  // The background told after the complaint: "sudden weakness of the right arm, had a stroke 3 years ago".
  'had',
  'previous',
  'previously',
  'prior',
  'known',
  'pmh',
  'hx',
]);

/** A complaint graded by how much ("…, a bit breathless", "…, mild cough") ends a denial's list. */
const GRADED_COMPLAINT_TERMINATOR: TriggerRule = {
  phrase: ', a bit',
  category: 'terminate',
  direction: 'both',
  ends: ['negated'],
};
const GRADING_WORDS = new Set([
  'slightly',
  'mild',
  'mildly',
  'very',
  'really',
  'severe',
  'bad',
  'terrible',
  'some',
  // "no temp, bit of a cough and blocked nose", "bit crampy"
  'bit',
]);

/**
 * Past-tense verbs that report what happened ("no blood, vomited twice overnight", "no chest pain, fainted at work"):
 * after a comma, a new clause about the patient, never one more item of a denied list (those are nouns: "no fever,
 * vomiting or diarrhoea").
 */
const EVENT_VERBS = new Set(['vomited', 'vomitted', 'threw', 'fainted', 'collapsed', 'coughed']);

/** Verbs that open a clause of what the patient has ("No temperature, got a cough and runny nose"). */
const HAVING_WORDS = new Set(['got', 'getting', 'have', 'having', 'has', 'feel', 'feeling', 'feels']);

/**
 * Whether the words from token k grade a complaint ("a bit", "a little", "slightly", "mild", "some"…) or open a
 * clause of having one ("got", "have", "feeling").
 */
function opensGradedComplaint(tokens: readonly Token[], k: number): boolean {
  const word = tokens[k]?.text.toLowerCase() ?? '';
  if (GRADING_WORDS.has(word) || HAVING_WORDS.has(word) || EVENT_VERBS.has(word)) return true;
  return word === 'a' && /^(bit|little)$/i.test(tokens[k + 1]?.text ?? '');
}

/**
 * Explicit recency: the duration or time of a current complaint written beside it — "x2 weeks", "x 3/7", "for 3
 * days", "for the past week", "since Monday", "over the last 2 days", "3 days ago", "today", "this morning",
 * "ongoing" (an onset "N ago" only in hours or days). Such a cue says the condition next to it is current, whatever a history trigger earlier in the
 * sentence says. Longer spans ("for 10 years", "since childhood", "5 years ago") are not recency cues.
 */
const RECENCY_PATTERN = new RegExp(
  [
    String.raw`\bx\s?\d+(?:[.,]\d+)?\s?(?:\/\s?(?:7|52|12)|h(?:ou)?rs?|d(?:ays?)?|wks?|weeks?|m(?:on)?ths?)\b`,
    String.raw`\bx\s?\d+\/(?:7|52)`,
    String.raw`\b(?:for|over)\s+(?:the\s+)?(?:(?:past|last|previous)\s+)?(?:\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several|couple\s+of)?\s*(?:hours?|hrs?|days?|d|nights?|weeks?|wks?|months?|mths?)\b`,
    String.raw`\bsince\s+(?:yesterday|last\s+\w+|this\s+\w+|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d+\s*(?:days?|weeks?)\s+ago|the\s+(?:morning|weekend|evening))\b`,
    String.raw`\b\d+\s*(?:hours?|hrs?|days?|d)\s+ago\b`,
    String.raw`\b(?:today|tonight|this\s+(?:morning|afternoon|evening|week)|yesterday|last\s+night|ongoing|currently)\b`,
  ].join('|'),
  'gi',
);

const RECENCY_CUE: TriggerRule = {
  phrase: 'x N days',
  category: 'pseudo',
  direction: 'both',
};

/** Token ranges of the explicit recency cues in a sentence. */
export function findRecencyCues(tokens: readonly Token[]): FoundTrigger[] {
  if (tokens.length === 0) return [];
  const from = tokens[0]!.start;
  const sentence = reconstruct(tokens);
  const found: FoundTrigger[] = [];
  for (const match of sentence.matchAll(RECENCY_PATTERN)) {
    const start = from + (match.index ?? 0);
    const end = start + match[0].length;
    const first = tokens.findIndex((t) => t.end > start);
    let last = -1;
    for (let k = tokens.length - 1; k >= 0; k--)
      if (tokens[k]!.start < end) {
        last = k;
        break;
      }
    if (first >= 0 && last >= first) found.push({ first, last, rule: RECENCY_CUE });
  }
  return found;
}

/** The sentence text from its tokens, at their offsets (gaps become spaces). */
function reconstruct(tokens: readonly Token[]): string {
  const from = tokens[0]!.start;
  let out = '';
  for (const t of tokens) {
    out += ' '.repeat(t.start - from - out.length) + t.text;
  }
  return out;
}

const cueCache = new WeakMap<readonly Token[], FoundTrigger[]>();
function recencyCues(tokens: readonly Token[]): FoundTrigger[] {
  let cues = cueCache.get(tokens);
  if (!cues) {
    cues = findRecencyCues(tokens);
    cueCache.set(tokens, cues);
  }
  return cues;
}

/**
 * Every trigger in a sentence's tokens, longest match first, left to right. `narratorsChild` is the child word of a
 * parent's story (see `narrators-child.ts`), whose mentions after "my"/"our" are the patient, not a relative.
 */
export function findTriggers(
  tokens: readonly Token[],
  index = triggerIndex(),
  narratorsChild?: string,
): FoundTrigger[] {
  const found: FoundTrigger[] = [];
  for (const match of index.findAll(tokens)) {
    for (const rule of match.payloads) {
      // "a 3 month history of cough" dates the complaint; it does not make it past.
      if (
        rule.category === 'historical' &&
        tokens[match.first]?.norm === 'history' &&
        isDurationUnit(tokens, match.first - 1)
      )
        continue;
      // "The child developed a cough": in a child's note the definite "the child" is the patient, not a relative.
      if (
        rule.category === 'other-experiencer' &&
        match.first === match.last &&
        tokens[match.first]?.norm === 'child' &&
        tokens[match.first - 1]?.norm === 'the'
      )
        continue;
      // "My son has had a fever": in a parent's story the narrator's child is the patient (`narrators-child.ts`).
      if (
        rule.category === 'other-experiencer' &&
        match.first === match.last &&
        namesNarratorsChild(tokens, match.first, narratorsChild)
      )
        continue;
      found.push({ first: match.first, last: match.last, rule });
    }
  }
  // A semicolon or a closing parenthesis ends every scope; a comma that opens a new clause ends a history's.
  tokens.forEach((token, k) => {
    if (token.text === ';' || token.text === ')')
      found.push({ first: k, last: k, rule: PUNCTUATION_TERMINATOR });
    if (token.text === ',' && CLAUSE_STARTERS.has(tokens[k + 1]?.norm ?? ''))
      found.push({ first: k, last: k + 1, rule: CLAUSE_TERMINATOR });
    // "no chest pain, a bit breathless": a graded complaint after a comma is affirmed, not one more denied item.
    if (token.text === ',' && opensGradedComplaint(tokens, k + 1))
      found.push({ first: k, last: k + 1, rule: GRADED_COMPLAINT_TERMINATOR });
    // "allergic to peanuts … and now he's wheezing": the story turns to the present.
    if (token.norm === 'and' && tokens[k + 1]?.norm === 'now')
      found.push({ first: k, last: k + 1, rule: CLAUSE_TERMINATOR });
  });
  return found;
}

/** Number of word (non-punctuation) tokens strictly between token indices a < b. */
function wordsBetween(tokens: readonly Token[], a: number, b: number): number {
  let count = 0;
  for (let k = a + 1; k < b; k++) if (!tokens[k]!.punct) count++;
  return count;
}

/** Words that start a new clause, so a pre-modifier's phrase ends before them. */
const CLAUSE_WORDS = new Set([
  'with',
  'who',
  'which',
  'that',
  'but',
  'now',
  'is',
  'was',
  'has',
  'had',
  'and now',
]);

/** Whether the tokens strictly between a < b leave the modified noun phrase (punctuation or a clause word). */
function leavesPhrase(
  tokens: readonly Token[],
  a: number,
  b: number,
  extra: readonly string[] = [],
): boolean {
  for (let k = a + 1; k < b; k++) {
    const t = tokens[k]!;
    if ((t.punct && t.text !== '/') || CLAUSE_WORDS.has(t.norm) || extra.includes(t.norm)) return true;
  }
  return false;
}

/** A comma strictly between a < b, with no "or"/"nor" after it in the sentence (no list goes on). */
function commaEndsScope(tokens: readonly Token[], a: number, b: number): boolean {
  for (let k = a + 1; k < b; k++) {
    if (tokens[k]!.text !== ',') continue;
    return !tokens.slice(k + 1).some((t) => t.norm === 'or' || t.norm === 'nor');
  }
  return false;
}

function punctuationBetween(tokens: readonly Token[], a: number, b: number): boolean {
  for (let k = a + 1; k < b; k++) if (tokens[k]!.punct && tokens[k]!.text !== '/') return true;
  return false;
}

/** Whether a recency cue belongs to the mention: in the same comma-delimited chunk, at most 4 words away. */
function recencyReaches(tokens: readonly Token[], cue: FoundTrigger, first: number, last: number): boolean {
  if (cue.first > last)
    return wordsBetween(tokens, last, cue.first) <= 4 && !punctuationBetween(tokens, last, cue.first);
  if (cue.last < first)
    return wordsBetween(tokens, cue.last, first) <= 4 && !punctuationBetween(tokens, cue.last, first);
  return false;
}

/** Words that, opening a mention's own phrase, make the negation part of what the mention says. */
const OWN_NEGATION_OPENERS = new Set(['not', 'no', 'unable', 'cannot', "can't", 'never']);

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
    // Only a trigger that opens the mention counts: "acetabular fracture status post fall" is not historical.
    if (rule.category === 'historical' && trigger.first === first) return true;
    // A mention whose own words open with the negation ("not making sense", "unable to walk") owns it: "she is
    // not making sense" affirms confusion.
    if (rule.category === 'negated' && OWN_NEGATION_OPENERS.has(tokens[first]?.norm ?? '')) return false;
    return rule.direction !== 'backward' && trigger.first < first;
  }
  const max = rule.maxDistance ?? Number.POSITIVE_INFINITY;
  if (trigger.last < first && rule.direction !== 'backward') {
    if (wordsBetween(tokens, trigger.last, first) > max) return false;
    if (rule.commaEndsUnlessList && commaEndsScope(tokens, trigger.last, first)) return false;
    if (rule.phraseScope && leavesPhrase(tokens, trigger.last, first, rule.phraseEnds)) return false;
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
  // An explicit recency cue beside the mention ("haemoptysis x2 weeks") overrides a history trigger or section
  // that reaches it from elsewhere; a history word inside the mention itself ("previous MI") still wins.
  const ownHistory = applied.some(
    (t) => t.rule.category === 'historical' && t.first >= first && t.last <= last,
  );
  const recent = !ownHistory && recencyCues(tokens).some((cue) => recencyReaches(tokens, cue, first, last));
  const temporality: Temporality = has('hypothetical')
    ? 'hypothetical'
    : recent
      ? 'recent'
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
