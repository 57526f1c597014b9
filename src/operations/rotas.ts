import { HealthGptError } from '../engine/errors.js';
import { meanWaitMinutes, type QueueInput, serversNeeded } from '../forecast/erlang.js';

/** How clinicians are sized to demand and how they may be rostered. */
export interface SizingPolicy {
  /** Mean clinician time per patient, minutes, and its coefficient of variation (Erlang C with Allen–Cunneen). */
  readonly meanServiceMinutes: number;
  readonly serviceCv: number;
  /** Waiting target: `serviceLevel` of patients seen within `targetMinutes`. */
  readonly targetMinutes: number;
  readonly serviceLevel: number;
  /** Forecast quantile the forecast-driven rota staffs for. */
  readonly staffQuantile: number;
  /** Fewest clinicians on duty in any hour. */
  readonly minStaff: number;
  /** Every shift lasts this many hours. */
  readonly shiftHours: number;
}

/**
 * Sizing defaults: 80 % seen within 30 minutes at the 0.8 forecast quantile (the forecast module's clinician policy,
 * src/forecast/staffing.ts), at least 2 clinicians on duty, 8-hour shifts.
 */
export const DEFAULT_SIZING: SizingPolicy = {
  meanServiceMinutes: 20,
  serviceCv: 1,
  targetMinutes: 30,
  serviceLevel: 0.8,
  staffQuantile: 0.8,
  minStaff: 2,
  shiftHours: 8,
};

/** Clinicians needed each hour for the given arrival rates (Erlang C, hour by hour), never below `minStaff`. */
export function sizeHours(ratesPerHour: ArrayLike<number>, policy: SizingPolicy): number[] {
  const out: number[] = [];
  for (let h = 0; h < ratesPerHour.length; h++) {
    const queue: QueueInput = {
      arrivalsPerHour: Math.max(ratesPerHour[h]!, 0),
      meanServiceMinutes: policy.meanServiceMinutes,
      serviceCv: policy.serviceCv,
    };
    out.push(serversNeeded(queue, policy.targetMinutes, policy.serviceLevel, policy.minStaff));
  }
  return out;
}

/**
 * Covers hourly requirements with shifts of exactly `shiftHours` hours: walking forward, wherever the clinicians
 * already on shift fall short of the requirement, that many new shifts start (the fewest fixed-length shifts that
 * cover a one-dimensional requirement). `coverage` (hours on shift, indexed like `required` from `offset`) is
 * updated in place; only hours `offset … offset + commitHours − 1` may start shifts.
 */
export function coverWithShifts(
  required: ArrayLike<number>,
  shiftHours: number,
  coverage: Int32Array,
  offset = 0,
  commitHours = required.length,
): void {
  if (!Number.isInteger(shiftHours) || shiftHours < 1)
    throw HealthGptError.invalid('shift length must be a whole number of hours ≥ 1');
  const last = Math.min(commitHours, required.length);
  for (let h = 0; h < last; h++) {
    const t = offset + h;
    if (t >= coverage.length) break;
    const deficit = required[h]! - coverage[t]!;
    if (deficit <= 0) continue;
    for (let k = t; k < Math.min(t + shiftHours, coverage.length); k++) coverage[k]! += deficit;
  }
}

/**
 * Expected patient-minutes of waiting in an hour with `servers` clinicians at `rate` arrivals per hour: λ·W_q
 * (Erlang C with the Allen–Cunneen service-time scaling). An unstable hour (load ≥ servers) gets a cost far above
 * any stable one that still falls with every clinician added, so such hours are staffed first.
 */
export function hourlyWaitCost(servers: number, rate: number, policy: SizingPolicy): number {
  if (rate <= 0) return 0;
  const wait = meanWaitMinutes(servers, {
    arrivalsPerHour: rate,
    meanServiceMinutes: policy.meanServiceMinutes,
    serviceCv: policy.serviceCv,
  });
  if (Number.isFinite(wait)) return rate * wait;
  // Convex in the shortfall, so a budget too small for every hour is spread over the unstable hours.
  return 1e9 * (1 + (rate * policy.meanServiceMinutes) / 60 - servers) ** 2;
}

