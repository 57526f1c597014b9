/**
 * Platt scaling (Platt 1999; Niculescu-Mizil & Caruana, ICML 2005): p = σ(a·z + b) fitted to held-out logits `z` by
 * Newton's method on the log-loss, with Platt's smoothed targets (N₊+1)/(N₊+2) and 1/(N₋+2) against over-fitting.
 * Temperature scaling (Guo et al., ICML 2017) is the special case b = 0, a = 1/T.
 */
export interface PlattScaling {
  readonly method: 'platt';
  readonly a: number;
  readonly b: number;
}

export function fitPlatt(logits: ArrayLike<number>, labels: ArrayLike<number>): PlattScaling {
  const n = logits.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] === 1 ? 1 : 0;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (n - positives + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < n; i++) {
      const z = logits[i] as number;
      const t = labels[i] === 1 ? hi : lo;
      const p = 1 / (1 + Math.exp(-(a * z + b)));
      const w = p * (1 - p);
      ga += (p - t) * z;
      gb += p - t;
      haa += w * z * z;
      hab += w * z;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { method: 'platt', a, b };
}

/** Calibrated probability of label 1 for one logit. */
export function applyPlatt(scaling: PlattScaling, logit: number): number {
  return 1 / (1 + Math.exp(-(scaling.a * logit + scaling.b)));
}
