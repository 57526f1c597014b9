/** Shared pieces of the pre-test-window tuning scripts (`r3-score.ts`, `r4-score.ts`). */

/** E|Y − point| for Y ~ Poisson(mu) (point = mu: the mean absolute deviation). */
export function poissonMad(mu: number, point = mu): number {
  let p = Math.exp(-mu);
  let s = 0;
  for (let k = 0; k < 400; k++) {
    s += p * Math.abs(k - point);
    p *= mu / (k + 1);
    if (k > mu && p < 1e-13) break;
  }
  return s;
}

/** Mean over origins and hours ahead of `value(row, h) / row.scale` (MASE when `value` is an absolute error). */
export function scaledMean<R extends { readonly scale: number }>(
  rows: readonly R[],
  horizon: number,
  value: (row: R, h: number) => number,
): number {
  let s = 0;
  let c = 0;
  for (const r of rows)
    for (let h = 0; h < horizon; h++) {
      s += value(r, h) / r.scale;
      c++;
    }
  return s / c;
}
