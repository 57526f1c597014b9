import type { SectionDefaults } from './context/context.js';

/** Kinds of consultation-note sections HealthGPT recognises from their headers. */
export type SectionKind =
  | 'preamble'
  | 'chief-complaint'
  | 'history-present-illness'
  | 'past-medical-history'
  | 'past-surgical-history'
  | 'medications'
  | 'allergies'
  | 'family-history'
  | 'social-history'
  | 'review-of-systems'
  | 'examination'
  | 'vitals'
  | 'investigations'
  | 'assessment'
  | 'plan'
  | 'other';

/** One section: its header (if any) and the body range [start, end) in the source text. */
export interface Section {
  readonly kind: SectionKind;
  readonly title?: string;
  readonly headerStart?: number;
  readonly start: number;
  readonly end: number;
}

/** One sentence (or list item) of the source text, with the index of its section. */
export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly sectionIndex: number;
}

const HEADERS: Readonly<Record<string, SectionKind>> = {
  cc: 'chief-complaint',
  'chief complaint': 'chief-complaint',
  'presenting complaint': 'chief-complaint',
  pc: 'chief-complaint',
  'reason for visit': 'chief-complaint',
  'reason for consultation': 'chief-complaint',
  'reason for admission': 'chief-complaint',
  hpi: 'history-present-illness',
  hpc: 'history-present-illness',
  'history of present illness': 'history-present-illness',
  'history of the present illness': 'history-present-illness',
  'history of presenting complaint': 'history-present-illness',
  'history of present illness/hospital course': 'history-present-illness',
  'hpi and hospital course': 'history-present-illness',
  history: 'history-present-illness',
  pmh: 'past-medical-history',
  pmhx: 'past-medical-history',
  'past medical history': 'past-medical-history',
  'medical history': 'past-medical-history',
  'past history': 'past-medical-history',
  psh: 'past-surgical-history',
  'past surgical history': 'past-surgical-history',
  'surgical history': 'past-surgical-history',
  meds: 'medications',
  medications: 'medications',
  'current medications': 'medications',
  'medications on admission': 'medications',
  'drug history': 'medications',
  dh: 'medications',
  allergies: 'allergies',
  allergy: 'allergies',
  fh: 'family-history',
  fhx: 'family-history',
  'family history': 'family-history',
  sh: 'social-history',
  shx: 'social-history',
  'social history': 'social-history',
  ros: 'review-of-systems',
  'review of systems': 'review-of-systems',
  'systems review': 'review-of-systems',
  pe: 'examination',
  exam: 'examination',
  examination: 'examination',
  'physical exam': 'examination',
  'physical examination': 'examination',
  'o/e': 'examination',
  'on examination': 'examination',
  vitals: 'vitals',
  'vital signs': 'vitals',
  labs: 'investigations',
  laboratory: 'investigations',
  investigations: 'investigations',
  results: 'investigations',
  'a/p': 'assessment',
  assessment: 'assessment',
  'assessment and plan': 'assessment',
  impression: 'assessment',
  diagnosis: 'assessment',
  plan: 'plan',
};

/** What a section's kind implies for ConText when no trigger decides. */
export function sectionDefaults(kind: SectionKind): SectionDefaults {
  switch (kind) {
    case 'past-medical-history':
    case 'past-surgical-history':
    case 'allergies':
    case 'social-history':
      return { temporality: 'historical' };
    case 'family-history':
      return { experiencer: 'other', temporality: 'historical' };
    default:
      return {};
  }
}

/**
 * Header candidates: a run of letters, spaces, `/` and `&` ending in a colon, at the start of a line, after a
 * sentence end, or after two or more spaces (reports flattened onto one line).
 */
const HEADER_PATTERN =
  /(?:^|\n|(?<=[.!?]\s{1,3})|(?<=\s{2}))[ \t]*([A-Za-z][A-Za-z /&-]{0,48}?(?:\((?:ES|S|es|s)\))?)[ \t]*:(?![/\d])/g;

/** Words before a period that do not end a sentence. */
const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'st',
  'vs',
  'pt',
  'pts',
  'approx',
  'etc',
  'no',
  'nos',
  'e.g',
  'i.e',
  'p.o',
  'b.i.d',
  't.i.d',
  'q.i.d',
  'q.d',
  'h.s',
  'a.m',
  'p.m',
  'min',
  'max',
  'fig',
  'dept',
  'yo',
  'y.o',
  'hx',
  'sx',
  'dx',
  'tx',
  'rx',
  'jr',
  'sr',
  'prof',
  'inc',
  'cont',
  'resp',
  'temp',
  'approx',
  'wt',
  'ht',
  'hr',
  'mg',
  'ml',
  'sat',
  'sats',
]);

