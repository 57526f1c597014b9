import { type ReactNode, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { useApi } from '../../use-api.js';
import type { CasePanelProps } from '../types.js';

interface FeedbackItem {
  readonly id: string;
  readonly kind: 'diagnosis' | 'finding' | 'output';
  readonly at: string;
  readonly by: { readonly name: string; readonly role: string };
  readonly modelVersion: string;
  readonly icd10?: string;
  readonly label?: string;
  readonly supersededBy?: string;
  readonly agreesWithModel?: boolean;
  readonly conceptId?: string;
  readonly status?: string;
  readonly verdict?: string;
  readonly reason?: string;
  readonly note?: string;
}

interface Icd10Option {
  readonly code: string;
  readonly label: string;
  readonly learnable: boolean;
}

/** What one feedback record says, in one line. */
export function describeFeedback(item: FeedbackItem): string {
  if (item.kind === 'diagnosis')
    return `Final diagnosis ${item.icd10}${item.label ? ` ${item.label}` : ''}${item.supersededBy ? ' (replaced)' : ''}${item.agreesWithModel === undefined ? '' : item.agreesWithModel ? ' — the model ranked it first' : ' — differs from the model’s first'}`;
  if (item.kind === 'finding') return `Finding ${item.conceptId} corrected to ${item.status}`;
  return `Output marked ${item.verdict}: ${item.reason}`;
}

/**
 * Case-page panel: the clinician confirms or corrects the final diagnosis (ICD-10 codes HealthGPT knows), corrects a
 * finding, or marks an output wrong or unhelpful; every record shows who, when and which model version it is about.
 */
export function FeedbackPanel(props: CasePanelProps): ReactNode {
  const { clinicalCase } = props;
  const base = `/v1/cases/${encodeURIComponent(clinicalCase.id)}/feedback`;
  const list = useApi(`feedback:${clinicalCase.id}`, () => api.get<{ items: FeedbackItem[] }>(base));
  const [query, setQuery] = useState('');
  const options = useApi(`icd10:${query}`, () =>
    api.get<{ items: Icd10Option[] }>(`/v1/learning/icd10?q=${encodeURIComponent(query)}&limit=20`),
  );
  const [icd10, setIcd10] = useState('');
  const [conceptId, setConceptId] = useState(clinicalCase.findings[0]?.conceptId ?? '');
  const [status, setStatus] = useState('absent');
  const [verdict, setVerdict] = useState('wrong');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const send = async (body: unknown) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(base, body);
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="feedback-panel">
      <form
        className="feedback-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send({ kind: 'diagnosis', icd10 });
        }}
      >
        <label htmlFor="feedback-icd10">Final diagnosis (ICD-10)</label>
        <input
          id="feedback-icd10"
          list="feedback-icd10-options"
          value={icd10}
          onChange={(e) => {
            setIcd10(e.target.value);
            setQuery(e.target.value);
          }}
          placeholder="e.g. J18.9 or pneumonia"
        />
        <datalist id="feedback-icd10-options">
          {options.result.state === 'loaded'
            ? options.result.data.items.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.label}
                  {o.learnable ? '' : ' (not learned by the diagnosis model)'}
                </option>
              ))
            : null}
        </datalist>
        <button type="submit" disabled={busy || !icd10.trim()}>
          Confirm diagnosis
        </button>
      </form>
      {clinicalCase.findings.length > 0 ? (
        <form
          className="feedback-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send({ kind: 'finding', conceptId, status });
          }}
        >
          <label htmlFor="feedback-finding">Correct a finding</label>
          <select id="feedback-finding" value={conceptId} onChange={(e) => setConceptId(e.target.value)}>
            {/* One entry per concept: an imported record may hold the same concept several times (smoking history). */}
            {[...new Map(clinicalCase.findings.map((f) => [f.conceptId, f])).values()].map((f) => (
              <option key={f.conceptId} value={f.conceptId}>
                {f.label ?? f.conceptId} (recorded {f.status})
              </option>
            ))}
          </select>
          <label htmlFor="feedback-finding-status">is actually</label>
          <select id="feedback-finding-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="present">present</option>
            <option value="absent">absent</option>
            <option value="unknown">unknown</option>
          </select>
          <button type="submit" disabled={busy}>
            Correct finding
          </button>
        </form>
      ) : null}
      <form
        className="feedback-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send({ kind: 'output', verdict, reason, engineId: 'diagnosis.ddx' });
        }}
      >
        <label htmlFor="feedback-verdict">The differential was</label>
        <select id="feedback-verdict" value={verdict} onChange={(e) => setVerdict(e.target.value)}>
          <option value="wrong">wrong</option>
          <option value="unhelpful">unhelpful</option>
        </select>
        <label htmlFor="feedback-reason">because</label>
        <input id="feedback-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" disabled={busy || !reason.trim()}>
          Send
        </button>
      </form>
      {error ? <ProblemView error={error} heading="Feedback not saved" /> : null}
      {list.result.state === 'failed' ? <ProblemView error={list.result.error} /> : null}
      {list.result.state === 'loaded' ? (
        list.result.data.items.length === 0 ? (
          <p className="muted">No feedback on this case yet.</p>
        ) : (
          <ul className="feedback-list">
            {list.result.data.items.map((item) => (
              <li key={item.id} className={item.supersededBy ? 'muted' : undefined}>
                {describeFeedback(item)}
                <span className="muted">
                  {' '}
                  — {item.by.name} ({item.by.role}), {new Date(item.at).toLocaleString()}, model{' '}
                  {item.modelVersion}
                </span>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
