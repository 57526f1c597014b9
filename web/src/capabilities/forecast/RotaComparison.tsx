import { type FormEvent, type ReactNode, useState } from 'react';
import { api } from '../../api.js';
import { ProblemView } from '../../components/ProblemView.js';
import { type HolidayChoice, type HolidayCountry, HolidaySelect, holidayCountry } from './HolidaySelect.js';
import { parseRota } from './rota-input.js';
import { formatInZone } from './time-format.js';

interface Interval {
  readonly lower: number;
  readonly upper: number;
}
interface Rota {
  readonly mean_wait_min: number;
  readonly p90_wait_min: number;
  readonly share_over_4h: number;
  readonly staff_hours: number;
  readonly interval95: { readonly mean_wait_min: Interval; readonly p90_wait_min: Interval };
  readonly min_staff: number;
  readonly max_staff: number;
}
export interface Evaluation {
  readonly weeks: number;
  readonly staff_hours: number;
  readonly seeds: number;
  readonly patients: number;
  readonly first_hour: string;
  readonly last_hour: string;
  readonly rotas: { readonly flat: Rota; readonly template: Rota; readonly forecast: Rota };
  /** The department's current rota as entered (its own staff-hours), when one was given. */
  readonly current?: Rota;
  readonly mean_wait_reduction?: { readonly vs_current?: number };
}

const DEFAULT_ROTA = '3,3,3,3,3,3,3,3,5,5,5,5,5,5,5,5,5,5,5,5,4,4,4,4';

const ROTAS = [
  ['flat', 'Flat (same staff every hour)'],
  ['template', 'Historical template (hour-of-week)'],
  ['forecast', 'Forecast-driven (proposed)'],
] as const;

/**
 * Simulated waits of the proposed forecast-driven rota beside a flat and a historical-template rota at the same
 * staff-hours, on a department's real arrivals (`POST /v1/operations/staffing`, docs/operations.md).
 */
export function RotaComparison(props: {
  readonly timeZone?: string;
  readonly country?: HolidayCountry;
}): ReactNode {
  const [file, setFile] = useState<File | undefined>(undefined);
  const [testStart, setTestStart] = useState('');
  const [weeks, setWeeks] = useState(4);
  const [countryChoice, setCountryChoice] = useState<HolidayChoice>('auto');
  const zoneCountry = props.country ?? 'none';
  const country = holidayCountry(countryChoice, zoneCountry);
  const [useCurrent, setUseCurrent] = useState(false);
  const [rotaInput, setRotaInput] = useState(DEFAULT_ROTA);
  const parsedRota = parseRota(rotaInput);
  const [result, setResult] = useState<Evaluation | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || (useCurrent && !parsedRota.ok)) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(
        await api.post<Evaluation>('/v1/operations/staffing', {
          csv: await file.text(),
          testStart,
          weeks,
          seeds: 3,
          country,
          ...(props.timeZone ? { timeZone: props.timeZone } : {}),
          ...(useCurrent && parsedRota.ok ? { currentRota: parsedRota.rota } : {}),
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-label="Rota comparison">
      <h2>Compare rotas by simulated waits</h2>
      <p className="muted small">
        Replays the department's real arrivals from the start date through a queue simulation under three
        rotas with the same staff-hours, and, if you enter it, the department's current rota as it stands (the
        three then get its staff-hours). Times are read in {props.timeZone ?? 'UTC'}. Clinician time per
        patient is an assumption (lognormal, mean 20 min); see the operations documentation for what is and is
        not modelled.
      </p>
      <form className="form" onSubmit={submit} aria-label="Compare rotas">
        <div className="form-row">
          <label>
            Arrivals to replay (CSV: timestamp,count)
            <input
              type="file"
              accept=".csv,text/csv"
              required
              onChange={(e) => setFile(e.target.files?.[0])}
            />
          </label>
          <label>
            First simulated day
            <input type="date" required value={testStart} onChange={(e) => setTestStart(e.target.value)} />
          </label>
          <label>
            Weeks
            <input
              type="number"
              min={1}
              max={8}
              value={weeks}
              onChange={(e) => setWeeks(Number(e.target.value))}
            />
          </label>
          <HolidaySelect value={countryChoice} zoneCountry={zoneCountry} onChange={setCountryChoice} />
        </div>
        <label className="forecast-check">
          <input type="checkbox" checked={useCurrent} onChange={(e) => setUseCurrent(e.target.checked)} />
          Compare with the department's current rota
        </label>
        {useCurrent ? (
          <label>
            Current rota: clinicians per hour
            <textarea
              rows={4}
              value={rotaInput}
              onChange={(e) => setRotaInput(e.target.value)}
              aria-invalid={parsedRota.ok ? undefined : 'true'}
            />
            <span className="hint forecast-rota-hint">
              24 numbers from 00:00 to 23:00 (every day alike), or seven rows of 24, Monday first (a label per
              row and a header are ignored; paste from a spreadsheet as CSV). Local time of the zone above.{' '}
              {parsedRota.ok
                ? `Read: ${parsedRota.kind === 'day' ? 'one day' : 'a week'}, ${parsedRota.staffHoursPerWeek} staff-hours a week.`
                : parsedRota.error}
            </span>
          </label>
        ) : null}
        <button type="submit" className="button" disabled={busy || !file || (useCurrent && !parsedRota.ok)}>
          {busy ? 'Simulating…' : 'Simulate'}
        </button>
      </form>
      {error ? <ProblemView error={error} heading="The rotas could not be compared" /> : null}
      {result ? (
        <RotaTable result={result} {...(props.timeZone ? { timeZone: props.timeZone } : {})} />
      ) : null}
    </section>
  );
}