/** Finds section headers (known ones anywhere; unknown all-caps ones only at a line start). */
export function findSections(text: string): Section[] {
  const headers: { kind: SectionKind; title: string; headerStart: number; bodyStart: number }[] = [];
  for (const match of text.matchAll(HEADER_PATTERN)) {
    const title = match[1]!.trim();
    const key = title.toLowerCase().replace(/\s+/g, ' ');
    const headerStart = (match.index ?? 0) + match[0].indexOf(match[1]!);
    const lineStart =
      headerStart === 0 || /(?:\n[ \t]*|\s{2})$/.test(text.slice(Math.max(0, headerStart - 40), headerStart));
    let kind = HEADERS[key] ?? HEADERS[key.replace(/^(?:his|her|the|patient's|pt's)\s+/, '')];
    const previous = headers[headers.length - 1];
    if (
      !kind &&
      previous &&
      previous.kind !== 'other' &&
      !text.slice(previous.bodyStart, headerStart).trim()
    ) {
      // A sub-heading straight after a heading ("SOCIAL HISTORY:  TOBACCO: …") stays in that section.
      if (title === title.toUpperCase() || title.length < 30) kind = previous.kind;
    }
    if (!kind && lineStart && title.length >= 3 && title === title.toUpperCase() && /[A-Z]{3}/.test(title)) {
      kind = 'other';
    }
    // Single-letter SOAP headers only at a line start.
    if (!kind && lineStart && /^[SOAP]$/.test(title)) {
      kind = ({ S: 'history-present-illness', O: 'examination', A: 'assessment', P: 'plan' } as const)[
        title as 'S' | 'O' | 'A' | 'P'
      ];
    }
    if (!kind) continue;
    headers.push({ kind, title, headerStart, bodyStart: (match.index ?? 0) + match[0].length });
  }
  const sections: Section[] = [];
  const firstHeader = headers[0]?.headerStart ?? text.length;
  if (firstHeader > 0) sections.push({ kind: 'preamble', start: 0, end: firstHeader });
  headers.forEach((header, i) => {
    const end = headers[i + 1]?.headerStart ?? text.length;
    // A short header inline in a typed paragraph ("… today. FH: sister with X. No jaundice.") covers its own
    // sentence; the text after it returns to the section it interrupted.
    const inline =
      header.headerStart > 0 &&
      !/\n[ \t]*$/.test(text.slice(0, header.headerStart)) &&
      header.title.length <= 4;
    const sentenceEnd = inline ? /[.!?](?=\s+["'(]?[A-Z0-9])/.exec(text.slice(header.bodyStart, end)) : null;
    if (sentenceEnd) {
      const cut = header.bodyStart + sentenceEnd.index + 1;
      const resumed = sections[sections.length - 1]?.kind ?? 'preamble';
      sections.push({
        kind: header.kind,
        title: header.title,
        headerStart: header.headerStart,
        start: header.bodyStart,
        end: cut,
      });
      sections.push({ kind: resumed, start: cut, end });
      return;
    }
    sections.push({
      kind: header.kind,
      title: header.title,
      headerStart: header.headerStart,
      start: header.bodyStart,
      end,
    });
  });
  if (sections.length === 0) sections.push({ kind: 'preamble', start: 0, end: 0 });
  return sections;
}

function endsSentence(text: string, at: number): boolean {
  const char = text[at];
  if (char === '\n') return false;
  const before = text.slice(Math.max(0, at - 12), at);
  const word = /([A-Za-z.]+)$/.exec(before)?.[1]?.toLowerCase() ?? '';
  if (char === '.') {
    if (/^[a-z]$/i.test(word) && /[A-Z]/.test(text[at - 1] ?? '')) return false; // an initial: "J. Smith"
    // "No." is "number" only before a numeral ("No. 5"); elsewhere it is an answer ("any cough? no. fever 38").
    if (word === 'no') return !/^\s*\d/.test(text.slice(at + 1));
    if (ABBREVIATIONS.has(word.replace(/\.$/, ''))) return false;
    if (/\d$/.test(before) && /^\d/.test(text.slice(at + 1))) return false; // decimal
    if (/(?:^|\n)[ \t]*\d{1,2}$/.test(text.slice(Math.max(0, at - 8), at)) || at <= 2) return false; // "1. item"
  }
  if (char === '?' && (before === '' || /\s$/.test(before))) return false; // "? pneumonia" is a hedge, not a question
  return true;
}

/**
 * A line that is a list rather than wrapped prose: a labelled line of short items ("Chief complaints: Not sleeping,
 * Strange behaviour, Hearing voices") or comma-separated short items with no full stop. Such a line ends at its
 * line break even when long, so a denial in it ("Not sleeping") does not run into the next line.
 */
function isListLine(line: string): boolean {
  const body = line.trim().replace(/^[A-Za-z][A-Za-z /&-]{0,40}:\s*/, '');
  if (/[.!?]/.test(body)) return false;
  const items = body.split(/,\s*/);
  return items.length >= 2 && items.every((item) => item.trim().split(/\s+/).length <= 6);
}

/**
 * A note's opening about who is calling or reporting, before the one it is about ("Mother calling, son not slept…",
 * "Dad calling re 10mo daughter, D&V…", "Daughter reports 88yo father more muddled…"): a sentence of its own.
 */
export const CALL_OPENING =
  /^\s*(?:[\p{L}'’]+\s+){0,2}?(?:calling|phoning|phoned|rang|on (?:the )?phone|reports|reporting)(?:\s+(?:re|about|regarding))?\s*[,:-]?\s+/iu;

/** A call note's short opening about the call ("111 call from mother", "Caller wife"), before a colon. */
const CALL_HEADING = /^\s*(?:\S+\s+){0,5}?(?:call|caller|calling|phoned|rang)\b(?:\s+\S+){0,3}\s*$/i;

/**
 * Splits one section body into sentences: at `.`, `!`, `?` followed by space and a capital, digit or list marker
 * (not after an abbreviation or initial), at blank lines, before list items (`-`, `*`, `•`, `1.`), and at line
 * breaks after a short line (one finding per line) or a list line (`isListLine`).
 */
function splitSentences(
  text: string,
  start: number,
  end: number,
  sectionIndex: number,
  out: Sentence[],
): void {
  let sentenceStart = start;
  const opening = start === 0 ? CALL_OPENING.exec(text.slice(start, end)) : null;
  const push = (until: number) => {
    let s = sentenceStart;
    let e = until;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    // drop leading list markers from the sentence range
    const marker = /^(?:[-*•]+|\d{1,2}[.)])\s+/.exec(text.slice(s, e));
    if (marker) s += marker[0].length;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e), sectionIndex });
    sentenceStart = until;
  };
  if (opening) push(start + opening[0].length);
  for (let i = start; i < end; i++) {
    const char = text[i]!;
    if (char === '.' || char === '!' || char === '?') {
      const next = text.slice(i + 1, i + 4);
      if ((/^\s+["'(]?[A-Za-z0-9*•?-]/.test(next) || i + 1 >= end) && endsSentence(text, i)) push(i + 1);
    } else if (char === ':' && CALL_HEADING.test(text.slice(sentenceStart, i))) {
      push(i + 1); // "111 call from mother: son 19, …": the call, then the story of the one it is about
    } else if (char === ' ' && text[i + 1] === ' ' && /^\s*\d{1,2}\)/.test(text.slice(i, i + 8))) {
      push(i); // a numbered item in a report flattened onto one line
    } else if (char === '\n') {
      const rest = text.slice(i + 1, Math.min(end, i + 6));
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      const line = text.slice(Math.max(lineStart, sentenceStart), i);
      if (/^[ \t]*\n/.test(rest) || /^[ \t]*(?:[-*•]|\d{1,2}[.)])\s/.test(rest)) push(i);
      else if (
        line.trim().length > 0 &&
        (line.trim().length < 50 || isListLine(line)) &&
        /^[ \t]*[A-Z]/.test(rest)
      )
        push(i);
    }
  }
  push(end);
}

/** Sections and sentences of a consultation note; offsets index into `text`. */
export function segment(text: string): { sections: Section[]; sentences: Sentence[] } {
  const sections = findSections(text);
  const sentences: Sentence[] = [];
  sections.forEach((section, index) => {
    splitSentences(text, section.start, section.end, index, sentences);
  });
  return { sections, sentences };
}
