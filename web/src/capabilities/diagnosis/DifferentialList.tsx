import { type ReactNode, useState } from 'react';
import { ContributionChart } from '../../components/ContributionChart.js';
import { imagingTerms, imagingText } from './imaging-terms.js';
import type { DdxEntry, HedgedDifferential } from './types.js';

const percent = (p: number) => `${(p * 100).toFixed(p < 0.1 ? 1 : 0)} %`;

interface Row {
  readonly conditionId: string;
  readonly label: string;
  readonly icd10?: string;
  readonly mustNotMiss?: boolean;
  /** The number shown. */
  readonly shown: number;
  /** The model's own posterior, shown in brackets beside a hedged share. */
  readonly model?: number;
  readonly entry?: DdxEntry;
}

/**
 * A ranked differential: probability bar, ICD-10, must-not-miss flag; a row opens the condition's explanation. With
 * `hedged` (src/diagnosis/hedge.ts) the rows are the shares the findings present have earned — real-world prevalence
 * weighted, at most n / (n + 6) together — with the model's own probability in brackets and a last row for "not
 * settled / something else"; without it, the model's probabilities as they are.
 */
export function DifferentialList(props: {
  readonly entries: readonly DdxEntry[];
  readonly hedged?: HedgedDifferential;
  readonly limit?: number;
}): ReactNode {
  const [open, setOpen] = useState<string | undefined>(undefined);
  const limit = props.limit ?? 10;
  const byId = new Map(props.entries.map((e) => [e.conditionId, e]));
  const rows: Row[] = props.hedged
    ? props.hedged.entries.slice(0, limit).map((h) => {
        const entry = byId.get(h.conditionId);
        return {
          conditionId: h.conditionId,
          label: h.label,
          ...(h.icd10 ? { icd10: h.icd10 } : {}),
          ...(h.mustNotMiss !== undefined ? { mustNotMiss: h.mustNotMiss } : {}),
          shown: h.share,
          model: h.modelProbability,
          ...(entry ? { entry } : {}),
        };
      })
    : props.entries.slice(0, limit).map((entry) => ({
        conditionId: entry.conditionId,
        label: entry.label,
        ...(entry.icd10 ? { icd10: entry.icd10 } : {}),
        ...(entry.mustNotMiss !== undefined ? { mustNotMiss: entry.mustNotMiss } : {}),
        shown: entry.probability,
        entry,
      }));
  if (rows.length === 0) return <p className="muted">No condition above 1 %.</p>;
  return (
    <>
      {props.hedged ? (
        <p className="muted small">
          Shares earned by {props.hedged.establishedFindings} finding(s) present (at most n / (n + 6)
          together; rare conditions need their specific evidence). The model's own probability, within its 49
          conditions, is in brackets.
        </p>
      ) : null}
      <ol className="ddx-list">
        {rows.map((row) => (
          <li key={row.conditionId} className="ddx-entry">
            <button
              type="button"
              className="ddx-row"
              aria-expanded={open === row.conditionId}
              disabled={!row.entry}
              onClick={() => setOpen(open === row.conditionId ? undefined : row.conditionId)}
            >
              <span className="ddx-label">
                {row.label}
                {row.icd10 ? <span className="muted small"> {row.icd10}</span> : null}
                {row.mustNotMiss ? <span className="ddx-flag">must not miss</span> : null}
              </span>
              <span className="ddx-bar" aria-hidden="true">
                <span style={{ width: `${Math.max(1, row.shown * 100)}%` }} />
              </span>
              <span className="ddx-probability">
                {percent(row.shown)}
                {row.model !== undefined ? (
                  <span className="muted small"> (model {percent(row.model)})</span>
                ) : null}
              </span>
            </button>
            {row.entry
              ? imagingTerms(row.entry).map((term) => (
                  <p key={term.input} className="ddx-imaging small">
                    Image: {imagingText(term)}
                  </p>
                ))
              : null}
            {open === row.conditionId && row.entry ? (
              <div className="ddx-explanation">
                <p className="muted small">
                  What raised or lowered this condition against the others in the model (largest effects
                  shown). Each bar is in log-odds: +0.7 roughly doubles the odds, −0.7 halves them.
                </p>
                <ContributionChart contributions={row.entry.explanation.contributions} />
              </div>
            ) : null}
          </li>
        ))}
        {props.hedged ? (
          <li className="ddx-entry ddx-not-covered">
            <div className="ddx-row">
              <span className="ddx-label">Not settled yet / something else</span>
              <span className="ddx-bar ddx-bar-other" aria-hidden="true">
                <span style={{ width: `${Math.max(1, props.hedged.notSettled * 100)}%` }} />
              </span>
              <span className="ddx-probability">{percent(props.hedged.notSettled)}</span>
            </div>
          </li>
        ) : null}
      </ol>
    </>
  );
}
