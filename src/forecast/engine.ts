import { defineEngine } from '../engine/engine.js';
import type { DepartmentForecast } from './department-forecast.js';
import { ForecastInputError } from './ingest-error.js';
import { forecastFromRequest, forecastRequestSchema, seriesFromRequest } from './request.js';
import { syntheticCsv } from './synthetic.js';

const engineInputSchema = forecastRequestSchema.omit({ store: true });

/** What drove the forecast: the model and its history, the level it forecasts against the history, the alerts. */
function drivers(forecast: DepartmentForecast, historyHours: number): string[] {
  const history = forecast.history.map((h) => h.count);
  const mean = history.length > 0 ? history.reduce((a, b) => a + b, 0) / history.length : undefined;
  const forecastMean = forecast.hours.reduce((sum, h) => sum + h.mean, 0) / forecast.hours.length;
  return [
    `model ${forecast.model} fitted on ${historyHours} hours of history before ${forecast.origin} (${forecast.timeZone})`,
    ...(mean !== undefined
      ? [
          `forecast mean ${forecastMean.toFixed(1)} arrivals/h against ${mean.toFixed(1)}/h over the last ${history.length} observed hours`,
        ]
      : []),
    ...forecast.staffing.map(
      (plan) =>
        `${plan.resource}: staffing from the forecast quantiles (Erlang C), ${plan.hours.length} hours`,
    ),
    ...forecast.alerts.map((alert) => alert.message),
  ];
}

/**
 * The demand forecast as an `Engine`, so it is listed, versioned and run like every other engine: one department's
 * hourly arrivals in, a probabilistic forecast with staffing plans and surge alerts out. `POST /v1/forecasts` adds
 * storage per department on top of the same functions.
 */
export const forecastEngine = defineEngine({
  id: 'forecast.arrivals',
  outputKind: 'forecast',
  title: 'Hourly arrivals forecast with staffing (Erlang C) and surge alerts',
  version: '0.1.0',
  description:
    'Forecasts hourly arrivals for one department (negative-binomial count regression with Fourier, calendar and holiday terms by default; MSTL and baselines selectable) with 21 quantiles, the clinicians and imaging slots needed (Erlang C) and surge alerts against the rota.',
  source:
    'Rostami-Tabar B et al. Forecasting emergency department arrivals (2023) for the model class; Erlang AK (1917) / M/M/c queue for staffing.',
  validation: {
    status: 'validated',
    metrics: [
      {
        name: 'MASE (72 h, count-regression)',
        value: 0.729,
        dataset:
          'Iowa (UIHC) ED hourly arrivals, 91 rolling origins 2017-04-01 … 2017-09-28, refitted before each',
        evidence: 'benchmark',
        reference: 'docs/benchmarks.md',
        cell: { section: 'forecast', table: 1, row: ['count-regression'], column: 'MASE' },
        note: 'hour-of-week baseline 0.745; 95 % interval coverage 95.4 %',
      },
      {
        name: 'MASE (72 h, count-regression)',
        value: 0.739,
        dataset:
          'UK (Wales) ED hourly arrivals, 91 rolling origins 2018-03-02 … 2018-08-29, refitted before each',
        evidence: 'benchmark',
        reference: 'docs/benchmarks.md',
        cell: { section: 'forecast', table: 5, row: ['count-regression'], column: 'MASE' },
        note: 'hour-of-week baseline 0.756; 95 % interval coverage 95.3 %',
      },
    ],
  },
  inputSchema: engineInputSchema,
  // Three weeks of synthetic arrivals (src/forecast/synthetic.ts), never real data.
  exampleInput: {
    department: 'ed',
    seriesCsv: syntheticCsv('2024-01-01T00:00:00Z', 3 * 168, 7),
    horizon: 24,
  },
  compute(input) {
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
        rulesFired: drivers(forecast, first.series.counts.length),
      },
      provenance: { modelVersion: forecast.model },
    };
  },
});
