/** A removal as `POST /v1/deid` returns it. */
export interface DeidSpan {
  readonly start: number;
  readonly end: number;
  readonly category: string;
  readonly text: string;
  readonly source: string;
  readonly rule: string;
  readonly score: number;
}

export interface Run {
  readonly text: string;
  readonly span?: DeidSpan;
}

/** Cuts `text` into plain and removed runs (every character kept, overlapping or out-of-range spans dropped). */
export function removalRuns(text: string, spans: readonly DeidSpan[]): Run[] {
  const runs: Run[] = [];
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at || span.end > text.length || span.end <= span.start) continue;
    if (span.start > at) runs.push({ text: text.slice(at, span.start) });
    runs.push({ text: text.slice(span.start, span.end), span });
    at = span.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return runs;
}

/** A removal's explanation, as a tooltip and a table row say it. */
export function explain(span: DeidSpan): string {
  return `${span.category} · ${span.source} (${span.rule}) · score ${span.score.toFixed(2)}`;
}
