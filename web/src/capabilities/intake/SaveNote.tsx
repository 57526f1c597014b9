import { type ReactNode, useId, useState } from 'react';
import type { ClinicalCase } from '../../../../src/clinical/case.js';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { hrefOf, navigate } from '../../router.js';
import { useApi } from '../../use-api.js';

interface NoteResult {
  readonly case: ClinicalCase;
  readonly added: { readonly findings: number; readonly observations: number };
}

/**
 * Saves the note into the case record: as a new case, or added to an existing one (the server reads the note again
 * and merges what it finds, so what is saved is exactly what the intake reads; the note is kept with the case).
 */
export function SaveNote(props: { readonly text: string; readonly initialCaseId?: string }): ReactNode {
  const { text } = props;
  const [target, setTarget] = useState<string>(props.initialCaseId ?? 'new');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState<NoteResult | undefined>(undefined);
  const cases = useApi('intake-cases', () => api.get<{ items: ClinicalCase[] }>('/v1/cases?limit=100'));
  const selectId = useId();
  const titleId = useId();
  const items = cases.result.state === 'loaded' ? cases.result.data.items : [];

  async function save() {
    setBusy(true);
    setError(undefined);
    try {
      const result =
        target === 'new'
          ? await api.post<NoteResult>('/v1/cases/from-note', {
              title: title.trim() || 'New consultation',
              text,
            })
          : await api.post<NoteResult>(`/v1/cases/${encodeURIComponent(target)}/notes`, { text });
      setSaved(result);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel intake-save" aria-label="Save to a case">
      <h2>Save to a case</h2>
      <div className="form-inline">
        <label htmlFor={selectId}>Case</label>
        <select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="new">A new case</option>
          {items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
        {target === 'new' ? (
          <>
            <label htmlFor={titleId}>Title</label>
            <input
              id={titleId}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder="e.g. Chest pain, bay 4"
            />
          </>
        ) : null}
        <button
          type="button"
          className="button"
          disabled={busy || text.trim() === ''}
          onClick={() => void save()}
        >
          {busy ? 'Saving…' : target === 'new' ? 'Create the case' : 'Add the note to the case'}
        </button>
      </div>
      {error ? <ProblemView error={error} heading="The note was not saved" /> : null}
      {saved ? (
        <p role="status">
          Saved to <a href={hrefOf(`/cases/${saved.case.id}`)}>{saved.case.title}</a>: {saved.added.findings}{' '}
          findings and {saved.added.observations} values added, the note kept with the case.{' '}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => navigate(`/cases/${saved.case.id}`)}
          >
            Open the case
          </button>
        </p>
      ) : null}
    </section>
  );
}
