import { type FormEvent, type ReactNode, useState } from 'react';
import type { AuditEvent, AuditVerification } from '../../../src/store/store.js';
import { api } from '../api.js';
import { ProblemView } from '../components/ProblemView.js';
import { formatDateTime } from '../format.js';
import { useApi } from '../use-api.js';
import { useDocumentTitle } from '../use-document-title.js';

const PAGE_SIZE = 50;

interface Filters {
  readonly actor: string;
  readonly action: string;
  readonly resourceId: string;
  readonly outcome: '' | 'success' | 'failure';
}

const EMPTY: Filters = { actor: '', action: '', resourceId: '', outcome: '' };

function queryOf(filters: Filters, offset: number): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return params.toString();
}

/** The audit log for auditors and admins: who read or changed what, filtered and paged; chain check; FHIR export. */
export function AuditPage(): ReactNode {
  useDocumentTitle('Audit log');
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [offset, setOffset] = useState(0);
  const query = queryOf(filters, offset);
  const { result } = useApi(`audit:${query}`, () =>
    api.get<{ items: AuditEvent[]; total: number }>(`/v1/audit?${query}`),
  );
  const [verification, setVerification] = useState<AuditVerification | undefined>(undefined);
  const [verifyError, setVerifyError] = useState<unknown>(undefined);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilters(draft);
    setOffset(0);
  }
  async function verify() {
    setVerifyError(undefined);
    try {
      setVerification(await api.get<AuditVerification>('/v1/audit/verify'));
    } catch (error) {
      setVerifyError(error);
    }
  }
  const field = (name: 'actor' | 'action' | 'resourceId', label: string, placeholder: string) => (
    <label>
      {label}
      <input
        name={name}
        value={draft[name]}
        placeholder={placeholder}
        onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
      />
    </label>
  );
  return (
    <div className="page">
      <h1>Audit log</h1>
      <section className="panel" aria-labelledby="audit-integrity-heading">
        <h2 id="audit-integrity-heading">Integrity</h2>
        <p className="muted">
          Every entry is chained to the one before by a SHA-256 hash, so an entry changed, removed or
          reordered in the database is found here. Keep a copy of the newest hash elsewhere to detect a
          cut-off tail.
        </p>
        <button type="button" className="button-secondary" onClick={() => void verify()}>
          Check the chain
        </button>
        {verification ? (
          <p role="status" data-testid="audit-verification">
            {verification.ok
              ? `Intact: ${verification.checked} chained entries${verification.unchained ? ` (+${verification.unchained} from before the chain)` : ''}. Newest hash ${verification.head ?? '—'}`
              : `Broken at entry ${verification.brokenAt?.id}: ${verification.brokenAt?.reason}`}
          </p>
        ) : null}
        {verifyError !== undefined ? (
          <ProblemView error={verifyError} heading="The chain was not checked" />
        ) : null}
      </section>
      <section className="panel" aria-labelledby="audit-entries-heading">
        <h2 id="audit-entries-heading">Entries</h2>
        <form className="form form-inline" onSubmit={apply}>
          {field('actor', 'Who', 'user:alice')}
          {field('action', 'Action', 'case.read')}
          {field('resourceId', 'Resource id', '')}
          <label>
            Outcome
            <select
              name="outcome"
              value={draft.outcome}
              onChange={(event) => setDraft({ ...draft, outcome: event.target.value as Filters['outcome'] })}
            >
              <option value="">Any</option>
              <option value="success">Success</option>
              <option value="failure">Failure</option>
            </select>
          </label>
          <button type="submit">Filter</button>
          <a
            className="button button-secondary"
            href={`/v1/audit/fhir?${query}`}
            download="audit-events.json"
          >
            Export as FHIR AuditEvent
          </a>
        </form>
        {result.state === 'loading' ? <p className="muted">Loading the audit log…</p> : null}
        {result.state === 'failed' ? (
          <ProblemView error={result.error} heading="The audit log could not be loaded" />
        ) : null}
        {result.state === 'loaded' ? (
          <>
            <div className="table-scroll">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">Role</th>
                    <th scope="col">From</th>
                    <th scope="col">Action</th>
                    <th scope="col">Resource</th>
                    <th scope="col">Outcome</th>
                  </tr>
                </thead>
                <tbody>
                  {result.data.items.map((entry) => (
                    <tr key={entry.id}>
                      <td>{formatDateTime(entry.at)}</td>
                      <td>{entry.actor}</td>
                      <td>{entry.role ?? '—'}</td>
                      <td>{entry.clientAddress ?? '—'}</td>
                      <td>{entry.action}</td>
                      <td>
                        {entry.resourceType}
                        {entry.resourceId ? ` ${entry.resourceId}` : ''}
                      </td>
                      <td>{entry.outcome}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted">
              {result.data.total === 0
                ? 'No entries.'
                : `Entries ${offset + 1}–${offset + result.data.items.length} of ${result.data.total}, newest first.`}{' '}
              {offset > 0 ? (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => setOffset(offset - PAGE_SIZE)}
                >
                  Newer
                </button>
              ) : null}{' '}
              {offset + PAGE_SIZE < result.data.total ? (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => setOffset(offset + PAGE_SIZE)}
                >
                  Older
                </button>
              ) : null}
            </p>
          </>
        ) : null}
      </section>
    </div>
  );
}
