/**
 * Vision-specific metrics. ROC AUC, accuracy and bootstrap intervals are the shared ones in `src/ml/metrics.ts`.
 */

/** Sensitivity and specificity of `probability ≥ threshold` for label 1, and the likelihood ratios they imply. */
export function operatingPoint(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold = 0.5,
): {
  sensitivity: number;
  specificity: number;
  positiveLikelihoodRatio: number;
  negativeLikelihoodRatio: number;
} {
  let tp = 0;
  let fn = 0;
  let tn = 0;
  let fp = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const predicted = (probabilities[i] as number) >= threshold;
    if (labels[i] === 1) predicted ? tp++ : fn++;
    else predicted ? fp++ : tn++;
  }
  const sensitivity = tp / Math.max(1, tp + fn);
  const specificity = tn / Math.max(1, tn + fp);
  return {
    sensitivity,
    specificity,
    positiveLikelihoodRatio: sensitivity / Math.max(1e-6, 1 - specificity),
    negativeLikelihoodRatio: (1 - sensitivity) / Math.max(1e-6, specificity),
  };
}
