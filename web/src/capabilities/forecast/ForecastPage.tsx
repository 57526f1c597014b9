import { type FormEvent, type ReactNode, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { useApi } from '../../use-api.js';
import { useDocumentTitle } from '../../use-document-title.js';
import { ForecastView } from './ForecastView.js';
import { RotaComparison } from './RotaComparison.js';
import type { ForecastSummary, StoredForecast } from './types.js';

/** Operations page: upload a department's hourly arrivals, see the 72-hour forecast, staffing and surge alerts. */
export function ForecastPage(): ReactNode {
  useDocumentTitle('Operations forecast');
  const list = useApi('forecasts', () =>
    api.get<{ items: ForecastSummary[]; total: number }>('/v1/forecasts?limit=50'),
  );
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [current, setCurrent] = useState<StoredForecast | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [department, setDepartment] = useState('ed');
  const [horizon, setHorizon] = useState(72);
  const [country, setCountry] = useState<'none' | 'US' | 'GB-EAW'>('GB-EAW');
  const [clinicians, setClinicians] = useState('');
  const [scanners, setScanners] = useState('');
  const [file, setFile] = useState<File | undefined>(undefined);

  const open = async (id: string) => {
    setSelected(id);
    setError(undefined);
    try {
      setCurrent(await api.get<StoredForecast>(`/v1/forecasts/${encodeURIComponent(id)}`));
    } catch (e) {
      setError(e);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const resources = [
        ...(clinicians ? [{ id: 'clinicians', capacity: Number(clinicians) }] : []),
        ...(scanners ? [{ id: 'imaging', capacity: Number(scanners) }] : []),
      ];
      const body = {
        department,
        horizon,
        country,
        ...(file ? { seriesCsv: await file.text() } : {}),
        ...(resources.length ? { resources } : {}),
      };
      const result = await api.post<{ items: StoredForecast[] }>('/v1/forecasts', body);
      const first = result.items[0];
      if (first) {
        setCurrent(first);
        setSelected(first.id);
      }
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page forecast-page">
      <h1>Operations forecast</h1>
      <p className="muted">
        Hourly arrivals per department for the next hours, with 80 % and 95 % intervals, clinicians and
        imaging slots needed (Erlang C) and surge alerts against the rota. Planning support, not a guarantee:
        check it against local knowledge (events, outbreaks, closures).
      </p>
      <form className="form panel" onSubmit={submit} aria-label="New forecast">
        <h2>New forecast</h2>
        <div className="form-row">
          <label>
            Department id
            <input
              value={department}
              onChange={(e) => setDepartment(e.target.value)}
              required
              pattern="[A-Za-z0-9._\-]{1,64}"
            />
          </label>
          <label>
            Hours ahead
            <input
              type="number"
              min={1}
              max={168}
              value={horizon}
              onChange={(e) => setHorizon(Number(e.target.value))}
            />
          </label>
          <label>
            Holidays
            <select value={country} onChange={(e) => setCountry(e.target.value as typeof country)}>
              <option value="GB-EAW">England and Wales</option>
              <option value="US">United States</option>
              <option value="none">None</option>
            </select>
          </label>
        </div>
        <div className="form-row">
          <label>
            Hourly counts (CSV: timestamp,count)
            <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0])} />
          </label>
          <label>
            Rostered clinicians per hour
            <input type="number" min={0} value={clinicians} onChange={(e) => setClinicians(e.target.value)} />
          </label>
          <label>
            Imaging slots per hour
            <input type="number" min={0} value={scanners} onChange={(e) => setScanners(e.target.value)} />
          </label>
        </div>
        <p className="hint">Without a file, the department's last uploaded series is refitted.</p>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Forecasting…' : 'Forecast'}
        </button>
      </form>
      {error ? <ProblemView error={error} heading="The forecast could not be made" /> : null}
      <section className="panel" aria-label="Stored forecasts">
        <h2>Stored forecasts</h2>
        {list.result.state === 'loading' ? <p className="muted">Loading…</p> : null}
        {list.result.state === 'failed' ? <ProblemView error={list.result.error} /> : null}
        {list.result.state === 'loaded' && list.result.data.items.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : null}
        {list.result.state === 'loaded' && list.result.data.items.length > 0 ? (
          <ul className="forecast-list">
            {list.result.data.items.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="button-secondary"
                  aria-current={s.id === selected ? 'true' : undefined}
                  onClick={() => void open(s.id)}
                >
                  {s.department} · {s.origin.slice(0, 16)} · {s.horizon} h · {s.alerts} alerts
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {current ? <ForecastView forecast={current} /> : null}
      <RotaComparison />
    </div>
  );
}
