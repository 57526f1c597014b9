/** One training state, already encoded: weight rows set, structure penalties, label and soft differential target. */
export interface EncodedExample {
  readonly rows: readonly number[];
  /** Conditions penalised by the structure prior, with multiplicity (one entry per unlinked reported finding). */
  readonly penalised: readonly number[];
  readonly label: number;
  /** Ground-truth differential over conditions (sums to 1), for the differential head. */
  readonly target?: Float64Array;
}

/** A softmax-regression head over weight rows: bias[C], weights[rows × C]. */
export interface SoftmaxHead {
  readonly bias: Float64Array;
  readonly weights: Float64Array;
}

/**
 * One pass of stochastic gradient descent on the cross-entropy of a softmax head (sparse rows: only the rows an
 * example sets are read and updated), with L2 weight decay applied every `decayEvery` examples. `soft` trains on the
 * example's `target` distribution instead of its label. `penalty` is the fixed structure-prior term.
 * Returns the mean loss.
 */
export function sgdPass(
  head: SoftmaxHead,
  examples: readonly EncodedExample[],
  options: { learningRate: number; l2: number; penalty: number; soft: boolean; decayEvery?: number },
): number {
  const C = head.bias.length;
  const { learningRate: lr, l2, penalty, soft } = options;
  const decayEvery = options.decayEvery ?? 64;
  const logits = new Float64Array(C);
  let loss = 0;
  let sinceDecay = 0;
  for (const example of examples) {
    logits.set(head.bias);
    for (const row of example.rows) {
      const base = row * C;
      for (let c = 0; c < C; c++) logits[c]! += head.weights[base + c]!;
    }
    if (!soft) for (const c of example.penalised) logits[c]! -= penalty;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < C; c++) max = Math.max(max, logits[c]!);
    let sum = 0;
    for (let c = 0; c < C; c++) {
      logits[c] = Math.exp(logits[c]! - max);
      sum += logits[c]!;
    }
    // logits now holds p·sum; turn into the gradient p − y.
    for (let c = 0; c < C; c++) logits[c]! /= sum;
    if (soft) {
      const target = example.target!;
      for (let c = 0; c < C; c++) {
        if (target[c]! > 0) loss -= target[c]! * Math.log(Math.max(logits[c]!, 1e-12));
        logits[c]! -= target[c]!;
      }
    } else {
      loss -= Math.log(Math.max(logits[example.label]!, 1e-12));
      logits[example.label]! -= 1;
    }
    for (let c = 0; c < C; c++) head.bias[c]! -= lr * logits[c]!;
    for (const row of example.rows) {
      const base = row * C;
      for (let c = 0; c < C; c++) head.weights[base + c]! -= lr * logits[c]!;
    }
    if (++sinceDecay === decayEvery) {
      const factor = 1 - lr * l2 * decayEvery;
      for (let i = 0; i < head.weights.length; i++) head.weights[i]! *= factor;
      sinceDecay = 0;
    }
  }
  return examples.length ? loss / examples.length : 0;
}
