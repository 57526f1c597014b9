import type { IntakeFinding } from './record.js';
import type { DurationMention } from './values/durations.js';

/**
 * Which finding a duration belongs to. A duration describes the complaint written beside it, not every finding of
 * its sentence: "some SOB on exertion, cough x 5 d, smoker" gives 5 days to the cough only. The sentence is cut at
 * commas, semicolons and brackets into chunks (a coordinated "cough and fever for 5 days" stays one chunk):
 * - a duration takes the present, current findings of its own chunk written before it, else those after it
 *   ("for 2 days cough");
 * - a list of bare findings just before that chunk shares it when the chunk holds the list's "and" / "or"
 *   ("cough, fever and myalgia for 5 days"; but not "SOB on exertion, cough x 5 d");
 * - a duration that opens the sentence before a colon ("for 2 days: fever, myalgia") covers the whole list;
 * - lifestyle, history and family concepts, and findings that are not present and current, never receive the
 *   duration of a symptom (an ex-smoker's "haemoptysis x2 weeks" is the haemoptysis's).
 * A finding takes at most one duration: the nearest.
 */
export function attachDurations(
  sentenceText: string,
  sentenceStart: number,
  findings: readonly IntakeFinding[],
  durations: readonly DurationMention[],
): IntakeFinding[] {
  if (durations.length === 0) return [...findings];
  const chunkOf = chunker(sentenceText, sentenceStart);
  const eligible = (f: IntakeFinding) =>
    f.status === 'present' &&
    f.temporality === 'recent' &&
    f.experiencer === 'patient' &&
    !/^(lifestyle|history|family|social|occupation|exposure|medication|background|travel)\./.test(
      f.conceptId,
    );
  const chosen = new Map<IntakeFinding, { d: DurationMention; distance: number }>();
  const offer = (f: IntakeFinding, d: DurationMention) => {
    const distance =
      d.sourceSpan.start >= f.sourceSpan.end
        ? d.sourceSpan.start - f.sourceSpan.end
        : f.sourceSpan.start - d.sourceSpan.end;
    const current = chosen.get(f);
    if (!current || Math.abs(distance) < Math.abs(current.distance)) chosen.set(f, { d, distance });
  };
  const candidates = findings.filter(eligible);
  for (const d of durations) {
    // Days one episode lasts ("periods lasting 7 days") are no finding's course; minutes and hours stay the
    // episode's length beside its finding ("chest pain lasting 20 minutes").
    if (d.durationDays >= 1 && EPISODE_LENGTH.test(sentenceText.slice(0, d.sourceSpan.start - sentenceStart)))
      continue;
    const chunk = chunkOf(d.sourceSpan.start);
    const inChunk = candidates.filter((f) => chunkOf(f.sourceSpan.start) === chunk);
    const before = inChunk.filter((f) => f.sourceSpan.end <= d.sourceSpan.start);
    const after = inChunk.filter((f) => f.sourceSpan.start >= d.sourceSpan.end);
    if (/^\s*:/.test(sentenceText.slice(d.sourceSpan.end - sentenceStart))) {
      for (const f of candidates.filter((x) => x.sourceSpan.start >= d.sourceSpan.end)) offer(f, d);
    } else if (before.length > 0) {
      for (const f of before) offer(f, d);
      // A list "A, B and C for 5 days": the coordinator in this chunk says the bare findings before it share it.
      const chunkText = sentenceText.slice(0, d.sourceSpan.start - sentenceStart);
      const lastCut = Math.max(...[...chunkText.matchAll(BOUNDARY)].map((m) => m.index ?? -1), -1);
      if (/\b(?:and|or)\b|&/i.test(chunkText.slice(lastCut + 1)))
        for (let c = chunk - 1; c >= 0; c--) {
          const prior = findings.filter((f) => chunkOf(f.sourceSpan.start) === c);
          if (
            prior.length === 0 ||
            !prior.every(eligible) ||
            !chunkIsOnlyFindings(sentenceText, sentenceStart, c, chunkOf, prior)
          )
            break;
          for (const f of prior) offer(f, d);
        }
    } else if (after.length > 0) {
      for (const f of after) offer(f, d);
    } else {
      // Alone in its chunk ("fever, 5 days"): the findings of the chunk just before.
      const prior = candidates.filter((f) => chunkOf(f.sourceSpan.start) === chunk - 1);
      for (const f of prior) offer(f, d);
    }
  }
  return findings.map((f) => {
    const pick = chosen.get(f);
    if (!pick) return f;
    return {
      ...f,
      durationDays: pick.d.durationDays,
      ...(pick.d.onset ? { onset: pick.d.onset } : {}),
    };
  });
}

const BOUNDARY = /[,;()[\]]/g;
const EPISODE_LENGTH = /\blast(?:s|ed|ing)?\s+(?:for\s+)?(?:about\s+|around\s+|up to\s+)?$/i;

/** Chunk index of an absolute offset in the sentence. */
function chunker(text: string, start: number): (offset: number) => number {
  const cuts: number[] = [];
  for (const m of text.matchAll(BOUNDARY)) cuts.push(start + (m.index ?? 0));
  return (offset: number) => {
    let chunk = 0;
    for (const cut of cuts) if (cut < offset) chunk++;
    return chunk;
  };
}

/** True when chunk `c` holds nothing but its findings and a few linking words ("and", "or", "some", "mild"). */
function chunkIsOnlyFindings(
  text: string,
  start: number,
  c: number,
  chunkOf: (offset: number) => number,
  prior: readonly IntakeFinding[],
): boolean {
  let rest = '';
  for (let i = 0; i < text.length; i++) {
    const at = start + i;
    if (chunkOf(at) !== c) continue;
    if (prior.some((f) => at >= f.sourceSpan.start && at < f.sourceSpan.end)) continue;
    rest += text[i];
  }
  const words = rest
    .replace(/[,;()[\]:.]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !/^(and|or|also|some|mild|with|plus|a|an|the|&)$/i.test(w));
  return words.length <= 1;
}
