import { type ReactNode, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { useApi } from '../../use-api.js';

interface ModelRecord {
  readonly family: string;
  readonly version: string;
  readonly modelVersion: string;
  readonly state: string;
  readonly createdAt: string;
  readonly dataHash: string;
  readonly data?: {
    readonly sites?: readonly string[];
    readonly rounds?: number;
    readonly algorithm?: string;
    readonly keysVerified?: Readonly<Record<string, boolean>>;
  };
  readonly metrics?: {
    readonly check?: { readonly gtpa_at_1?: number; readonly n?: number };
    readonly roundsCompleted?: number;
    readonly overallEpsilon?: number | null;
    readonly promotion?: { readonly promote?: boolean; readonly reasons?: readonly string[] };
  };
}
interface ModelList {
  readonly items: readonly ModelRecord[];
  readonly served: string;
  readonly family: string;
  readonly families?: readonly { readonly family: string; readonly versions: number }[];
}

const pct = (x: number | undefined) =>
  x === undefined || Number.isNaN(x) ? '–' : `${(x * 100).toFixed(1)} %`;

/** What a version was measured or checked on: the diagnosis model's check cases, a federated run's rounds and ε. */
function checkOf(m: ModelRecord): string {
  const check = m.metrics?.check;
  if (check?.gtpa_at_1 !== undefined)
    return `GTPA@1 ${pct(check.gtpa_at_1)}${check.n ? ` (n ${check.n})` : ''}`;
  if (m.metrics?.roundsCompleted !== undefined) {
    const keys = Object.values(m.data?.keysVerified ?? {});
    return [
      `${m.data?.sites?.length ?? '?'} sites, ${m.metrics.roundsCompleted}/${m.data?.rounds ?? '?'} rounds ${m.data?.algorithm ?? ''}`,
      m.metrics.overallEpsilon != null ? `ε ${m.metrics.overallEpsilon.toFixed(2)}` : 'no DP',
      keys.length ? (keys.every(Boolean) ? 'keys verified' : 'keys NOT verified by every site') : '',
      m.metrics.promotion?.promote === false
        ? `check failed: ${m.metrics.promotion.reasons?.join('; ')}`
        : '',
    ]
      .filter(Boolean)
      .join(', ');
  }
  return '–';
}

/**
 * The model registry: the versions of one model family (the diagnosis model by default; administrators also see the
 * federated families) with their family, state, model, data hash and check.
 */
export function ModelRegistryPanel(): ReactNode {
  const [family, setFamily] = useState('ddx');
  const models = useApi(`learning:models:${family}`, () =>
    api.get<ModelList>(`/v1/learning/models?family=${encodeURIComponent(family)}`),
  );
  const families =
    models.result.state === 'loaded' ? (models.result.data.families ?? []).map((f) => f.family) : [];
  return (
    <>
      <h2>Model versions</h2>
      <label htmlFor="registry-family">Model family </label>
      <select id="registry-family" value={family} onChange={(e) => setFamily(e.target.value)}>
        {[...new Set(['ddx', ...families, family])].map((f) => (
          <option key={f} value={f}>
            {f === 'ddx' ? 'ddx (diagnosis model)' : f}
          </option>
        ))}
        <option value="all">all families</option>
      </select>
      {models.result.state === 'failed' ? <ProblemView error={models.result.error} /> : null}
      {models.result.state === 'loaded' ? (
        <table className="fairness-table">
          <caption>Diagnosis model served now: {models.result.data.served}</caption>
          <thead>
            <tr>
              <th>version</th>
              <th>state</th>
              <th>family</th>
              <th>model</th>
              <th>data hash</th>
              <th>check</th>
            </tr>
          </thead>
          <tbody>
            {models.result.data.items.map((m) => (
              <tr key={`${m.family}:${m.version}`}>
                <td>{m.version}</td>
                <td>{m.state}</td>
                <td>{m.family}</td>
                <td>{m.modelVersion}</td>
                <td>{m.dataHash.slice(0, 12)}</td>
                <td>{checkOf(m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
