import { type ReactNode, useState } from 'react';
import { ContributionChart } from '../../components/ContributionChart.js';
import { imagingTerms, imagingText } from './imaging-terms.js';
import type { DdxEntry } from './types.js';

const percent = (p: number) => `${(p * 100).toFixed(p < 0.1 ? 1 : 0)} %`;

/** A ranked differential: probability bar, ICD-10, must-not-miss flag; a row opens the condition's explanation. */
export function DifferentialList(props: {
  readonly entries: readonly DdxEntry[];
  readonly limit?: number;
}): ReactNode {
  const [open, setOpen] = useState<string | undefined>(undefined);
  const entries = props.entries.slice(0, props.limit ?? 10);
  if (entries.length === 0) return <p className="muted">No condition above 1 %.</p>;
  return (
    <ol className="ddx-list">
      {entries.map((entry) => (
        <li key={entry.conditionId} className="ddx-entry">
          <button
            type="button"
            className="ddx-row"
            aria-expanded={open === entry.conditionId}
            onClick={() => setOpen(open === entry.conditionId ? undefined : entry.conditionId)}
          >
            <span className="ddx-label">
              {entry.label}
              {entry.icd10 ? <span className="muted small"> {entry.icd10}</span> : null}
              {entry.mustNotMiss ? <span className="ddx-flag">must not miss</span> : null}
            </span>
            <span className="ddx-bar" aria-hidden="true">
              <span style={{ width: `${Math.max(1, entry.probability * 100)}%` }} />
            </span>
            <span className="ddx-probability">{percent(entry.probability)}</span>
          </button>
          {imagingTerms(entry).map((term) => (
            <p key={term.input} className="ddx-imaging small">
              Image: {imagingText(term)}
            </p>
          ))}
          {open === entry.conditionId ? (
            <div className="ddx-explanation">
              <p className="muted small">
                What raised or lowered this condition against the others (largest effects shown). Each bar is
                in log-odds: +0.7 roughly doubles the odds, −0.7 halves them.
              </p>
              <ContributionChart contributions={entry.explanation.contributions} />
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
