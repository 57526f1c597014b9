import { estimateDispersion } from '../negative-binomial.js';

/** A point forecaster from history alone (cheap enough to rerun at a few earlier origins). */
export type PointForecaster = (history: Float64Array, horizon: number) => Float64Array;

/**
 * NB2 dispersion of a point forecaster's own out-of-sample errors: it is rerun at `origins` earlier origins one day
 * apart (each seeing only the history before it), forecasting `horizon` hours, and the dispersion is estimated from
 * those errors. The uncertainty then reflects how the method really errs, not an in-sample fit.
 */
export function outOfSampleDispersion(
  forecaster: PointForecaster,
  history: Float64Array,
  horizon: number,
  origins = 14,
  minHistory = 336,
): number {
  const y: number[] = [];
  const mu: number[] = [];
  for (let k = 1; k <= origins; k++) {
    const origin = history.length - horizon - (k - 1) * 24;
    if (origin < minHistory) break;
    const forecast = forecaster(history.subarray(0, origin), horizon);
    for (let h = 0; h < horizon; h++) {
      y.push(history[origin + h]!);
      mu.push(Math.max(forecast[h]!, 0.05));
    }
  }
  return y.length > 0 ? estimateDispersion(y, mu) : 0;
}