/** The three rotas' simulated waits at equal staff-hours. */
export function RotaTable(props: { readonly result: Evaluation; readonly timeZone?: string }): ReactNode {
  const result = props.result;
  const zone = props.timeZone ?? 'UTC';
  return (
    <>
      <p className="muted small">
        {result.weeks} {result.weeks === 1 ? 'week' : 'weeks'} from{' '}
        {formatInZone(result.first_hour, zone, { withYear: true })} to the hour starting{' '}
        {formatInZone(result.last_hour, zone, { withYear: true })}; {result.patients} arrivals, {result.seeds}{' '}
        seeds; every rota has {result.staff_hours} staff-hours. Ranges are 95 % intervals over seeds.
        {result.current && result.mean_wait_reduction?.vs_current !== undefined
          ? ` Mean wait with the forecast-driven rota: ${Math.abs(100 * result.mean_wait_reduction.vs_current).toFixed(0)} % ${result.mean_wait_reduction.vs_current >= 0 ? 'shorter' : 'longer'} than with the current rota.`
          : ''}
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Rota</th>
              <th scope="col" className="numeric">
                Mean wait to be seen
              </th>
              <th scope="col" className="numeric">
                90th percentile
              </th>
              <th scope="col" className="numeric">
                Over 4 h
              </th>
              <th scope="col" className="numeric">
                Clinicians per hour
              </th>
            </tr>
          </thead>
          <tbody>
            {[
              ...(result.current ? [['current', 'Current (as entered)', result.current] as const] : []),
              ...ROTAS.map(([id, label]) => [id, label, result.rotas[id]] as const),
            ].map(([id, label, r]) => {
              return (
                <tr key={id}>
                  <td>{label}</td>
                  <td className="numeric">
                    {r.mean_wait_min.toFixed(1)} min ({r.interval95.mean_wait_min.lower.toFixed(1)}–
                    {r.interval95.mean_wait_min.upper.toFixed(1)})
                  </td>
                  <td className="numeric">{r.p90_wait_min.toFixed(1)} min</td>
                  <td className="numeric">{(100 * r.share_over_4h).toFixed(1)} %</td>
                  <td className="numeric">
                    {r.min_staff}–{r.max_staff}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
