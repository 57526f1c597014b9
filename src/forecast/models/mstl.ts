import { MSTL } from '@bsull/augurs/mstl';
import { type ForecastModel, negativeBinomialForecast } from '../model.js';
import { estimateDispersion } from '../negative-binomial.js';
import { ensureAugurs } from './augurs-wasm.js';

export interface MstlOptions {
  /** Training window in weeks (default 8: MSTL cost grows with length). */
  readonly windowWeeks?: number;
  readonly periods?: readonly number[];
}

/**
 * MSTL (Bandara, Hyndman & Bergmeir, "MSTL: A Seasonal-Trend Decomposition Algorithm for Time Series with Multiple
 * Seasonal Patterns", 2021, arXiv:2107.13462) with daily and weekly periods and an AutoETS trend, from
 * `@bsull/augurs` (Rust, WebAssembly). Counts are square-root transformed to stabilise their variance; the
 * predictive distribution is negative binomial with dispersion from the in-sample one-step residuals.
 */
export function mstlModel(options: MstlOptions = {}): ForecastModel {
  const weeks = options.windowWeeks ?? 8;
  const periods = options.periods ?? [24, 168];
  return {
    id: 'mstl-ets',
    title: `MSTL (24 h, 168 h) + AutoETS trend, augurs (${weeks} weeks)`,
    forecast({ history, horizon }) {
      ensureAugurs();
      const n = history.length;
      const maxPeriod = Math.max(...periods);
      if (n < 2 * maxPeriod) throw new Error(`MSTL needs at least ${2 * maxPeriod} hours of history`);
      const train = history.subarray(Math.max(0, n - weeks * 168));
      const model = MSTL.ets([...periods]);
      try {
        model.fit(Float64Array.from(train, Math.sqrt));
        const point = model.predict(horizon).point;
        const inSample = model.predictInSample().point;
        const mean = Float64Array.from(point, (v) => Math.max(v, 0) ** 2 + 0.05);
        const tail = Math.max(0, train.length - 4 * 168);
        const fitted = Float64Array.from(inSample.slice(tail), (v) => Math.max(v, 0) ** 2 + 0.05);
        // In-sample residuals understate out-of-sample error; the dispersion is doubled (a fixed, documented factor).
        const alpha = 2 * estimateDispersion(train.subarray(tail), fitted);
        return negativeBinomialForecast(mean, alpha);
      } finally {
        model.free();
      }
    },
  };
}
