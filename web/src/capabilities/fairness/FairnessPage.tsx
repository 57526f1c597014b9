import { type ReactNode, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { useApi } from '../../use-api.js';
import { useDocumentTitle } from '../../use-document-title.js';
import { ModelRegistryPanel } from './ModelRegistryPanel.js';

interface Group {
  readonly attribute: string;
  readonly value: string;
  readonly n: number;
  readonly gtpa_at_1?: number;
  readonly value_right?: number;
  readonly ci_low: number;
  readonly ci_high: number;
  readonly rest: number;
  readonly p_adjusted: number;
  readonly flagged: boolean;
}
interface Report {
  readonly n: number;
  readonly model_version?: string;
  readonly overall: {
    readonly gtpa_at_1?: number;
    readonly value_right?: number;
    readonly ci_low: number;
    readonly ci_high: number;
  };
  readonly groups: readonly Group[];
}
interface StoredReport {
  readonly id: string;
  readonly at: string;
  readonly engine: string;
  readonly source: string;
  readonly report: Report;
  readonly flagged: readonly string[];
}
interface Alert {
  readonly id: string;
  readonly at: string;
  readonly engine: string;
  readonly attribute: string;
  readonly value: string;
  readonly metric: number;
  readonly rest: number;
}

const pct = (x: number | undefined) =>
  x === undefined || Number.isNaN(x) ? '–' : `${(x * 100).toFixed(1)} %`;
const metric = (x: { gtpa_at_1?: number; value_right?: number }) => x.gtpa_at_1 ?? x.value_right;

/** The audit table: every group with its interval, the rest, the corrected p-value, flagged rows marked. */
export function ReportTable(props: { readonly report: Report }): ReactNode {
  const { report } = props;
  return (
    <table className="fairness-table">
      <caption>
        n {report.n}
        {report.model_version ? `, model ${report.model_version}` : ''}: overall {pct(metric(report.overall))}{' '}
        ({pct(report.overall.ci_low)}–{pct(report.overall.ci_high)})
      </caption>
      <thead>
        <tr>
          <th>group</th>
          <th>n</th>
          <th>right (95 % CI)</th>
          <th>rest</th>
          <th>p (Holm)</th>
          <th>flagged</th>
        </tr>
      </thead>
      <tbody>
        {report.groups.map((g) => (
          <tr key={`${g.attribute}:${g.value}`} className={g.flagged ? 'fairness-flagged' : undefined}>
            <td>
              {g.attribute.replace(/_x_/g, ' × ').replace(/_/g, ' ')} {g.value}
            </td>
            <td>{g.n}</td>
            <td>
              {pct(metric(g))} ({pct(g.ci_low)}–{pct(g.ci_high)})
            </td>
            <td>{pct(g.rest)}</td>
            <td>{g.p_adjusted.toFixed(3)}</td>
            <td>{g.flagged ? 'significantly below the rest' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Fairness: audit the served diagnosis model on labelled patients, stored reports and alerts, the model registry. */
export function FairnessPage(): ReactNode {
  useDocumentTitle('Fairness');
  const reports = useApi('fairness:reports', () =>
    api.get<{ items: StoredReport[] }>('/v1/fairness/reports'),
  );
  const alerts = useApi('fairness:alerts', () => api.get<{ items: Alert[] }>('/v1/fairness/alerts'));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/v1/fairness/diagnosis', { csv: await file.text() });
      reports.reload();
      alerts.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const latest = reports.result.state === 'loaded' ? reports.result.data.items[0] : undefined;
  return (
    <section className="fairness-page">
      <h1>Fairness</h1>
      <p className="muted">
        How the diagnosis model (or any engine with labelled results) serves each group: share right by sex,
        age band (0–15, 16–39, 40–64, 65+) and both, with bootstrap intervals; a group is flagged when it is
        right significantly less often than everyone else (one-sided Fisher test, Holm-corrected). See
        docs/fairness.md.
      </p>
      <label htmlFor="fairness-csv">Audit the diagnosis model on labelled patients (DDXPlus CSV)</label>
      <input
        id="fairness-csv"
        type="file"
        accept=".csv,text/csv"
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
        }}
      />
      {busy ? <p className="muted">Auditing…</p> : null}
      {error ? <ProblemView error={error} heading="Audit failed" /> : null}
      <h2>Alerts</h2>
      {alerts.result.state === 'loaded' ? (
        alerts.result.data.items.length === 0 ? (
          <p className="muted">No group flagged.</p>
        ) : (
          <ul className="fairness-alerts">
            {alerts.result.data.items.map((a) => (
              <li key={a.id}>
                {new Date(a.at).toLocaleString()}: {a.engine} — {a.attribute.replace(/_x_/g, ' × ')} {a.value}{' '}
                right {pct(a.metric)} vs {pct(a.rest)} for the rest
              </li>
            ))}
          </ul>
        )
      ) : null}
      <h2>Latest report</h2>
      {latest ? (
        <>
          <p className="muted">
            {new Date(latest.at).toLocaleString()}, {latest.engine}, {latest.source}
          </p>
          <ReportTable report={latest.report} />
        </>
      ) : (
        <p className="muted">No audit yet.</p>
      )}
      <ModelRegistryPanel />
    </section>
  );
}