/**
 * A rota of `staffHours` in all over `hours` hours, built from shifts of `shiftHours` where they shorten the expected
 * wait most. Every day at 00:00 (day `d`, hours `24d …`) the planner sees `scenariosAt(d)` — one or more equally
 * likely series of the arrivals it plans for from that hour on (each at least 24 + shiftHours − 1 values, e.g. a
 * 72-hour forecast; usually one series) — and the shifts already committed. It first covers
 * `minStaff` with shifts, then keeps starting the shift (start within that day) with the largest reduction in
 * expected waiting (`hourlyWaitCost` averaged over the scenarios, summed over the shift's hours inside the period)
 * per staff-hour, while that reduction is at least a threshold θ. θ — one price of a staff-hour for the whole
 * period — is found by bisection as the smallest whose shifts fit in `staffHours`; the hours left over (θ moves in
 * steps, so up to a few dozen) are added one by one where they shorten the expected wait most, each hour judged as
 * planned at 00:00 that day. Unlike scaling a plan sized for a service level, this puts a smaller (or larger) budget
 * where the queueing formula says it helps most, so a cut falls where it costs the least expected wait.
 */
export function allocateShifts(
  scenariosAt: (day: number) => readonly ArrayLike<number>[],
  hours: number,
  staffHours: number,
  policy: SizingPolicy,
): number[] {
  return allocateShiftPlan(scenariosAt, hours, staffHours, policy).staff;
}

/** A rota with the shifts it is made of: `staff` per hour is the shifts' coverage plus single leftover hours. */
export interface ShiftPlan {
  readonly staff: number[];
  /** Start hour of every shift of `shiftHours` (repeated when several start together), ascending. */
  readonly starts: number[];
}

/** `allocateShifts`, also returning where each shift starts. */
export function allocateShiftPlan(
  scenariosAt: (day: number) => readonly ArrayLike<number>[],
  hours: number,
  staffHours: number,
  policy: SizingPolicy,
): ShiftPlan {
  const shift = policy.shiftHours;
  if (!Number.isInteger(shift) || shift < 1)
    throw HealthGptError.invalid('shift length must be a whole number of hours ≥ 1');
  const days = Math.ceil(hours / 24);
  const width = 24 + shift - 1;
  const scenarios = Array.from({ length: days }, (_, d) => {
    const list = scenariosAt(d);
    const need = Math.min(width, hours - 24 * d);
    if (list.length === 0) throw HealthGptError.invalid(`no planned arrivals for day ${d}`);
    for (const r of list)
      if (r.length < need)
        throw HealthGptError.invalid(
          `${shift}-hour shifts need ${width} hours of planned arrivals from each day; day ${d} has ${r.length}`,
        );
    return list;
  });
  // Expected cost of hour k of day d with c clinicians, memoised (the bisection rebuilds the rota many times).
  const memo = new Map<number, number>();
  const cost = (d: number, k: number, c: number) => {
    const key = (d * width + k) * 100_000 + c;
    let v = memo.get(key);
    if (v === undefined) {
      v = 0;
      const list = scenarios[d]!;
      for (const r of list) v += hourlyWaitCost(c, r[k]!, policy);
      v /= list.length;
      memo.set(key, v);
    }
    return v;
  };
  /** Shifts for threshold θ; stops early (returns undefined) once more than `staffHours` are used. */
  const build = (theta: number): { coverage: Int32Array; starts: number[] } | undefined => {
    const coverage = new Int32Array(hours + 24 + shift);
    const starts: number[] = [];
    const startShifts = (at: number, n: number) => {
      for (let k = at; k < at + shift; k++) coverage[k]! += n;
      for (let i = 0; i < n; i++) starts.push(at);
    };
    let used = 0;
    const usedBy = () => {
      let s = 0;
      for (let h = 0; h < hours; h++) s += coverage[h]!;
      return s;
    };
    for (let d = 0; d < days; d++) {
      const base = 24 * d;
      for (let k = 0; k < 24; k++) {
        const deficit = policy.minStaff - coverage[base + k]!;
        if (deficit > 0) startShifts(base + k, deficit);
      }
      const span = Math.min(width, hours - base);
      const gain = new Float64Array(span);
      const gainAt = (k: number) => cost(d, k, coverage[base + k]!) - cost(d, k, coverage[base + k]! + 1);
      for (let k = 0; k < span; k++) gain[k] = gainAt(k);
      used = usedBy();
      for (;;) {
        let best = -1;
        let bestRate = theta;
        for (let s = 0; s < Math.min(24, span); s++) {
          const end = Math.min(s + shift, span);
          let g = 0;
          for (let k = s; k < end; k++) g += gain[k]!;
          if (g / (end - s) >= bestRate) {
            bestRate = g / (end - s);
            best = s;
          }
        }
        if (best < 0) break;
        const end = Math.min(best + shift, span);
        startShifts(base + best, 1);
        for (let k = best; k < end; k++) gain[k] = gainAt(k);
        used += end - best;
        if (used > staffHours) return undefined;
      }
    }
    return used <= staffHours ? { coverage, starts } : undefined;
  };
  let lo = 1e-9;
  let hi = 1e12;
  let fit = build(hi);
  if (!fit)
    throw HealthGptError.invalid(
      `staff-hours ${staffHours} cannot give each of ${hours} hours at least ${policy.minStaff} clinician(s) in ${shift}-hour shifts`,
    );
  for (let i = 0; i < 60 && hi / lo > 1 + 1e-6; i++) {
    const mid = Math.sqrt(lo * hi);
    const c = build(mid);
    if (c) {
      fit = c;
      hi = mid;
    } else lo = mid;
  }
  const staff = Array.from(fit.coverage.subarray(0, hours));
  let left = staffHours - staffHoursOf(staff);
  const hourGain = (h: number) => {
    const d = Math.floor(h / 24);
    return cost(d, h % 24, staff[h]!) - cost(d, h % 24, staff[h]! + 1);
  };
  const gains = Float64Array.from({ length: hours }, (_, h) => hourGain(h));
  for (; left > 0; left--) {
    let best = 0;
    for (let h = 1; h < hours; h++) if (gains[h]! > gains[best]!) best = h;
    staff[best]! += 1;
    gains[best] = hourGain(best);
  }
  return { staff, starts: fit.starts };
}

