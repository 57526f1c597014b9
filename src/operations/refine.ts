import { seededRandom } from '../ml/random.js';
import type { ShiftPlan, SizingPolicy } from './rotas.js';
import { poissonArrivals, type ServiceDistribution, serviceSampler, simulateQueue } from './simulate.js';

export interface RefineOptions {
  readonly service: ServiceDistribution;
  /** Simulated arrival paths per day (default 8), the same for every candidate (common random numbers). */
  readonly paths?: number;
  /** Hours a shift may move earlier or later (default 1). */
  readonly maxMove?: number;
  /** Hours before 00:00 simulated so the day starts with a queue (default 8). */
  readonly warmupHours?: number;
  /** Moves tried per day at most (default 6). */
  readonly maxMovesPerDay?: number;
  /**
   * Evidence a move needs: its cut in total wait must exceed this many standard errors of the paired per-path
   * difference (default 0: any cut on the paths).
   */
  readonly minEvidence?: number;
  readonly seed?: number;
}

/**
 * Moves the shifts of an `allocateShiftPlan` rota where a simulation of the queue, rather than hour-by-hour Erlang C,
 * says they shorten the wait. Day by day in order (as committed at 00:00 that day), with only the shifts started
 * up to that day on duty: `paths` Poisson arrival paths from `ratesAt(day)` (arrivals per hour from 00:00 that day,
 * at least 24 + shiftHours − 1 of them; the day before's rates for the warm-up) are simulated over the day and
 * the hours its shifts reach into, and the single move of one shift by up to `maxMove` hours that cuts the total
 * simulated wait most is made, while one does. Staff-hours, shift lengths and the minimum on duty are kept; the
 * leftover single hours of the plan stay where they are.
 */
export function refineShiftPlan(
  plan: ShiftPlan,
  ratesAt: (day: number) => ArrayLike<number>,
  hours: number,
  policy: SizingPolicy,
  options: RefineOptions,
): number[] {
  const shift = policy.shiftHours;
  const paths = options.paths ?? 8;
  const maxMove = options.maxMove ?? 1;
  const warm = options.warmupHours ?? 8;
  const maxMoves = options.maxMovesPerDay ?? 6;
  const evidence = options.minEvidence ?? 0;
  const starts = [...plan.starts].sort((a, b) => a - b);
  const coverageOf = (list: readonly number[], until: number) => {
    const c = new Int32Array(hours + 24 + shift);
    for (const s of list) if (s < until) for (let k = s; k < s + shift; k++) c[k]! += 1;
    return c;
  };
  const full = coverageOf(starts, Number.POSITIVE_INFINITY);
  const extra = plan.staff.map((v, h) => v - full[h]!);
  const random = seededRandom(options.seed ?? 1);
  const draw = serviceSampler(options.service, random);
  const days = Math.ceil(hours / 24);
  for (let d = 0; d < days; d++) {
    const base = 24 * d;
    const w0 = Math.max(0, base - warm);
    const w1 = Math.min(base + 24 + shift - 1, hours + shift);
    const today = ratesAt(d);
    const before = d > 0 ? ratesAt(d - 1) : undefined;
    const rates = Float64Array.from({ length: w1 - w0 }, (_, i) => {
      const h = w0 + i;
      return h >= base ? (today[h - base] ?? 0) : (before?.[h - base + 24] ?? 0);
    });
    const scenarios = Array.from({ length: paths }, () => {
      const arrivals = poissonArrivals(rates, random);
      return { arrivals, service: Float64Array.from(arrivals, () => draw()) };
    });
    const dayStarts = () => [...new Set(starts.filter((s) => s >= base && s < base + 24))];
    const committed = coverageOf(starts, base + 24);
    const all = coverageOf(starts, Number.POSITIVE_INFINITY);
    // Hours after the day get at least the minimum on duty: the next day's plan will cover it.
    const window = Int32Array.from({ length: w1 - w0 }, (_, i) => {
      const h = w0 + i;
      return committed[h]! + (h < base + 24 && h < hours ? extra[h]! : 0);
    });
    const tailFloor = (staff: Int32Array) => {
      const out = Int32Array.from(staff);
      for (let i = Math.max(base + 24 - w0, 0); i < out.length; i++)
        out[i] = Math.max(out[i]!, policy.minStaff);
      return out;
    };
    /** Total simulated wait on each path. */
    const cost = (staff: Int32Array) => {
      const floored = tailFloor(staff);
      return scenarios.map((p) => {
        let s = 0;
        for (const v of simulateQueue({ arrivals: p.arrivals, service: p.service, staff: floored })) s += v;
        return s;
      });
    };
    const total = (c: readonly number[]) => c.reduce((s, v) => s + v, 0);
    /** Whether `c` beats `ref` by more than `evidence` standard errors of the paired per-path difference. */
    const convincing = (c: readonly number[], ref: readonly number[]) => {
      const d = c.map((v, i) => v - ref[i]!);
      const mean = total(d) / d.length;
      if (!(mean < 0)) return false;
      if (evidence <= 0) return true;
      const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(d.length - 1, 1));
      return -mean > (evidence * sd) / Math.sqrt(d.length);
    };
    // The minimum on duty is checked on the whole rota (later days' shifts are already placed and stay).
    const floorOk = (from: number, to: number) => {
      for (let h = from; h < Math.min(from + shift, hours); h++) {
        const after = all[h]! + extra[h]! - 1 + (h >= to && h < to + shift ? 1 : 0);
        if (after < policy.minStaff) return false;
      }
      return true;
    };
    let current = cost(window);
    for (let move = 0; move < maxMoves; move++) {
      let best: { from: number; to: number; cost: number[] } | undefined;
      for (const from of dayStarts()) {
        if (from + shift > hours) continue;
        for (let delta = -maxMove; delta <= maxMove; delta++) {
          const to = from + delta;
          if (delta === 0 || to < base || to >= base + 24 || to + shift > hours) continue;
          const trial = Int32Array.from(window);
          for (let k = from; k < from + shift; k++) if (k < w1) trial[k - w0]! -= 1;
          for (let k = to; k < to + shift; k++) if (k < w1) trial[k - w0]! += 1;
          if (!floorOk(from, to)) continue;
          const c = cost(trial);
          if (total(c) < total(best?.cost ?? current)) best = { from, to, cost: c };
        }
      }
      if (!best || !convincing(best.cost, current)) break;
      starts[starts.indexOf(best.from)] = best.to;
      for (let k = best.from; k < best.from + shift; k++) all[k]! -= 1;
      for (let k = best.to; k < best.to + shift; k++) all[k]! += 1;
      for (let k = best.from; k < best.from + shift; k++) if (k < w1) window[k - w0]! -= 1;
      for (let k = best.to; k < best.to + shift; k++) if (k < w1) window[k - w0]! += 1;
      current = best.cost;
    }
    starts.sort((a, b) => a - b);
  }
  const final = coverageOf(starts, Number.POSITIVE_INFINITY);
  return Array.from({ length: hours }, (_, h) => final[h]! + extra[h]!);
}
