import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { hrefOf, matchPath, navigate, useRoutePath } from '../../router.js';
import { useApi } from '../../use-api.js';
import { useDocumentTitle } from '../../use-document-title.js';
import { ForecastView } from './ForecastView.js';
import { type HolidayChoice, type HolidayCountry, HolidaySelect, holidayCountry } from './HolidaySelect.js';
import { RotaComparison } from './RotaComparison.js';
import {
  browserZone,
  displayZone,
  FORECAST_ZONE,
  formatInZone,
  holidayCountryForZone,
  loadZoneSetting,
  saveZoneSetting,
  zoneChoices,
} from './time-format.js';
import type { ForecastSummary, StoredForecast } from './types.js';

/** The page's route to one stored forecast (`#/forecast/<id>`), so each forecast has a link. */
export function forecastPath(id: string): string {
  return `/forecast/${encodeURIComponent(id)}`;
}

const storage = (): Storage | undefined => (typeof window === 'undefined' ? undefined : window.localStorage);

type Country = HolidayCountry;

/** Operations page: upload a department's hourly arrivals, see the 72-hour forecast, staffing and surge alerts. */
export function ForecastPage(): ReactNode {
  useDocumentTitle('Operations forecast');
  const list = useApi('forecasts', () =>
    api.get<{ items: ForecastSummary[]; total: number }>('/v1/forecasts?limit=50'),
  );
  const selected = matchPath('/forecast/:id', useRoutePath())?.id;
  const [current, setCurrent] = useState<StoredForecast | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [department, setDepartment] = useState('ed');
  const [horizon, setHorizon] = useState(72);
  const [zoneSetting, setZoneSetting] = useState(() => loadZoneSetting(storage()));
  const [countryOverride, setCountryOverride] = useState<HolidayChoice>('auto');
  const [clinicians, setClinicians] = useState('');
  const [scanners, setScanners] = useState('');
  const [file, setFile] = useState<File | undefined>(undefined);

  // The forecast in the address (`#/forecast/<id>`) is opened; any other address shows none.
  useEffect(() => {
    if (selected === undefined || current?.id === selected) return;
    let live = true;
    setError(undefined);
    api
      .get<StoredForecast>(`/v1/forecasts/${encodeURIComponent(selected)}`)
      .then((f) => live && setCurrent(f))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [selected, current?.id]);

  const chooseZone = (value: string) => {
    setZoneSetting(value);
    saveZoneSetting(storage(), value);
  };
  /** The zone new forecasts are made in: the chosen one, or (setting "each forecast's zone") the server's default. */
  const requestZone = zoneSetting === FORECAST_ZONE ? undefined : zoneSetting;
  const zoneCountry: Country = requestZone ? holidayCountryForZone(requestZone) : 'none';
  const country: Country = holidayCountry(countryOverride, zoneCountry);
  const shownZone = (forecastZone: string) => displayZone(zoneSetting, forecastZone);
  const choices = zoneChoices(browserZone(), current ? [current.timeZone] : []);
  const browser = browserZone();

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
        ...(requestZone ? { timeZone: requestZone } : {}),
        ...(file ? { seriesCsv: await file.text() } : {}),
        ...(resources.length ? { resources } : {}),
      };
      const result = await api.post<{ items: StoredForecast[] }>('/v1/forecasts', body);
      const first = result.items[0];
      if (first) {
        setCurrent(first);
        navigate(forecastPath(first.id));
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
      <section className="panel" aria-label="Time zone">
        <label>
          Time zone for times on this page
          <select value={zoneSetting} onChange={(e) => chooseZone(e.target.value)}>
            <option value={FORECAST_ZONE}>
              Each forecast's department zone{current ? ` (${current.timeZone})` : ''}
            </option>
            {choices.map((z) => (
              <option key={z} value={z}>
                {z}
                {z === browser ? ' (this browser)' : ''}
                {current && z === current.timeZone ? ' (department)' : ''}
              </option>
            ))}
          </select>
        </label>
        <p className="hint">
          Kept in this browser. New forecasts and rota comparisons are made in the chosen zone (timestamps
          without an offset are read in it; hour of day, weekday and holidays follow it); with "each
          forecast's department zone" the page sends no zone and the server's default applies. A stored
          forecast keeps the zone it was made in; only how its times are shown changes.
        </p>
      </section>
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
          <HolidaySelect value={countryOverride} zoneCountry={zoneCountry} onChange={setCountryOverride} />
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
                <a href={hrefOf(forecastPath(s.id))} aria-current={s.id === selected ? 'page' : undefined}>
                  {s.department} · from {formatInZone(s.origin, shownZone('UTC'))} · {s.horizon} h ·{' '}
                  {s.alerts} alert hours
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {current && current.id === selected ? (
        <ForecastView forecast={current} zone={shownZone(current.timeZone)} />
      ) : null}
      <RotaComparison {...(requestZone ? { timeZone: requestZone } : {})} country={zoneCountry} />
    </div>
  );
}
