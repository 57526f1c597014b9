import type { ReactNode } from 'react';
import type { Finding } from '../../../src/clinical/index.js';
import { conceptLabel, formatDurationDays, formatFindingValue } from '../format.js';
import { withKeys } from '../keys.js';

const STATUS_TEXT: Record<Finding['status'], string> = {
  present: 'present',
  absent: 'absent',
  unknown: 'unknown',
};

/**
 * The case's findings, grouped present → absent → unknown, each with its ConText badges: someone other than the
 * patient (family history), historical or hypothetical, possible rather than definite.
 */
export function FindingsPanel(props: { readonly findings: readonly Finding[] }): ReactNode {
  if (props.findings.length === 0) return <p className="muted">No findings recorded.</p>;
  const order: Finding['status'][] = ['present', 'absent', 'unknown'];
  const sorted = [...props.findings].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  return (
    <ul className="finding-list">
      {withKeys(sorted, (f) => `${f.status}:${f.conceptId}`).map(({ item: finding, key }) => {
        // A coded answer (e.g. a SNOMED smoking status) is named in the label; an absent-data reason is said in words.
        const value = finding.source?.valueCoding?.length
          ? undefined
          : typeof finding.value === 'string' && finding.value.startsWith('data-absent:')
            ? `not available (${finding.value.slice('data-absent:'.length).replaceAll('-', ' ')})`
            : formatFindingValue(finding.value);
        return (
          <li key={key} className={`finding finding-${finding.status}`}>
            <span className={`badge status-${finding.status}`}>{STATUS_TEXT[finding.status]}</span>
            <span
              className="finding-name"
              title={
                finding.source
                  ? `${finding.source.resourceType}: ${(finding.source.coding ?? []).map((c) => `${c.system}|${c.code}`).join(', ') || finding.conceptId}`
                  : finding.conceptId
              }
            >
              {finding.label ?? conceptLabel(finding.conceptId)}
            </span>
            {value !== undefined ? <span className="finding-value">{value}</span> : null}
            {finding.experiencer === 'other' ? (
              <span className="badge badge-context">other person</span>
            ) : null}
            {finding.experiencer === 'patient' ? <span className="badge badge-quiet">patient</span> : null}
            {finding.temporality && finding.temporality !== 'recent' ? (
              <span className="badge badge-context">{finding.temporality}</span>
            ) : null}
            {finding.temporality === 'recent' ? <span className="badge badge-quiet">recent</span> : null}
            {finding.certainty === 'possible' ? <span className="badge badge-context">possible</span> : null}
            {finding.onset ? <span className="finding-meta">onset {formatOnset(finding.onset)}</span> : null}
            {finding.durationDays !== undefined ? (
              <span className="finding-meta">for {formatDurationDays(finding.durationDays)}</span>
            ) : null}
            {finding.sourceSpan ? <q className="finding-source">{finding.sourceSpan.text}</q> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** An onset as a date a clinician reads (`30 Oct 2008`), or the text as given when it is not a date. */
function formatOnset(onset: string): string {
  if (!/^\d{4}-\d{2}/.test(onset)) return onset;
  const date = new Date(onset);
  if (Number.isNaN(date.getTime())) return onset;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
