import type { HourCalendar } from './calendar.js';
import type { CovariateMatrix } from './covariates.js';
import { negativeBinomialQuantiles } from './negative-binomial.js';

/** Quantile levels every model returns: 0.025, 0.05, 0.10 … 0.95, 0.975 (the 95 % interval needs the outer two). */
export const QUANTILE_LEVELS: readonly number[] = [
  0.025,
  ...Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100),
  0.975,
];

/** The levels mean pinball loss is averaged over: 0.05 … 0.95 in steps of 0.05 (as Rostami-Tabar et al. 2023). */
export const PINBALL_LEVELS: readonly number[] = QUANTILE_LEVELS.filter((q) => q >= 0.05 && q <= 0.95);

/** Index of a level in `QUANTILE_LEVELS`. */
export function levelIndex(level: number): number {
  const i = QUANTILE_LEVELS.findIndex((q) => Math.abs(q - level) < 1e-9);
  if (i < 0) throw new Error(`quantile level ${level} is not produced`);
  return i;
}

/**
 * What a model sees at a forecast origin: only the counts before it (`history`), the calendar (known in advance) for
 * history and horizon, and covariates as they were known at each hour (see `covariates.ts`). Index 0 of `calendar`
 * and of every covariate column is the first hour of `history`.
 */
export interface ModelInput {
  readonly history: Float64Array;
  readonly startMs: number;
  readonly calendar: HourCalendar;
  readonly covariates?: CovariateMatrix;
  readonly horizon: number;
}

/** A probabilistic forecast: the mean and `QUANTILE_LEVELS` quantiles for each hour ahead. */
export interface ProbabilisticForecast {
  readonly mean: Float64Array;
  /** `quantiles[l][h]`: level `QUANTILE_LEVELS[l]`, `h` hours ahead (0 = the origin hour). */
  readonly quantiles: readonly Float64Array[];
  /** NB2 dispersion used for the quantiles, when the model uses one. */
  readonly dispersion?: number;
}

export interface ForecastModel {
  readonly id: string;
  readonly title: string;
  forecast(input: ModelInput): ProbabilisticForecast;
}

/** Quantiles from a negative-binomial predictive distribution around each mean. */
export function negativeBinomialForecast(mean: Float64Array, dispersion: number): ProbabilisticForecast {
  const quantiles = QUANTILE_LEVELS.map(() => new Float64Array(mean.length));
  for (let h = 0; h < mean.length; h++) {
    const q = negativeBinomialQuantiles(mean[h]!, dispersion, QUANTILE_LEVELS);
    for (let l = 0; l < q.length; l++) quantiles[l]![h] = q[l]!;
  }
  return { mean, quantiles, dispersion };
}
