import type { ReactNode } from 'react';
import { news2MissingText, news2ParameterLabel, news2ValueText } from './labels.js';
import type { TriageLevel, TriageResult } from './types.js';

export const LEVEL_TITLE: Readonly<Record<TriageLevel, string>> = {
  emergency: 'Emergency',
  urgent: 'Urgent (same day)',
  routine: 'Routine (days to weeks)',
  'self-care': 'Self-care',
};

/**
 * A triage result: the level with its advice, every reason with the guidance it follows, and the NEWS2 sub-scores
 * when vital signs were given.
 */
export function TriageView(props: { readonly result: TriageResult; readonly compact?: boolean }): ReactNode {
  const { result, compact } = props;
  const reasons = compact ? result.reasons.slice(0, 3) : result.reasons;
  return (
    <section className={`triage triage-${result.level}`} aria-label="Triage">
      <p className="triage-level">
        <strong>{result.insufficient ? 'Not assessed' : LEVEL_TITLE[result.level]}</strong> — {result.advice}
      </p>
      {result.insufficient ? (
        <p className="muted small" role="status">
          Not enough to go on: give the complaint or the vital signs.
        </p>
      ) : null}
      <ul className="triage-reasons">
        {reasons.map((r) => (
          <li key={`${r.ruleId}:${r.evidence?.join(',') ?? ''}`}>
            <span className={`triage-chip triage-chip-${r.level}`}>{r.level}</span>{' '}
            {r.source === 'learned' ? (
              <span
                className="triage-chip triage-chip-learned"
                title="From a learned model, not a guideline rule"
              >
                learned signal
              </span>
            ) : null}{' '}
            {r.text}
            {r.citation && !compact ? <span className="muted small"> ({r.citation})</span> : null}
          </li>
        ))}
      </ul>
      {result.news2 && !compact ? (
        <table className="triage-news2">
          <caption>
            NEWS2{' '}
            {result.news2.total !== undefined
              ? `${result.news2.total} (${result.news2.response} response, SpO2 scale ${result.news2.spo2Scale})`
              : `not complete: ${news2MissingText(result.news2.missing)} not given`}
          </caption>
          <tbody>
            {result.news2.parameters.map((p) => (
              <tr key={p.parameter}>
                <th scope="row">{news2ParameterLabel(p.parameter)}</th>
                <td>{news2ValueText(p.parameter, p.value)}</td>
                <td className={p.score === 3 ? 'triage-red' : undefined}>+{p.score}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {(result.notes ?? []).map((n) => (
        <p key={n} className="muted small">
          {n}
        </p>
      ))}
      {!compact ? (
        <p className="muted small">
          Decision support from red-flag rules, NEWS2, must-not-miss conditions and, for free text, a learned
          wording signal; the clinician decides.
        </p>
      ) : null}
    </section>
  );
}