/**
 * Integer staff per hour in proportion to `shape`, summing exactly to `staffHours`, each hour at least `minStaff`
 * (largest-remainder rounding). Throws when `staffHours` cannot give every hour `minStaff`.
 */
export function scaleToStaffHours(shape: ArrayLike<number>, staffHours: number, minStaff: number): number[] {
  const n = shape.length;
  if (n === 0) throw HealthGptError.invalid('the rota has no hours');
  if (!Number.isInteger(staffHours) || staffHours < minStaff * n)
    throw HealthGptError.invalid(
      `staff-hours ${staffHours} cannot give each of ${n} hours at least ${minStaff} clinician(s)`,
    );
  // Hours at the floor take `minStaff`; the rest share what is left in proportion to the shape (water-filling).
  const pinned = new Uint8Array(n);
  let real = new Float64Array(n);
  for (let round = 0; round < n; round++) {
    let free = staffHours;
    let weight = 0;
    for (let h = 0; h < n; h++) {
      if (pinned[h]) free -= minStaff;
      else weight += Math.max(shape[h]!, 0);
    }
    real = new Float64Array(n);
    let changed = false;
    for (let h = 0; h < n; h++) {
      if (pinned[h]) real[h] = minStaff;
      else {
        real[h] = weight > 0 ? (Math.max(shape[h]!, 0) * free) / weight : free / (n - countOf(pinned));
        if (real[h]! < minStaff) {
          pinned[h] = 1;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  const out = Array.from(real, (v) => Math.floor(v));
  let left = staffHours - out.reduce((s, v) => s + v, 0);
  const order = Array.from({ length: n }, (_, h) => h).sort(
    (a, b) => real[b]! - Math.floor(real[b]!) - (real[a]! - Math.floor(real[a]!)) || a - b,
  );
  for (let i = 0; left > 0; i = (i + 1) % n, left--) out[order[i]!]!++;
  return out;
}

function countOf(flags: Uint8Array): number {
  let c = 0;
  for (const f of flags) c += f;
  return c;
}

/** The same number of clinicians every hour (the remainder spread evenly over the period), `staffHours` in all. */
export function flatRota(hours: number, staffHours: number, minStaff: number): number[] {
  if (staffHours < minStaff * hours)
    throw HealthGptError.invalid(
      `staff-hours ${staffHours} cannot give each of ${hours} hours at least ${minStaff} clinician(s)`,
    );
  const base = Math.floor(staffHours / hours);
  const rest = staffHours - base * hours;
  return Array.from(
    { length: hours },
    (_, h) => base + (Math.floor(((h + 1) * rest) / hours) - Math.floor((h * rest) / hours)),
  );
}

/**
 * Hour-of-week mean arrivals over the `weeks` whole weeks just before `start` (index into `counts`), repeated over
 * `hours` hours from `start`: the historical template a department rosters from.
 */
export function hourOfWeekTemplate(
  counts: ArrayLike<number>,
  start: number,
  weeks: number,
  hours: number,
): Float64Array {
  if (weeks < 1 || start < 168 * weeks)
    throw HealthGptError.invalid(`the template needs ${weeks} week(s) of history before the test start`);
  const week = new Float64Array(168);
  for (let j = 0; j < weeks; j++)
    for (let k = 0; k < 168; k++) week[k]! += counts[start - 168 * (weeks - j) + k]! / weeks;
  return Float64Array.from({ length: hours }, (_, h) => week[h % 168]!);
}

/** Sum of staff over hours. */
export function staffHoursOf(staff: ArrayLike<number>): number {
  let s = 0;
  for (let h = 0; h < staff.length; h++) s += staff[h]!;
  return s;
}
