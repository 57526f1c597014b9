import { type ReactNode, useState } from 'react';
import { api } from '../../api.js';
import { useApi } from '../../use-api.js';
import { useDocumentTitle } from '../../use-document-title.js';
import { progress, type RunView, recentRounds, siteRows } from './view.js';

const eps = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(3));

/**
 * Federated learning (administrators): the runs coordinated from this install — status, rounds, sites (joined,
 * dropped, withdrawn), the last rounds' metrics, privacy spent per site, and refused messages with their reasons.
 */
export function FederatedPage(): ReactNode {
  useDocumentTitle('Federated learning');
  const { result, reload } = useApi('federated-runs', () =>
    api.get<{ runs: RunView[] }>('/v1/federated/runs'),
  );
  const [selected, setSelected] = useState<string>();
  if (result.state === 'loading') return <p>Loading…</p>;
  if (result.state === 'failed')
    return (
      <p role="alert">
        Cannot load federated runs:{' '}
        {result.error instanceof Error ? result.error.message : String(result.error)}
      </p>
    );
  const runs = result.data.runs;
  const run = runs.find((r) => r.runId === selected) ?? runs[0];
  return (
    <section className="federated-page">
      <h1>Federated learning</h1>
      <p className="muted">
        Hospitals train a shared model without moving patient rows: each site sends only its masked (securely
        aggregated) update, optionally with differential privacy. Runs are started with{' '}
        <code>healthgpt federated coordinator</code>; sites join with <code>healthgpt federated site</code>{' '}
        and a token of role <code>site</code>.
      </p>
      <button type="button" onClick={reload}>
        Refresh
      </button>
      {runs.length === 0 ? (
        <p>No federated run recorded in this install.</p>
      ) : (
        <table>
          <caption>Runs</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              <th scope="col">Rounds</th>
              <th scope="col">Algorithm</th>
              <th scope="col">Secure aggregation</th>
              <th scope="col">Sites</th>
              <th scope="col">ε spent (largest site)</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.runId} aria-selected={r.runId === run?.runId}>
                <td>
                  <button type="button" className="link" onClick={() => setSelected(r.runId)}>
                    {r.runId}
                  </button>
                </td>
                <td>
                  {r.status}
                  {r.reason ? ` (${r.reason})` : ''}
                </td>
                <td>{progress(r)}</td>
                <td>{r.algorithm}</td>
                <td>{r.secureAggregation ? 'on' : 'off'}</td>
                <td>{r.sites.join(', ')}</td>
                <td>{eps(r.overallEpsilon)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {run && <RunDetail run={run} />}
    </section>
  );
}

/** A site's report on the signed masking keys: verified against its trust file, or not (it had none). */
function keysVerified(run: RunView, site: string): string {
  const verified = run.keysVerifiedBySite?.[site];
  if (verified === undefined) return '—';
  return verified ? 'yes (pinned identity keys)' : 'no (no trust file)';
}

function RunDetail({ run }: { run: RunView }): ReactNode {
  return (
    <>
      <h2>{run.runId}</h2>
      <table>
        <caption>Sites</caption>
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">Joined</th>
            <th scope="col">Training rounds taken part in</th>
            <th scope="col">Dropped from</th>
            <th scope="col">ε spent</th>
            <th scope="col">δ</th>
            <th scope="col">Withdrawn</th>
            <th scope="col">Peers' keys verified</th>
          </tr>
        </thead>
        <tbody>
          {siteRows(run).map((s) => (
            <tr key={s.site}>
              <td>{s.site}</td>
              <td>{s.joined ? 'yes' : 'no'}</td>
              <td>{s.took}</td>
              <td>{s.dropped}</td>
              <td>{eps(s.epsilon)}</td>
              <td>{s.delta ?? '—'}</td>
              <td>{s.withdrawn ?? ''}</td>
              <td>{keysVerified(run, s.site)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Last rounds</caption>
        <thead>
          <tr>
            <th scope="col">Round</th>
            <th scope="col">Kind</th>
            <th scope="col">Outcome</th>
            <th scope="col">Participants</th>
            <th scope="col">Dropped</th>
            <th scope="col">Rows</th>
            <th scope="col">Training loss</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {recentRounds(run).map((h) => (
            <tr key={`${h.round}-${h.attempt}-${h.outcome}`}>
              <td>
                {h.round}
                {h.attempt ? ` (attempt ${h.attempt + 1})` : ''}
              </td>
              <td>{h.kind}</td>
              <td>
                {h.outcome}
                {h.reason ? `: ${h.reason}` : ''}
              </td>
              <td>{h.participants.join(', ')}</td>
              <td>{h.dropped.join(', ')}</td>
              <td>{h.rows ?? ''}</td>
              <td>{h.loss === undefined || h.loss === 0 ? '—' : h.loss.toFixed(4)}</td>
              <td>{h.ms} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.refusals.length > 0 && (
        <>
          <h3>Refused messages</h3>
          <ul>
            {run.refusals.map((r) => (
              <li key={`${r.at}-${r.site}-${r.reason}`}>
                {r.at} · {r.site}: {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
