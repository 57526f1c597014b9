import type { ReactNode } from 'react';
import { alertEpisodes } from '../../../../src/operations/alert-episodes.js';
import { ForecastChart } from './ForecastChart.js';
import { formatHourInZone, formatInZone } from './time-format.js';
import type { StoredForecast } from './types.js';

/**
 * One stored forecast: chart, surge alerts and the hour-by-hour staffing table. Every time is shown in `zone` (the
 * page's time-zone setting; by default the forecast's own).
 */
export function ForecastView(props: {
  readonly forecast: StoredForecast;
  readonly zone?: string;
}): ReactNode {
  const f = props.forecast;
  const zone = props.zone ?? f.timeZone;
  const localTime = (iso: string) => formatInZone(iso, zone);
  const clinicians = f.staffing.find((s) => s.resource === 'clinicians');
  const imaging = f.staffing.find((s) => s.resource === 'imaging');
  return (
    <section className="panel" aria-label={`Forecast for ${f.department}`}>
      <h2>
        {f.department}: next {f.horizon} hours
      </h2>
      <p className="muted small">
        From {formatInZone(f.origin, zone, { withYear: true })}, model {f.model}, made{' '}
        {formatInZone(f.generatedAt, zone, { withYear: true })}. The forecast's calendar (hour of day,
        weekday, holidays) is the department's time zone, {f.timeZone}.
        {f.ingest?.warnings.length ? ` Input repairs: ${f.ingest.warnings.join('; ')}.` : ''}
      </p>
      <ForecastChart
        data={{ history: f.history, forecast: f.hours }}
        title={`Arrivals, ${f.department}`}
        timeZone={zone}
      />
      <h3>Surge alerts</h3>
      {f.alerts.length === 0 ? (
        <p className="muted">
          No surge alerts
          {f.staffing.some((s) => s.policy.capacity !== undefined) ? '' : ' (no rostered capacity was given)'}
          .
        </p>
      ) : (
        <>
          <p className="muted small">
            {f.alerts.length} alert hours in {alertEpisodes(f.alerts).length} episodes; times in {zone}.
          </p>
          <ul className="forecast-alerts">
            {alertEpisodes(f.alerts).map((e) => (
              <li key={`${e.resource}${e.start}`} className={`forecast-alert forecast-alert-${e.severity}`}>
                <strong>{e.severity === 'critical' ? 'Critical' : 'Warning'}</strong>{' '}
                {f.staffing.find((s) => s.resource === e.resource)?.title ?? e.resource}: {localTime(e.start)}{' '}
                – {localTime(e.end)} ({e.hours} h{e.criticalHours > 0 ? `, ${e.criticalHours} critical` : ''}
                ); up to {e.peakNeeded} needed, capacity {e.capacityAtPeak}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Staffing</h3>
      <p className="muted small">
        Erlang C per hour. Clinicians:{' '}
        {clinicians?.policy.serviceLevel !== undefined
          ? Math.round(clinicians.policy.serviceLevel * 100)
          : ''}{' '}
        % seen within {clinicians?.policy.targetMinutes} min, staffed for the{' '}
        {Math.round((clinicians?.policy.staffQuantile ?? 0) * 100)}th percentile of arrivals. Imaging:{' '}
        {imaging?.title}.
      </p>
      <div className="table-scroll">
        <table className="data-table forecast-table">
          <thead>
            <tr>
              <th scope="col">Hour ({zone})</th>
              <th scope="col" className="numeric">
                Arrivals (mean)
              </th>
              <th scope="col" className="numeric">
                80 % interval
              </th>
              <th scope="col" className="numeric">
                95 % interval
              </th>
              <th scope="col" className="numeric">
                Clinicians
              </th>
              <th scope="col" className="numeric">
                Imaging slots
              </th>
            </tr>
          </thead>
          <tbody>
            {f.hours.map((h, i) => {
              const c = clinicians?.hours[i];
              const m = imaging?.hours[i];
              const short = c?.capacity !== undefined && c.neededAtAlertQuantile > c.capacity;
              return (
                <tr key={h.hour} className={short ? 'forecast-short' : undefined}>
                  <td>{formatHourInZone(h.hour, zone)}</td>
                  <td className="numeric">{h.mean.toFixed(1)}</td>
                  <td className="numeric">
                    {h.lower80.toFixed(1)}–{h.upper80.toFixed(1)}
                  </td>
                  <td className="numeric">
                    {h.lower95.toFixed(1)}–{h.upper95.toFixed(1)}
                  </td>
                  <td className="numeric">
                    {c?.needed}
                    {c?.capacity !== undefined ? ` / ${c.capacity}` : ''}
                  </td>
                  <td className="numeric">
                    {m?.needed}
                    {m?.capacity !== undefined ? ` / ${m.capacity}` : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
