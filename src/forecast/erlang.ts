/**
 * Erlang C (M/M/c) queueing formulas, as used for staffing service systems: Gans, Koole & Mandelbaum, "Telephone call
 * centers: tutorial, review, and research prospects", M&SOM 2003, §4.1; Green, Kolesar & Soares, "Improving the SIPP
 * approach for staffing service systems that have cyclic demands", Operations Research 2001 (hour-by-hour
 * stationary approximation). Rates are per hour, times in hours unless a name says otherwise.
 */

/** Erlang B blocking probability for `servers` and offered load `load` (Erlangs), by the stable recursion. */
export function erlangB(servers: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

/** Erlang C: probability an arrival waits, for `servers` and offered load `load` = λ·E[S] (1 when `load ≥ servers`). */
export function erlangC(servers: number, load: number): number {
  if (load <= 0) return 0;
  if (servers <= load) return 1;
  const b = erlangB(servers, load);
  return (servers * b) / (servers - load * (1 - b));
}

export interface QueueInput {
  /** Arrivals per hour. */
  readonly arrivalsPerHour: number;
  /** Mean service (clinician contact) time, minutes. */
  readonly meanServiceMinutes: number;
  /**
   * Coefficient of variation of service time (1 = exponential, the M/M/c case). Other values use the Allen–Cunneen
   * scaling of the waiting time by (1 + CV²)/2, an approximation for M/G/c (Allen, Probability, Statistics and
   * Queueing Theory, 2nd ed., 1990, §6.4).
   */
  readonly serviceCv?: number;
}

/** P(wait ≤ `targetMinutes`) with `servers`: `1 − C·exp(−(cμ − λ)·t)` (M/M/c), adjusted for service-time CV. */
export function probabilityWaitWithin(servers: number, input: QueueInput, targetMinutes: number): number {
  const lambda = input.arrivalsPerHour;
  if (lambda <= 0) return 1;
  const mu = 60 / input.meanServiceMinutes;
  const load = lambda / mu;
  if (servers <= load) return 0;
  const c = erlangC(servers, load);
  const cv = input.serviceCv ?? 1;
  const rate = ((servers * mu - lambda) * 2) / (1 + cv * cv);
  return 1 - c * Math.exp(-rate * (targetMinutes / 60));
}

/** Mean wait in queue, minutes: `C / (cμ − λ)` (M/M/c), × (1 + CV²)/2 for other service times. */
export function meanWaitMinutes(servers: number, input: QueueInput): number {
  const lambda = input.arrivalsPerHour;
  if (lambda <= 0) return 0;
  const mu = 60 / input.meanServiceMinutes;
  if (servers * mu <= lambda) return Number.POSITIVE_INFINITY;
  const cv = input.serviceCv ?? 1;
  return ((erlangC(servers, lambda / mu) / (servers * mu - lambda)) * 60 * (1 + cv * cv)) / 2;
}

/**
 * The fewest servers such that at least `serviceLevel` of arrivals wait no more than `targetMinutes` (e.g. 80 % seen
 * within 30 minutes), and never fewer than `minimum`.
 */
export function serversNeeded(
  input: QueueInput,
  targetMinutes: number,
  serviceLevel: number,
  minimum = 1,
): number {
  const load = (input.arrivalsPerHour * input.meanServiceMinutes) / 60;
  let c = Math.max(minimum, Math.floor(load) + 1);
  while (probabilityWaitWithin(c, input, targetMinutes) < serviceLevel && c < 10_000) c++;
  return c;
}
