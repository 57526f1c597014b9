import { type ForecastModel, negativeBinomialForecast } from '../model.js';
import { outOfSampleDispersion, type PointForecaster } from './point-calibration.js';

/**
 * The hour-of-week mean over the last `weeks` weeks, scaled by the last week's level (its total over the mean weekly
 * total of those weeks): the operational baseline named in the issue.
 */
export function hourOfWeekPoint(weeks = 26): PointForecaster {
  return (history, horizon) => {
    const n = history.length;
    const usable = Math.min(weeks, Math.floor(n / 168));
    const profile = new Float64Array(168);
    let total = 0;
    for (let w = 0; w < usable; w++) {
      for (let s = 0; s < 168; s++) profile[s]! += history[n - (w + 1) * 168 + s]!;
    }
    for (let s = 0; s < 168; s++) {
      total += profile[s]!;
      profile[s]! /= usable;
    }
    let lastWeek = 0;
    for (let s = 0; s < 168; s++) lastWeek += history[n - 168 + s]!;
    const meanWeek = total / usable;
    const scale = meanWeek > 0 ? lastWeek / meanWeek : 1;
    const out = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) out[h] = profile[h % 168]! * scale;
    return out;
  };
}

export function hourOfWeekModel(weeks = 26): ForecastModel {
  const point = hourOfWeekPoint(weeks);
  return {
    id: 'hour-of-week',
    title: `Hour-of-week mean (${weeks} weeks) × last-week level`,
    forecast({ history, horizon }) {
      if (history.length < 336)
        throw new Error('the hour-of-week baseline needs at least 2 weeks of history');
      const mean = point(history, horizon).map((v) => Math.max(v, 0.05));
      return negativeBinomialForecast(mean, outOfSampleDispersion(point, history, horizon, 14, 336));
    },
  };
}
