import { CALL_OPENING } from '../segment.js';
import { stem, tokenize } from '../tokens.js';

/**
 * A parent's story about their child: "My 8-month-old son has had a runny nose for 2 days", "Our daughter keeps
 * vomiting". When the text opens with the narrator's child as its subject, that child is the patient, so "son",
 * "daughter", "child" or "kid" after "my"/"our" is not another person's experience (ConText would read "my son has a
 * cough" as a relative's). Other relatives in the same text ("my mother had asthma") stay family.
 */

/** Relative words that are ConText experiencer triggers and can name the child a parent is speaking for. */
const CHILD_WORDS = new Set(['son', 'daughter', 'child', 'kid']);
const OWNERS = new Set(['my', 'our']);
/** The owner must open the text (after a greeting at most): "Hi, my son …", "My 2 year old daughter …". */
const OPENING_WORDS = 3;
/**
 * A parent telling it in the third person opens the text the same way: "Mum noticed that her 8 year old son has a
 * rash", "Dad says his daughter …" — "her"/"his" then owns the child when a parent word comes first.
 */
const OBSERVERS = new Set(
  [
    'mum',
    'mom',
    'mother',
    'dad',
    'father',
    'parent',
    'parents',
    'son',
    'daughter',
    'wife',
    'husband',
    'partner',
  ].map(stem),
);
/**
 * Relatives whose body the narrator describes in the possessive — "My husband's face has dropped", "Son noticed his
 * father's speech was slurred": the person the note is about, not another person's experience.
 */
