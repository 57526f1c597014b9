import type { ReactNode } from 'react';
import type { TextDiagnosis } from './types.js';

const percent = (p: number) => `${(p * 100).toFixed(p < 0.1 ? 1 : 0)} %`;
const LEVEL_TEXT: Record<TextDiagnosis['triage']['level'], string> = {
  emergency: 'Emergency care now',
  urgent: 'Be seen today',
  routine: 'See a doctor within days to weeks',
  'self-care': 'Self-care, with advice on when to seek help',
};

/**
 * The differential from free text (`POST /v1/diagnosis/text`): triage with its reasons, up to 10 conditions with ICD-10
 * code and how many findings in the text support each, the share for "something the knowledge does not describe",
 * or — when the text is not enough to go on — the abstention message instead of a list.
 */
export function TextDifferential(props: { readonly result: TextDiagnosis }): ReactNode {
  const { result } = props;
  const top = result.differential[0];
  return (
    <div className="ddx-text">
      <p className={`ddx-triage ddx-triage-${result.triage.level}`}>
        <strong>Triage: {LEVEL_TEXT[result.triage.level]}</strong>
        {result.triage.reasons.slice(0, 3).map((r) => (
          <span key={r.ruleId} className="small">
            {' '}
            · {r.text}
          </span>
        ))}
      </p>
      {result.abstained ? (
        <p className="ddx-abstained" role="status">
          {result.message}
        </p>
      ) : (
        <>
          <p className="muted small">
            {top
              ? `The top condition is supported by ${top.supportingFindings} of the ${result.findings.present.length} findings read from the note.`
              : ''}
          </p>
          <ol className="ddx-list">
            {result.differential.map((entry) => (
              <li key={entry.conditionId} className="ddx-entry">
                <div className="ddx-row">
                  <span className="ddx-label">
                    {entry.name}
                    <span className="muted small"> {entry.icd10}</span>
                    {entry.mustNotMiss ? <span className="ddx-flag">must not miss</span> : null}
                    <span className="muted small ddx-support">
                      {' '}
                      {entry.supportingFindings} supporting finding{entry.supportingFindings === 1 ? '' : 's'}
                    </span>
                    {entry.raisedBy?.length ? (
                      <span className="muted small ddx-raised-by">
                        {' '}
                        raised by the red-flag pattern{' '}
                        {entry.raisedBy.map((id) => id.replace(/^red-flag\./, '')).join(', ')}
                      </span>
                    ) : null}
                  </span>
                  <span className="ddx-bar" aria-hidden="true">
                    <span style={{ width: `${Math.max(1, entry.probability * 100)}%` }} />
                  </span>
                  <span className="ddx-probability">{percent(entry.probability)}</span>
                </div>
              </li>
            ))}
            <li className="ddx-entry ddx-not-covered">
              <div className="ddx-row">
                <span className="ddx-label">Something else (not covered by the knowledge)</span>
                <span className="ddx-bar ddx-bar-other" aria-hidden="true">
                  <span style={{ width: `${Math.max(1, result.notCovered * 100)}%` }} />
                </span>
                <span className="ddx-probability">{percent(result.notCovered)}</span>
              </div>
            </li>
          </ol>
        </>
      )}
      {result.warnings.map((w) => (
        <p key={w} className="muted small">
          {w}
        </p>
      ))}
    </div>
  );
}
