import { levelIndex, PINBALL_LEVELS, type ProbabilisticForecast, QUANTILE_LEVELS } from './model.js';

/** Pinball (quantile) loss of quantile `q` at level `tau` for observation `y` (Koenker & Bassett 1978). */
export function pinball(y: number, q: number, tau: number): number {
  return y >= q ? tau * (y - q) : (1 - tau) * (q - y);
}

/** Accumulates forecast errors over origins and hours ahead. */
export class ErrorAccumulator {
  count = 0;
  absError = 0;
  squaredError = 0;
  pinballSum = 0;
  covered80 = 0;
  covered95 = 0;
  /** Σ |error| / scale over hours with a scale, for MASE. */
  private scaledSum = 0;
  private scaledCount = 0;
  private readonly pinballIdx = PINBALL_LEVELS.map(levelIndex);
  private readonly lo80 = levelIndex(0.1);
  private readonly hi80 = levelIndex(0.9);
  private readonly lo95 = levelIndex(0.025);
  private readonly hi95 = levelIndex(0.975);

  /**
   * Adds hour `h` of a forecast against the observation `y`; `scale` is the origin's in-sample weekly seasonal-naive
   * MAE (MASE over hours equals the mean over origins of MAE / scale when every origin has the same horizon).
   */
  addHour(forecast: ProbabilisticForecast, h: number, y: number, scale = Number.NaN): void {
    const e = y - forecast.mean[h]!;
    if (scale > 0) {
      this.scaledSum += Math.abs(e) / scale;
      this.scaledCount++;
    }
    this.count++;
    this.absError += Math.abs(e);
    this.squaredError += e * e;
    let p = 0;
    for (const l of this.pinballIdx) p += pinball(y, forecast.quantiles[l]![h]!, QUANTILE_LEVELS[l]!);
    this.pinballSum += p / this.pinballIdx.length;
    const q = forecast.quantiles;
    if (y >= q[this.lo80]![h]! && y <= q[this.hi80]![h]!) this.covered80++;
    if (y >= q[this.lo95]![h]! && y <= q[this.hi95]![h]!) this.covered95++;
  }

  summary(): ForecastScores {
    const n = Math.max(this.count, 1);
    return {
      hours: this.count,
      mase: this.scaledCount > 0 ? this.scaledSum / this.scaledCount : Number.NaN,
      rmse: Math.sqrt(this.squaredError / n),
      mae: this.absError / n,
      pinball: this.pinballSum / n,
      coverage80: this.covered80 / n,
      coverage95: this.covered95 / n,
    };
  }
}

export interface ForecastScores {
  readonly hours: number;
  /** Mean over origins of MAE / in-sample weekly seasonal-naive MAE (Hyndman & Koehler, IJF 2006). */
  readonly mase: number;
  readonly rmse: number;
  readonly mae: number;
  /** Mean pinball loss over levels 0.05…0.95 and all hours. */
  readonly pinball: number;
  readonly coverage80: number;
  readonly coverage95: number;
}

/**
 * In-sample MAE of the weekly seasonal naive (`|y_t − y_{t−168}|`) over the history before each origin, from a prefix
 * sum so every origin costs O(1).
 */
export function weeklyNaiveScaleLookup(counts: Float64Array): (origin: number) => number {
  const prefix = new Float64Array(counts.length + 1);
  for (let t = 0; t < counts.length; t++) {
    prefix[t + 1] = prefix[t]! + (t >= 168 ? Math.abs(counts[t]! - counts[t - 168]!) : 0);
  }
  return (origin) => (origin > 168 ? (prefix[origin]! - prefix[168]!) / (origin - 168) : Number.NaN);
}
