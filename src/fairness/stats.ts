/**
 * The statistics of the subgroup audit: a one-sided Fisher exact test of "this group is right less often than the
 * rest" (Fisher 1922; the hypergeometric lower tail), and Holm's step-down correction for testing many groups at
 * once (Holm 1979, "A simple sequentially rejective multiple test procedure", Scand J Stat 6:65–70), which controls
 * the family-wise error rate without assuming the tests are independent (the sex, age-band and sex × age-band groups
 * overlap).
 */

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let k = logFactorials.length; k <= n; k++) logFactorials.push(logFactorials[k - 1]! + Math.log(k));
  return logFactorials[n]!;
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * One-sided Fisher exact test for a 2 × 2 table: `groupHits` of `groupN` right in the group, `restHits` of `restN`
 * in the rest. Returns P(X ≤ groupHits) with X hypergeometric (the group's hits when the total hits are spread at
 * random over both): small when the group is right significantly less often than the rest. 1 when either part is
 * empty.
 */
export function fisherLowerTail(groupHits: number, groupN: number, restHits: number, restN: number): number {
  if (groupN <= 0 || restN <= 0) return 1;
  const total = groupN + restN;
  const hits = groupHits + restHits;
  const low = Math.max(0, hits - restN);
  const denominator = logChoose(total, groupN);
  let p = 0;
  for (let x = low; x <= groupHits; x++) {
    p += Math.exp(logChoose(hits, x) + logChoose(total - hits, groupN - x) - denominator);
  }
  return Math.min(1, p);
}

/** Holm-adjusted p-values (same order as given): p_(i) · (m − i + 1), made monotone, capped at 1. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, p * (m - rank)));
    adjusted[i] = running;
  });
  return adjusted;
}
