import type { ReactNode } from 'react';
import type { EngineInfo } from '../../../src/engine/engine.js';
import { api } from '../api.js';
import { ProblemView } from '../components/ProblemView.js';
import { useApi } from '../use-api.js';
import { useDocumentTitle } from '../use-document-title.js';

interface Health {
  readonly status: string;
  readonly version: string;
  readonly engines: number;
}

/** What HealthGPT is, the decision-support disclaimer, and the version of the server and of every engine. */
export function AboutPage(): ReactNode {
  useDocumentTitle('About');
  const health = useApi('healthz', () => api.get<Health>('/healthz'));
  const engines = useApi('engines', () => api.get<{ items: EngineInfo[] }>('/v1/engines'));
  return (
    <div className="page about">
      <h1>About HealthGPT</h1>
      <p>
        HealthGPT is open, self-hosted clinical decision support. It keeps cases (patient context, findings,
        observations, images) in a local database, runs published clinical scores, guidelines and trained
        models on them, and shows every result with the inputs that drove it and the engine, model and
        guideline version that produced it. Nothing leaves this server.
      </p>
      <section className="disclaimer" aria-labelledby="disclaimer-heading">
        <h2 id="disclaimer-heading">Decision support, not a diagnosis</h2>
        <ul>
          <li>HealthGPT is not a medical device and has not been cleared or approved as one.</li>
          <li>Its outputs are not a diagnosis and not a treatment plan.</li>
          <li>
            It supports a qualified clinician, who examines the patient, weighs the whole clinical picture and
            decides. Check every suggestion against the source it cites and local guidance.
          </li>
          <li>Models can be wrong, out of date, or not valid for the patient in front of you.</li>
        </ul>
      </section>
      <section className="panel" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        {health.result.state === 'loaded' ? (
          <p>
            Server version <strong data-testid="server-version">{health.result.data.version}</strong>, status{' '}
            {health.result.data.status}, {health.result.data.engines} engines registered.
          </p>
        ) : null}
        {health.result.state === 'failed' ? (
          <ProblemView error={health.result.error} heading="Server status" />
        ) : null}
        {engines.result.state === 'loading' ? <p className="muted">Loading engines…</p> : null}
        {engines.result.state === 'failed' ? (
          <ProblemView error={engines.result.error} heading="Engines" />
        ) : null}
        {engines.result.state === 'loaded' ? <EnginesTable engines={engines.result.data.items} /> : null}
      </section>
    </div>
  );
}

/** The engine's status and its headline validation metric, with the data it was measured on. */
function ValidationCell(props: { readonly engine: EngineInfo }): ReactNode {
  const { status, metrics } = props.engine.validation;
  const [metric] = metrics;
  const value =
    metric.value === undefined
      ? ''
      : ` ${metric.value}${metric.interval ? ` [${metric.interval[0]}, ${metric.interval[1]}]` : ''}`;
  return (
    <>
      <strong>{status === 'validated' ? 'Validated' : 'Experimental'}</strong>
      <div className="muted">
        {metric.evidence === 'none' ? `${metric.name}: not measured` : `${metric.name}${value}`} (
        {metric.dataset})
      </div>
    </>
  );
}

function EnginesTable(props: { readonly engines: readonly EngineInfo[] }): ReactNode {
  if (props.engines.length === 0)
    return <p className="muted">No engines are registered on this server yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Registered engines</caption>
        <thead>
          <tr>
            <th scope="col">Engine</th>
            <th scope="col">Id</th>
            <th scope="col">Kind</th>
            <th scope="col">Validation</th>
            <th scope="col">Version</th>
            <th scope="col">Model version</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {props.engines.map((engine) => (
            <tr key={engine.id}>
              <td>
                <strong>{engine.title}</strong>
                <div className="muted small">{engine.description}</div>
              </td>
              <td className="code">{engine.id}</td>
              <td>{engine.kind}</td>
              <td className="small">
                <ValidationCell engine={engine} />
              </td>
              <td>{engine.version}</td>
              <td>{engine.modelVersion ?? '—'}</td>
              <td className="small">{engine.source ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
