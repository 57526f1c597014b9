import { type ForecastModel, negativeBinomialForecast } from '../model.js';
import { outOfSampleDispersion, type PointForecaster } from './point-calibration.js';

/** Seasonal naive: each hour ahead repeats the same hour one season (24 h or 168 h) before the origin. */
export function seasonalNaivePoint(period: number): PointForecaster {
  return (history, horizon) => {
    const n = history.length;
    const out = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) out[h] = history[n - period + (h % period)]!;
    return out;
  };
}

/**
 * Seasonal-naive baseline (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §5.2), with a
 * negative-binomial predictive distribution whose dispersion comes from the method's own errors at earlier origins.
 */
export function seasonalNaiveModel(period: 24 | 168): ForecastModel {
  const point = seasonalNaivePoint(period);
  return {
    id: period === 24 ? 'seasonal-naive-daily' : 'seasonal-naive-weekly',
    title: period === 24 ? 'Seasonal naive (daily)' : 'Seasonal naive (weekly)',
    forecast({ history, horizon }) {
      if (history.length < period)
        throw new Error(`seasonal naive needs at least ${period} hours of history`);
      const mean = point(history, horizon).map((v) => Math.max(v, 0.05));
      return negativeBinomialForecast(mean, outOfSampleDispersion(point, history, horizon, 14, period + 1));
    },
  };
}
