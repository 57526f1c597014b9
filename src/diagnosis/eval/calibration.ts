/**
 * Expected calibration error and the reliability table (Guo et al. 2017, "On Calibration of Modern Neural
 * Networks", ICML, §2; Naeini et al. 2015): predictions are binned by their top-1 confidence into equal-width bins;
 * ECE = Σ_b (n_b / n) · |accuracy_b − confidence_b|.
 */
export interface ReliabilityBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Mean top-1 confidence in the bin. */
  readonly confidence: number;
  /** Share of the bin whose top-1 prediction was right. */
  readonly accuracy: number;
}

export function reliability(
  predictions: readonly { readonly confidence: number; readonly correct: boolean }[],
  bins = 10,
): { ece: number; bins: ReliabilityBin[] } {
  const sums = Array.from({ length: bins }, () => ({ count: 0, confidence: 0, correct: 0 }));
  for (const { confidence, correct } of predictions) {
    const b = Math.min(bins - 1, Math.floor(confidence * bins));
    sums[b]!.count++;
    sums[b]!.confidence += confidence;
    sums[b]!.correct += correct ? 1 : 0;
  }
  const n = predictions.length;
  let ece = 0;
  const table = sums.map((s, b) => {
    const confidence = s.count ? s.confidence / s.count : 0;
    const accuracy = s.count ? s.correct / s.count : 0;
    if (n) ece += (s.count / n) * Math.abs(accuracy - confidence);
    return { lower: b / bins, upper: (b + 1) / bins, count: s.count, confidence, accuracy };
  });
  return { ece, bins: table };
}