const POSSESSED = new Set(
  ['husband', 'wife', 'partner', 'father', 'mother', 'dad', 'mum', 'mom', 'grandmother', 'grandfather'].map(
    stem,
  ),
);
const possessive = (text: string) => /['’]s$/i.test(text);

/**
 * Adults a caller speaks for: "my husband is sweating and won't wake up", "my dad collapsed". They are the patient
 * when the text opens with them doing or suffering something now (`PRESENT_VERBS` right after), and the narrator
 * says nothing of their own state ("my husband has a cold and now I have a cough": the narrator is the patient;
 * "my mother had asthma": family history).
 */
const SPOKEN_FOR = new Set(
  [
    'husband',
    'wife',
    'partner',
    'dad',
    'father',
    'mum',
    'mom',
    'mother',
    'friend',
    'grandad',
    'grandpa',
    'grandma',
    'grandmother',
    'grandfather',
    'granny',
    'gran',
    'nana',
    'nanna',
    'nan',
    'brother',
    'sister',
    'boyfriend',
    'girlfriend',
    'flatmate',
    'grandson',
    'granddaughter',
    'grandchild',
    'nephew',
    'niece',
    'cousin',
    'uncle',
    'aunt',
    'auntie',
    'housemate',
  ].map(stem),
);
/**
 * Verbs of something happening now, after which any relative word opens a caller's story ("husband cant lift his
 * arm", "Wife collapsed"); "has" and "is" also open a clinician's family-history line ("Sister has asthma").
 */
const ACTING = new Set(
  [
    'cant',
    "can't",
    'hasnt',
    "hasn't",
    'cannot',
    'wont',
    "won't",
    'isnt',
    "isn't",
    'keeps',
    'woke',
    'collapsed',
    'fainted',
    'fell',
    'slipped',
    'tripped',
    'suddenly',
    'just',
    'took',
  ].map(stem),
);
const PRESENT_VERBS = new Set([
  ...ACTING,
  ...[
    'is',
    'has',
    'seems',
    'looks',
    'feels',
    'started',
    'became',
    'went',
    'on',
    'got',
    'having',
    'complaining',
    'vomiting',
  ].map(stem),
]);
/** The narrator telling of their own symptoms ("I have", "I've got", "I feel", "I'm"). */
const NARRATOR_SELF = /\bI(?:['’]m|['’]ve| am| have| feel| got| keep| get)\b/;
const THIRD_PERSON_OWNERS = new Set(['her', 'his', 'their']);
const THIRD_PERSON_OPENING_WORDS = 5;
/** Words allowed between "my" and the child word: an age ("8 month old") or a word such as "little", "youngest". */
const MAX_BETWEEN = 5;
const BETWEEN = new Set(
  'year yr yo y/o month mo mth week wk day old little young youngest eldest oldest older younger baby newborn teenage'
    .split(' ')
    .map(stem),
);
/** An age written as one token ("10mo", "88yo", "6yrs"). */
const AGE_TOKEN = /^\d{1,3}(?:mo|mos|m|mth|mths|w|wk|wks|y|yo|yr|yrs|yrold)$/;
const allowedBetween = (norm: string) => BETWEEN.has(norm) || /^\d{1,3}$/.test(norm);
/** An age in apposition after the relative word: "my husband, 60, is …", "Dad (74) woke up", "mum aged 81 has …". */
const APPOSED_AGE = new Set(['aged', 'age', 'yo', 'yr', 'year', 'old'].map(stem));
const MAX_APPOSED = 4;

/** The first word after `k` past an apposed age ("60", "aged 81", "74 yo"), or undefined. */
function wordAfterAge(words: readonly { readonly norm: string }[], k: number): string | undefined {
  for (let j = k + 1; j <= k + 1 + MAX_APPOSED && j < words.length; j++) {
    const norm = words[j]!.norm;
    if (!/^\d{1,3}(?:yo|y)?$/.test(norm) && !APPOSED_AGE.has(norm)) return norm;
  }
  return undefined;
}

/** The words a caller uses for a parent, not a clinician's family-history line ("Father has diabetes"). */
const COLLOQUIAL = new Set(
  ['dad', 'mum', 'mom', 'nan', 'nana', 'grandad', 'grandpa', 'grandma', 'hubby'].map(stem),
);

/**
 * "Husband has slurred speech", "wife is very drowsy", "son has a high temperature": after "has"/"is", words of an
 * illness now — unlike a clinician's family-history line, where a condition's name follows ("Sister has asthma",
 * "Father has a history of diabetes").
 */
const ACUTE_COMPLEMENT = new Set(
  [
    'a',
    'an',
    'been',
    'got',
    'had',
    'sudden',
    'suddenly',
    'slurred',
    'chest',
    'bad',
    'severe',
    'really',
    'very',
    'terrible',
    'new',
    'just',
    'gone',
    'become',
    'started',
    'collapsed',
    'fallen',
    'vomiting',
    'struggling',
    'breathing',
    'not',
    'no',
    'having',
    'unconscious',
    'confused',
    'drowsy',
    'bleeding',
  ].map(stem),
);

function acuteComplement(words: readonly { readonly norm: string }[], k: number): boolean {
  const verb = words[k + 1]?.norm;
  if (verb !== 'has' && verb !== 'is') return false;
  const next = words.slice(k + 2, k + 5).map((w) => w.norm);
  return ACUTE_COMPLEMENT.has(next[0] ?? '') && !next.includes('history');
}

/** What a relative's possessive names when the note is about their body ("husbands face", "mums speech"). */
const BODY = new Set(
  [
    'face',
    'speech',
    'arm',
    'arms',
    'leg',
    'legs',
    'lips',
    'eye',
    'eyes',
    'breathing',
    'chest',
    'head',
    'hand',
    'mouth',
    'words',
    'skin',
    'heart',
    'temperature',
    'temp',
    'sugar',
    'sugars',
    'tummy',
    'stomach',
    'back',
    'foot',
    'ankle',
    'knee',
    'hip',
  ].map(stem),
);

/** Whether an age follows the relative word at `k` ("son is 6,", "husband, 60,", "dad 81 on …"). */
function ageFollows(words: readonly { readonly norm: string }[], k: number): boolean {
  const next = /^(is|aged|age)$/.test(words[k + 1]?.norm ?? '') ? words[k + 2]?.norm : words[k + 1]?.norm;
  return /^\d{1,3}(?:yo|y)?$/.test(next ?? '');
}

/** Verbs of a call note between "caller" and the person the call is about ("caller reports wife, 52, collapsed"). */
const CALLER_VERBS = new Set([
  'report',
  'reports',
  'says',
  'said',
  'states',
  'stated',
  'calling',
  'about',
  'concerned',
]);

/** Whether the word at `i` is the person a caller speaks for: "caller's wife", "caller reports wife". */
function afterCaller(words: readonly { readonly norm: string }[], i: number): boolean {
  return (
    words[i - 1]?.norm === 'caller' ||
    (words[i - 2]?.norm === 'caller' && CALLER_VERBS.has(words[i - 1]?.norm ?? ''))
  );
}

/**
 * A relative spoken for who opens the text without "my": a parent in a caller's words ("Dad has sudden weakness …")
 * or anyone with their age ("son is 6, …", "Husband, 60, is confused"); a clinician's "Sister has asthma" stays family
 * history.
 */
function bareSpokenFor(
  words: readonly { readonly norm: string; readonly text: string }[],
  text: string,
): string | undefined {
  // An age may come first ("7 year old daughter sore throat …").
  const ageWords = words.findIndex((t) => !allowedBetween(t.norm) && !AGE_TOKEN.test(t.norm));
  const lead = words.findIndex(
    (t, i) =>
      // The opening words, or a call note's "caller's wife" a little further in ("111 call. caller's wife …").
      (i < 2 + Math.max(0, ageWords) || (i < 8 && afterCaller(words, i))) &&
      (SPOKEN_FOR.has(t.norm) || CHILD_WORDS.has(t.norm)) &&
      // A call note's "caller's wife" is the one the call is about, whatever follows.
      (afterCaller(words, i) ||
        // An age opening the note right before the word ("7 year old daughter sore throat …").
        (ageWords > 0 && i === ageWords) ||
        // An age right after the word is the patient's, verb or not ("child 7 limping", "caller's wife 45yrs, v short
        // of breath"); a relative's body in the possessive, even without the apostrophe ("husbands face has dropped").
        ageFollows(words, i) ||
        // A child's complaint in the possessive opening the note ("Son's eczema flaring for weeks"), or the child
        // opening it with a verb of now ("Daughter has sticky eyes since yesterday").
        (CHILD_WORDS.has(t.norm) &&
          (possessive(t.text) || (i === 0 && PRESENT_VERBS.has(wordAfterAge(words, i) ?? '')))) ||
        (POSSESSED.has(t.norm) &&
          /s$/i.test(t.text) &&
          t.text.toLowerCase() !== t.norm &&
          BODY.has(words[i + 1]?.norm ?? '')) ||
        ((COLLOQUIAL.has(t.norm) || ACTING.has(wordAfterAge(words, i) ?? '') || acuteComplement(words, i)) &&
          PRESENT_VERBS.has(wordAfterAge(words, i) ?? ''))),
  );
  return lead >= 0 && !NARRATOR_SELF.test(text) ? words[lead]!.norm : undefined;
}

/** "My partner had our baby 6 days ago": the mother is the one the note is about. */
function gaveBirth(words: readonly { readonly norm: string }[], k: number): boolean {
  return (
    words[k + 1]?.norm === 'had' &&
    /^(our|the|a|her|their)$/.test(words[k + 2]?.norm ?? '') &&
    stem('baby') === words[k + 3]?.norm
  );
}

/** How many words a call note's opening line about the caller may hold ("Caller is the patient's wife."). */
const MAX_CALLER_LINE = 7;

/** Words of a call note's opening line about the call itself ("Caller is wife.", "Dad on phone.", "111 call.", "call from mother:"). */
const CALL_WORDS = new Set(['caller', 'phone', 'calling', 'call', 'phoned', 'rang'].map(stem));

/** The index after a call note's short opening line about the caller or the call, or 0. */
function afterCallerLine(words: readonly { readonly norm: string; readonly text: string }[]): number {
  // Ends at its full stop, or at the colon of a heading ("111 call from mother: son 19, …").
  const stop = words.findIndex((t, i) => i <= MAX_CALLER_LINE && (t.text === '.' || t.text === ':'));
  if (stop <= 0 || !words.slice(0, stop).some((t) => CALL_WORDS.has(t.norm))) return 0;
  // One such line may follow another ("111 call. Caller is wife. Husband 68y …").
  return stop + 1 + afterCallerLine(words.slice(stop + 1));
}

/** A short exclamation that opens a note: up to four words and "!". */
const EXCLAMATION_OPENER = /^\s*(?:[\p{L}'’]+\s+){0,3}[\p{L}'’]+\s*!+\s*/u;

/** A worry that opens a note before the person it is about: "I'm worried sick about my wife. …". */
const WORRY_OPENER =
  /^\s*(?:hi,?\s+)?(?:i['’]?m|i am|we['’]?re|we are)?\s*(?:really |so |very )?(?:worried|concerned|scared)(?: sick)? (?:about|for) (?=(?:my|our)\b)/i;

/** The normalised child word ("son", "daughter", "child", "kid") when the text opens with the narrator's child. */
export function narratorsChild(text: string): string | undefined {
  // An exclamation before the story ("Blood everywhere!! my son's nose …", "Help! my dad …") is not its subject.
  const exclamation = EXCLAMATION_OPENER.exec(text);
  if (exclamation) return narratorsChild(text.slice(exclamation[0].length));
  // The one a worry is about is the subject ("I'm worried sick about my wife. …").
  const worry = WORRY_OPENER.exec(text);
  const worriedFor = worry
    ? /^(?:my|our)\s+([a-z]+)/i.exec(text.slice(worry[0].length))?.[1]?.toLowerCase()
    : undefined;
  if (worriedFor && (SPOKEN_FOR.has(worriedFor) || CHILD_WORDS.has(worriedFor))) return worriedFor;
  const tokens = tokenize(text.slice(0, 200));
  const words = tokens.filter((t) => !t.punct || ['.', '?', '!', ':'].includes(t.text));
  // "Mother calling, son not slept …", "Dad calling re 10mo daughter, …": the relative right after the opening, an age
  // at most before it.
  const opening = CALL_OPENING.exec(text);
  if (opening) {
    const rest = words.slice(tokenize(opening[0]).filter((t) => !t.punct).length);
    const lead = rest.findIndex((t) => !allowedBetween(t.norm) && !AGE_TOKEN.test(t.norm));
    const relative = rest[lead]?.norm ?? '';
    if (lead >= 0 && lead <= 2 && (SPOKEN_FOR.has(relative) || CHILD_WORDS.has(relative))) return relative;
  }
  // "Caller is wife. Husband aged 72, sudden facial droop …": the call is about the one the next line opens with.
  const callerLine = afterCallerLine(words);
  if (callerLine > 0) return bareSpokenFor(words.slice(callerLine), text);
  const parentFirst = words.findIndex((t, i) => i < 2 && OBSERVERS.has(t.norm)) >= 0;
  const owner = words.findIndex(
    (t, i) =>
      (i < OPENING_WORDS && OWNERS.has(t.norm)) ||
      (parentFirst && i < THIRD_PERSON_OPENING_WORDS && THIRD_PERSON_OWNERS.has(t.norm)),
  );
  if (owner < 0) return bareSpokenFor(words, text);
  for (let k = owner + 1; k <= owner + 1 + MAX_BETWEEN && k < words.length; k++) {
    const word = words[k]!;
    if (CHILD_WORDS.has(word.norm)) return word.norm;
    if (POSSESSED.has(word.norm) && possessive(word.text)) return word.norm;
    if (
      SPOKEN_FOR.has(word.norm) &&
      OWNERS.has(words[owner]!.norm) &&
      ((PRESENT_VERBS.has(wordAfterAge(words, k) ?? '') && !NARRATOR_SELF.test(text)) ||
        gaveBirth(words, k) ||
        // A possessive told without its "'s" ("my husband arm right side is weak"): the relative's own body.
        BODY.has(words[k + 1]?.norm ?? ''))
    )
      return word.norm;
    if (word.punct || !allowedBetween(word.norm)) return bareSpokenFor(words, text);
  }
  return bareSpokenFor(words, text);
}

/** Whether the trigger token at `k` is the narrator's child: the child word after "my"/"our" in the same phrase. */
export function namesNarratorsChild(
  tokens: readonly { readonly norm: string; readonly punct: boolean }[],
  k: number,
  child: string | undefined,
): boolean {
  if (child === undefined || tokens[k]?.norm !== child) return false;
  const wordsBefore = tokens.slice(0, k).filter((t) => !t.punct);
  // "Caller's wife …", "caller reports wife …" in a call note (the heading or call number before it aside).
  if (afterCaller([...wordsBefore, tokens[k]!], wordsBefore.length)) return true;
  // The adult spoken for who opens the text, or the line after a heading, without an owner ("Dad has …", "Hi, dad
  // is …", "111 call from mother: son 19, …").
  const heading = tokens.slice(0, k).findLastIndex((t) => t.norm === ':');
  const wordsOpening = (
    heading < 0 ? wordsBefore : tokens.slice(heading + 1, k).filter((t) => !t.punct)
  ).filter((t) => !allowedBetween(t.norm) && !AGE_TOKEN.test(t.norm));
  if ((SPOKEN_FOR.has(child) || CHILD_WORDS.has(child)) && wordsOpening.length <= 1) return true;
  for (let j = k - 1; j >= 0 && j >= k - 1 - MAX_BETWEEN; j--) {
    const token = tokens[j]!;
    if (OWNERS.has(token.norm) || THIRD_PERSON_OWNERS.has(token.norm)) return true;
    if (token.punct || !allowedBetween(token.norm)) return false;
  }
  return false;
}
