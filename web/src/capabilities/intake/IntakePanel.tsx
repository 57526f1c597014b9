import { type ReactNode, useId, useState } from 'react';
import type { ClinicalCase } from '../../../../src/clinical/case.js';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { hrefOf } from '../../router.js';
import type { CasePanelProps } from '../types.js';

interface NoteResult {
  readonly case: ClinicalCase;
  readonly added: { readonly findings: number; readonly observations: number };
  readonly summary: readonly { readonly part: string; readonly text: string }[];
}

/**
 * Case-page note field: a note written here is kept with the case and read by the intake, and the findings and
 * values it holds are added to the case in one step (`POST /v1/cases/{id}/notes`), so note → intake → findings is
 * one path.
 */
export function IntakePanel({ clinicalCase, refresh }: CasePanelProps): ReactNode {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<NoteResult | undefined>(undefined);
  const id = useId();

  async function add() {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.post<NoteResult>(`/v1/cases/${encodeURIComponent(clinicalCase.id)}/notes`, {
        text,
      });
      setDone(result);
      setText('');
      refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="intake-panel">
      <label htmlFor={id}>Add a note</label>
      <textarea
        id={id}
        rows={5}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="e.g. Cough for 3 days, no fever. RR 24, BP 100/60, urea 8 mmol/L."
      />
      <div className="form-inline">
        <button
          type="button"
          className="button"
          disabled={busy || text.trim() === ''}
          onClick={() => void add()}
        >
          {busy ? 'Reading…' : 'Add the note and its findings to the case'}
        </button>
        <a href={`${hrefOf('/intake')}?caseId=${encodeURIComponent(clinicalCase.id)}`}>
          Write it in the intake page (live highlighting, dictation)
        </a>
      </div>
      {error ? <ProblemView error={error} heading="The note was not added" /> : null}
      {done ? (
        <div role="status">
          <p>
            Added {done.added.findings} findings and {done.added.observations} values; the note is kept with
            the case.
          </p>
          <ul className="small">
            {done.summary.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: summary lines have no identity beyond their order.
              <li key={i}>
                <strong>{line.part}</strong> {line.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
