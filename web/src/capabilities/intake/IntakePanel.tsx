import { type ReactNode, useState } from 'react';
import type { ClinicalCase } from '../../../../src/clinical/case.js';
import type { Finding } from '../../../../src/clinical/finding.js';
import type { IntakeRecord } from '../../../../src/intake/record.js';
import { ApiError, api } from '../../api.js';
import type { CasePanelProps } from '../types.js';
import { mergeIntoCase } from './merge.js';

interface IntakeAnswer {
  readonly record: IntakeRecord;
  readonly findings: Finding[];
  readonly partial: boolean;
}

/** Case-page panel: read the case's consultation note into findings and values, and add them to the case. */
export function IntakePanel({ clinicalCase, refresh }: CasePanelProps): ReactNode {
  const [answer, setAnswer] = useState<IntakeAnswer | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const note = clinicalCase.note?.trim();
  if (!note) return <p className="muted">This case has no consultation note to read.</p>;

  const fail = (failure: unknown) =>
    setError(failure instanceof ApiError ? failure.message : String(failure));
  const read = () => {
    setBusy(true);
    api
      .post<IntakeAnswer>('/v1/intake', { text: note })
      .then((result) => {
        setAnswer(result);
        setError(undefined);
      })
      .catch(fail)
      .finally(() => setBusy(false));
  };
  const add = () => {
    if (!answer) return;
    setBusy(true);
    const content = mergeIntoCase(clinicalCase, {
      findings: answer.findings,
      observations: answer.record.observations,
      patient: answer.record.patient,
    });
    api
      .put<ClinicalCase>(`/v1/cases/${encodeURIComponent(clinicalCase.id)}`, content)
      .then(() => {
        setAnswer(undefined);
        refresh();
      })
      .catch(fail)
      .finally(() => setBusy(false));
  };

  return (
    <div className="intake-panel">
      <button type="button" className="button" onClick={read} disabled={busy}>
        Read the consultation note
      </button>
      {error ? (
        <p role="alert" className="intake-error">
          {error}
        </p>
      ) : null}
      {answer ? (
        <>
          <ul className="small">
            {answer.record.summary.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: summary lines have no identity beyond their order.
              <li key={i}>
                <strong>{line.part}</strong> {line.text}
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={add} disabled={busy}>
            Add {answer.findings.length} findings and {answer.record.observations.length} values to the case
          </button>
        </>
      ) : null}
    </div>
  );
}
