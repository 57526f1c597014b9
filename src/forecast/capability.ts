import type { Capability } from '../app/capability.js';
import { registerForecastCommands } from './commands.js';
import { forecastEngine } from './engine.js';
import { registerForecastRoutes } from './routes.js';

/**
 * Forecast: 72-hour probabilistic forecasts of hourly arrivals per department (negative-binomial count regression
 * with calendar, holiday and covariate effects; MSTL; baselines), Erlang C staffing for clinicians and imaging with
 * uncertainty carried through, and surge alerts. See docs/forecast.md.
 */
export const forecastCapability: Capability = {
  id: 'forecast',
  title: 'Forecast',
  engines: [forecastEngine],
  registerRoutes: registerForecastRoutes,
  registerCommands: registerForecastCommands,
};
