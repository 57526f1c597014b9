import { assertContext, type ContextAssertion, findTriggers } from './context/context.js';
import { sectionDefaults, segment } from './segment.js';
import { tokenize } from './tokens.js';

/**
 * ConText for one given mention, the character range [start, end) of `text`: segments the text as the pipeline
 * does, finds the sentence and section holding the mention, and asserts its context there. Used by the evaluation
 * commands (where the annotated concept text is given) and by anyone checking a single phrase.
 */
export function assertMention(text: string, start: number, end: number): ContextAssertion {
  const { sections, sentences } = segment(text);
  const sentence = sentences.find((s) => s.start <= start && s.end >= end) ??
    sentences.find((s) => s.end > start) ?? { start: 0, end: text.length, text, sectionIndex: 0 };
  const from = Math.min(sentence.start, start);
  const to = Math.max(sentence.end, end);
  const tokens = tokenize(text.slice(from, to), from);
  let first = tokens.findIndex((t) => t.end > start);
  let last = -1;
  for (let k = tokens.length - 1; k >= 0; k--) {
    if (tokens[k]!.start < end) {
      last = k;
      break;
    }
  }
  if (first < 0) first = 0;
  if (last < first) last = first;
  const section = sections[sentence.sectionIndex];
  return assertContext(
    tokens,
    first,
    last,
    findTriggers(tokens),
    section ? sectionDefaults(section.kind) : {},
  );
}

/**
 * Where the annotated concept is in the sentence: the annotation sets write the concept in capitals inside an
 * otherwise mixed-case sentence, so the capitalised occurrence is preferred; whitespace runs match any whitespace.
 */
export function locateConcept(sentence: string, concept: string): { start: number; end: number } | undefined {
  const trimmed = concept.trim();
  if (!trimmed) return undefined;
  const pattern = new RegExp(
    trimmed
      .split(/\s+/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+'),
    'gi',
  );
  const occurrences = [...sentence.matchAll(pattern)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    text: m[0],
  }));
  if (occurrences.length === 0) return undefined;
  const capitalised = occurrences.filter((o) => /[A-Z]/.test(o.text) && o.text === o.text.toUpperCase());
  const chosen =
    capitalised.length === 1
      ? capitalised[0]!
      : capitalised.length > 1
        ? capitalised[capitalised.length - 1]!
        : occurrences[0]!;
  return { start: chosen.start, end: chosen.end };
}
