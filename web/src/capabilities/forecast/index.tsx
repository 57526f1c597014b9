import type { WebCapability } from '../types.js';
import { ForecastPage } from './ForecastPage.js';
import './forecast.css';

/** Forecast: the operations page (hourly arrivals forecast, staffing table and surge alerts). */
export const forecastWeb: WebCapability = {
  id: 'forecast',
  pages: [{ path: '/forecast', title: 'Operations', component: ForecastPage }],
};
