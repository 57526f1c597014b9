import { HealthGptError } from '../engine/errors.js';
import { normalFrom } from '../ml/random.js';

/**
 * Discrete-event simulation of an emergency department's wait to be seen: patients arrive (times within each hour
 * from real hourly counts, or a Poisson process), queue first come first served in one line, and are seen by the
 * clinicians on the rota for that hour (servers). A clinician whose hour ends while busy finishes the patient in hand
 * (non-pre-emptive), then takes no one new until the number busy is below the new staff level. This is the M/G/c
 * queue with hour-varying c of Green, Soares, Giglio & Green, "Using queueing theory to increase the effectiveness of
 * emergency department provider staffing", Academic Emergency Medicine 13(1), 2006 — there analysed with the
 * stationary Erlang-C approximation per hour, here simulated event by event, so the carry-over of queues from one
 * hour to the next (which the hour-by-hour formula ignores) is counted.
 */

/** A service-time (clinician time per patient) distribution, minutes. */
export type ServiceDistribution =
  | { readonly kind: 'lognormal'; readonly meanMinutes: number; readonly cv: number }
  | { readonly kind: 'exponential'; readonly meanMinutes: number }
  | { readonly kind: 'deterministic'; readonly meanMinutes: number };

/**
 * Default clinician time per patient: lognormal, mean 20 min, coefficient of variation 1. The mean and CV are the
 * project's existing Erlang-C staffing assumption for ED clinicians (`DEFAULT_POLICIES` in src/forecast/staffing.ts),
 * so the simulated and the formula-based plans describe the same department; the lognormal shape is the usual choice
 * for positive, right-skewed task durations. These are assumptions to replace with a department's own measured
 * contact times (`--service-mean`, `--service-cv`), not values measured here.
 */
export const DEFAULT_SERVICE: ServiceDistribution = { kind: 'lognormal', meanMinutes: 20, cv: 1 };

/** Draws service times (minutes) from `dist` using `random` (uniform [0, 1)). */
export function serviceSampler(dist: ServiceDistribution, random: () => number): () => number {
  if (!(dist.meanMinutes > 0)) throw HealthGptError.invalid('service mean must be > 0 minutes');
  switch (dist.kind) {
    case 'deterministic':
      return () => dist.meanMinutes;
    case 'exponential':
      return () => -Math.log(1 - random()) * dist.meanMinutes;
    case 'lognormal': {
      if (!(dist.cv > 0)) throw HealthGptError.invalid('service CV must be > 0');
      // mean m, CV v: σ² = ln(1 + v²), μ = ln m − σ²/2.
      const s2 = Math.log(1 + dist.cv * dist.cv);
      const sigma = Math.sqrt(s2);
      const mu = Math.log(dist.meanMinutes) - s2 / 2;
      return () => Math.exp(mu + sigma * normalFrom(random));
    }
  }
}

/** Coefficient of variation of a service distribution. */
export function serviceCv(dist: ServiceDistribution): number {
  return dist.kind === 'lognormal' ? dist.cv : dist.kind === 'exponential' ? 1 : 0;
}

/**
 * Arrival times (minutes from the start of hour 0) for observed hourly counts: each hour's arrivals placed
 * independently and uniformly within the hour, which is exactly a Poisson process conditioned on the hour's count.
 */
export function arrivalsFromCounts(counts: ArrayLike<number>, random: () => number): Float64Array {
  let total = 0;
  for (let h = 0; h < counts.length; h++) {
    const n = counts[h]!;
    if (!(n >= 0) || !Number.isFinite(n))
      throw HealthGptError.invalid(`hour ${h}: arrival count must be ≥ 0 (got ${n})`);
    total += Math.round(n);
  }
  const out = new Float64Array(total);
  let k = 0;
  for (let h = 0; h < counts.length; h++) {
    const n = Math.round(counts[h]!);
    const start = k;
    for (let i = 0; i < n; i++) out[k++] = 60 * (h + random());
    out.subarray(start, k).sort();
  }
  return out;
}

/** Arrival times (minutes) of a Poisson process with rate `ratesPerHour[h]` in hour h (piecewise constant). */
export function poissonArrivals(ratesPerHour: ArrayLike<number>, random: () => number): Float64Array {
  const out: number[] = [];
  for (let h = 0; h < ratesPerHour.length; h++) {
    const rate = ratesPerHour[h]! / 60;
    if (rate <= 0) continue;
    let t = 60 * h - Math.log(1 - random()) / rate;
    while (t < 60 * (h + 1)) {
      out.push(t);
      t += -Math.log(1 - random()) / rate;
    }
  }
  return Float64Array.from(out);
}

/** A binary min-heap of numbers (clinicians' finish times). */
class MinHeap {
  private readonly a: number[] = [];
  get size(): number {
    return this.a.length;
  }
  peek(): number {
    return this.a[0]!;
  }
  push(v: number): void {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= v) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = v;
  }
  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r]! < a[l]! ? r : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

export interface QueueSimulationInput {
  /** Arrival times, minutes from the start of hour 0, non-decreasing. */
  readonly arrivals: Float64Array;
  /** Service time of each arrival, minutes (same length). */
  readonly service: Float64Array;
  /** Clinicians on duty in hour h; after the last hour the last value holds, so every queue drains. */
  readonly staff: ArrayLike<number>;
}

/**
 * FCFS multi-server queue with hour-varying servers. Returns each patient's wait (minutes) from arrival to the start
 * of service. Start times are non-decreasing under FCFS, so one pass with a heap of finish times is exact.
 */
