/** A span to highlight in the consultation text, with a CSS class saying what it is. */
export interface HighlightSpan {
  readonly start: number;
  readonly end: number;
  readonly kind: 'present' | 'absent' | 'unknown' | 'other' | 'historical' | 'value';
  readonly title: string;
}

/** A run of the text: plain, or one highlighted span. */
export type TextRun = { readonly text: string; readonly span?: HighlightSpan };

/**
 * Cuts `text` into runs so that each highlighted span is one run; overlapping spans keep the earlier-starting (then
 * longer) one; spans outside the text are ignored.
 */
export function highlightRuns(text: string, spans: readonly HighlightSpan[]): TextRun[] {
  const sorted = spans
    .filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start)
    .slice()
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const runs: TextRun[] = [];
  let at = 0;
  for (const span of sorted) {
    if (span.start < at) continue;
    if (span.start > at) runs.push({ text: text.slice(at, span.start) });
    runs.push({ text: text.slice(span.start, span.end), span });
    at = span.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return runs;
}
