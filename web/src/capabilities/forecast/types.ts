import type { DepartmentForecast } from '../../../../src/forecast/department-forecast.js';

/** A stored forecast as `GET /v1/forecasts/{id}` returns it. */
export type StoredForecast = DepartmentForecast & { readonly id: string };

/** One row of `GET /v1/forecasts`. */
export interface ForecastSummary {
  readonly id: string;
  readonly department: string;
  readonly model: string;
  readonly generatedAt: string;
  readonly origin: string;
  readonly horizon: number;
  readonly alerts: number;
}
