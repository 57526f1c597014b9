import type { Engine } from '../engine/engine.js';
import { provenanceOf } from '../engine/engine.js';
import type { DepartmentForecast } from './department-forecast.js';
import { ForecastInputError } from './ingest-error.js';
import {
  type ForecastRequest,
  forecastFromRequest,
  forecastRequestSchema,
  seriesFromRequest,
} from './request.js';

const engineInputSchema = forecastRequestSchema.omit({ store: true });
type ForecastEngineInput = Omit<ForecastRequest, 'store'>;

/**
 * The demand forecast as an `Engine`, so it is listed, versioned and run like every other engine: one department's
 * hourly arrivals in, a probabilistic forecast with staffing plans and surge alerts out. `POST /v1/forecasts` adds
 * storage per department on top of the same functions.
 */
export const forecastEngine: Engine<ForecastEngineInput, DepartmentForecast> = {
  id: 'forecast.arrivals',
  kind: 'forecast',
  title: 'Hourly arrivals forecast with staffing (Erlang C) and surge alerts',
  version: '0.1.0',
  description:
    'Forecasts hourly arrivals for one department (negative-binomial count regression with Fourier, calendar and holiday terms by default; MSTL and baselines selectable) with 21 quantiles, the clinicians and imaging slots needed (Erlang C) and surge alerts against the rota.',
  source:
    'Rostami-Tabar B et al. Forecasting emergency department arrivals (2023) for the model class; Erlang AK (1917) / M/M/c queue for staffing.',
  inputSchema: engineInputSchema,
  run(input) {
    const series = seriesFromRequest({ ...input, store: false });
    const first = series?.[0];
    if (!first) throw new ForecastInputError('give the hourly series: series, seriesCsv or encounters');
    const forecast = forecastFromRequest(input, first.series, first.report);
    const peak = forecast.hours.reduce(
      (best, hour) => (hour.upper95 > best.upper95 ? hour : best),
      forecast.hours[0]!,
    );
    return {
      output: forecast,
      explanation: {
        summary: `${forecast.horizon} h from ${forecast.origin}: busiest hour ${peak.hour} (median ${peak.median.toFixed(1)}, 95 % up to ${peak.upper95.toFixed(1)} arrivals); ${forecast.alerts.length} surge alert(s).`,
        contributions: [],
        rulesFired: forecast.alerts.map((alert) => alert.message),
      },
      provenance: provenanceOf(this, { modelVersion: forecast.model }),
    };
  },
};
