/**
 * Expected calibration error and the reliability table (Naeini et al., AAAI 2015; Guo et al. 2017, "On Calibration
 * of Modern Neural Networks", ICML, §2): predictions are binned by their confidence into `bins` equal-width bins;
 * ECE = Σ_b (n_b / n) · |observed_b − confidence_b|. For a binary classifier the confidence is P(label 1) and the
 * outcome the label; for a multi-class model, the top-1 confidence and whether the top-1 class was right.
 */
export interface ReliabilityBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Mean confidence in the bin (0 when empty). */
  readonly confidence: number;
  /** Share of the bin whose outcome was 1 (0 when empty). */
  readonly accuracy: number;
}

/** ECE and the reliability table of `confidences` (in [0, 1]) against 0/1 `outcomes`. */
export function reliability(
  confidences: ArrayLike<number>,
  outcomes: ArrayLike<number>,
  bins = 10,
): { ece: number; bins: ReliabilityBin[] } {
  if (confidences.length !== outcomes.length) throw new Error('confidences and outcomes differ in length');
  const count = new Array<number>(bins).fill(0);
  const confidence = new Array<number>(bins).fill(0);
  const observed = new Array<number>(bins).fill(0);
  for (let i = 0; i < confidences.length; i++) {
    const p = confidences[i] as number;
    const k = Math.min(bins - 1, Math.floor(p * bins));
    count[k]!++;
    confidence[k]! += p;
    observed[k]! += outcomes[i] === 1 ? 1 : 0;
  }
  let gap = 0;
  const table = count.map((c, k) => {
    if (c > 0) gap += Math.abs(confidence[k]! - observed[k]!);
    return {
      lower: k / bins,
      upper: (k + 1) / bins,
      count: c,
      confidence: c ? confidence[k]! / c : 0,
      accuracy: c ? observed[k]! / c : 0,
    };
  });
  return { ece: gap / Math.max(1, confidences.length), bins: table };
}

/** Expected calibration error of binary probabilities against 0/1 labels, `bins` equal-width bins. */
export function expectedCalibrationError(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): number {
  return reliability(probabilities, labels, bins).ece;
}