export function simulateQueue(input: QueueSimulationInput): Float64Array {
  const { arrivals, service, staff } = input;
  if (arrivals.length !== service.length)
    throw HealthGptError.invalid('arrivals and service times differ in length');
  const hours = staff.length;
  if (hours === 0) throw HealthGptError.invalid('the rota has no hours');
  for (let h = 0; h < hours; h++) {
    const c = staff[h]!;
    if (!Number.isInteger(c) || c < 0)
      throw HealthGptError.invalid(`rota hour ${h}: staff must be a whole number ≥ 0 (got ${c})`);
  }
  if (staff[hours - 1]! < 1) throw HealthGptError.invalid('the rota must end with at least one clinician');
  const staffAt = (t: number) => staff[Math.min(Math.max(Math.floor(t / 60), 0), hours - 1)]!;
  const busy = new MinHeap();
  const waits = new Float64Array(arrivals.length);
  let t = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < arrivals.length; i++) {
    t = Math.max(t, arrivals[i]!);
    for (;;) {
      while (busy.size > 0 && busy.peek() <= t) busy.pop();
      if (busy.size < staffAt(t)) break;
      // Wait for the next finish or the next hour boundary (staff may rise), whichever comes first.
      const nextHour =
        Math.floor(t / 60) + 1 < hours ? 60 * (Math.floor(t / 60) + 1) : Number.POSITIVE_INFINITY;
      const nextFinish = busy.size > 0 ? busy.peek() : Number.POSITIVE_INFINITY;
      t = Math.min(nextHour, nextFinish);
    }
    waits[i] = t - arrivals[i]!;
    busy.push(t + service[i]!);
  }
  return waits;
}

export interface WaitSummary {
  readonly patients: number;
  readonly meanWaitMin: number;
  readonly p90WaitMin: number;
  /** Share of patients waiting more than 4 hours to be seen. */
  readonly shareOver4h: number;
}

/** Mean, 90th percentile (nearest rank) and share over 240 minutes of a set of waits. */
export function summarizeWaits(waits: Float64Array): WaitSummary {
  const n = waits.length;
  if (n === 0) return { patients: 0, meanWaitMin: 0, p90WaitMin: 0, shareOver4h: 0 };
  let sum = 0;
  let over = 0;
  for (const w of waits) {
    sum += w;
    if (w > 240) over++;
  }
  const sorted = Float64Array.from(waits).sort();
  const p90 = sorted[Math.min(n - 1, Math.ceil(0.9 * n) - 1)]!;
  return { patients: n, meanWaitMin: sum / n, p90WaitMin: p90, shareOver4h: over / n };
}

/**
 * Acuity classes: like `simulateQueue`, but a free clinician takes the waiting patient of the most urgent class
 * (`acuity[i]`, 0 = most urgent), first come first served within a class; no pre-emption of a patient in service.
 * With one class it gives exactly the FCFS waits.
 */
export function simulatePriorityQueue(
  input: QueueSimulationInput & { readonly acuity: Uint8Array },
): Float64Array {
  const { arrivals, service, staff, acuity } = input;
  if (arrivals.length !== service.length || arrivals.length !== acuity.length)
    throw HealthGptError.invalid('arrivals, service times and acuity differ in length');
  const hours = staff.length;
  if (hours === 0) throw HealthGptError.invalid('the rota has no hours');
  for (let h = 0; h < hours; h++) {
    const c = staff[h]!;
    if (!Number.isInteger(c) || c < 0)
      throw HealthGptError.invalid(`rota hour ${h}: staff must be a whole number ≥ 0 (got ${c})`);
  }
  if (staff[hours - 1]! < 1) throw HealthGptError.invalid('the rota must end with at least one clinician');
  const staffAt = (t: number) => staff[Math.min(Math.max(Math.floor(t / 60), 0), hours - 1)]!;
  let classes = 0;
  for (const a of acuity) classes = Math.max(classes, a + 1);
  const queues: number[][] = Array.from({ length: classes }, () => []);
  const heads = new Array<number>(classes).fill(0);
  let waiting = 0;
  const busy = new MinHeap();
  const waits = new Float64Array(arrivals.length);
  let next = 0;
  let t = arrivals.length > 0 ? arrivals[0]! : 0;
  while (next < arrivals.length || waiting > 0) {
    while (busy.size > 0 && busy.peek() <= t) busy.pop();
    while (next < arrivals.length && arrivals[next]! <= t) {
      queues[acuity[next]!]!.push(next);
      waiting++;
      next++;
    }
    const capacity = staffAt(t);
    while (waiting > 0 && busy.size < capacity) {
      let k = 0;
      while (heads[k]! >= queues[k]!.length) k++;
      const i = queues[k]![heads[k]!]!;
      heads[k]!++;
      waiting--;
      waits[i] = t - arrivals[i]!;
      busy.push(t + service[i]!);
    }
    // Next event: an arrival, a finish (only matters with someone waiting), or an hour boundary (staff may rise).
    const hour = Math.floor(t / 60) + 1;
    const candidates = [
      next < arrivals.length ? arrivals[next]! : Number.POSITIVE_INFINITY,
      waiting > 0 && busy.size > 0 ? busy.peek() : Number.POSITIVE_INFINITY,
      waiting > 0 && hour < hours ? 60 * hour : Number.POSITIVE_INFINITY,
    ];
    const nextT = Math.min(...candidates);
    if (!Number.isFinite(nextT)) break;
    t = Math.max(t, nextT);
  }
  return waits;
}
