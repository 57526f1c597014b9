/**
 * Discrimination metrics for the risk benchmark: ROC AUC and a seeded percentile bootstrap of it, optionally
 * resampling clusters (e.g. CT series) rather than single nodules. Both are the shared ones in `src/ml/`; this file
 * keeps the risk benchmark's defaults (2000 resamples, seed 20240601).
 */
import { bootstrapDistribution, quantile, rocAuc } from '../ml/metrics.js';

export { rocAuc };

export interface BootstrapInterval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly resamples: number;
}

/**
 * Percentile bootstrap 95 % interval of the AUC. With `clusters`, whole clusters are resampled (nodules of one CT
 * series are not independent); resamples with a single class are skipped.
 */
export function bootstrapAuc(
  scores: readonly number[],
  labels: readonly (0 | 1)[],
  options: {
    readonly resamples?: number;
    readonly seed?: number;
    readonly clusters?: readonly string[];
  } = {},
): BootstrapInterval {
  const distribution = bootstrapDistribution(rocAuc, scores, labels, {
    resamples: options.resamples ?? 2000,
    seed: options.seed ?? 20240601,
    ...(options.clusters ? { clusters: options.clusters } : {}),
  });
  return {
    estimate: rocAuc(scores, labels),
    low: quantile(distribution, 0.025),
    high: quantile(distribution, 0.975),
    resamples: distribution.length,
  };
}
