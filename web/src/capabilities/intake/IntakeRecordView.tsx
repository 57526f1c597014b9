import type { ReactNode } from 'react';
import type { IntakeRecord } from '../../../../src/intake/record.js';
import { formatDuration, withUnit } from '../../units.js';

/** The structured record read from the note: summary, key questions not yet asked, findings and values. */
export function IntakeRecordView(props: { readonly record: IntakeRecord | undefined }): ReactNode {
  const { record } = props;
  const missing = record?.keyQuestions.filter((q) => !q.answered) ?? [];
  const answered = record?.keyQuestions.filter((q) => q.answered) ?? [];
  const mostUseful = Math.max(0, ...missing.map((q) => q.expectedGainNats ?? 0));
  return (
    <section className="panel intake-record" aria-label="Structured record">
      <h2>Summary</h2>
      {record && record.summary.length > 0 ? (
        <dl className="intake-summary">
          {record.summary.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: summary lines have no identity beyond their order.
            <div key={i}>
              <dt>{line.part}</dt>
              <dd>{line.text}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">Nothing read yet.</p>
      )}
      <h2>
        Key questions not yet asked <span className="count">{missing.length}</span>
      </h2>
      {record?.chiefComplaint ? (
        <p className="small muted">For the complaint “{record.chiefComplaint.sourceSpan.text}”.</p>
      ) : (
        <p className="small muted">Shown once a complaint is recognised.</p>
      )}
      <ul className="intake-questions" data-testid="intake-missing">
        {missing.map((q) => (
          <li key={q.conceptId}>
            {q.label}
            {q.expectedGainNats !== undefined &&
            mostUseful > 0 &&
            q.expectedGainNats >= mostUseful * 0.999 ? (
              <span
                className="small muted"
                title="The diagnosis model expects this answer to narrow the differential most"
              >
                {' '}
                (most useful next question)
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {answered.length > 0 ? (
        <p className="small muted">Answered: {answered.map((q) => `${q.label} (${q.status})`).join('; ')}</p>
      ) : null}
      <h2>Findings</h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="intake-findings">
          <thead>
            <tr>
              <th>Finding</th>
              <th>Status</th>
              <th>When</th>
              <th>Who</th>
              <th>Text</th>
            </tr>
          </thead>
          <tbody>
            {record?.findings.map((f) => (
              <tr key={`${f.conceptId}-${f.sourceSpan.start}-${String(f.value ?? '')}`}>
                <td>
                  {f.label}
                  {f.impliedBy ? <span className="small muted"> (implied)</span> : null}
                </td>
                <td>{f.status}</td>
                <td>
                  {f.temporality}
                  {f.durationDays !== undefined ? ` · for ${formatDuration(f.durationDays)}` : ''}
                </td>
                <td>{f.experiencer === 'other' ? 'relative' : f.experiencer}</td>
                <td className="code">{f.sourceSpan.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Values</h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>Measure</th>
              <th className="numeric">Value</th>
              <th>Text</th>
            </tr>
          </thead>
          <tbody>
            {record?.observations.map((o) => (
              <tr key={`${o.code.code}-${o.sourceSpan?.start ?? ''}`}>
                <td>{o.code.display ?? o.code.code}</td>
                <td className="numeric">{withUnit(String(o.value.value), o.value.unit)}</td>
                <td className="code">{o.sourceSpan?.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
