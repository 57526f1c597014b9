import { describe, expect, it } from 'vitest';
import { meanWaitMinutes, probabilityWaitWithin } from '../forecast/erlang.js';
import { seededRandom } from '../ml/random.js';
import {
  arrivalsFromCounts,
  poissonArrivals,
  serviceSampler,
  simulatePriorityQueue,
  simulateQueue,
  summarizeWaits,
} from './simulate.js';

describe('simulateQueue', () => {
  it('serves first come first served with one clinician', () => {
    const waits = simulateQueue({
      arrivals: Float64Array.from([0, 1, 2]),
      service: Float64Array.from([10, 10, 10]),
      staff: [1],
    });
    expect(Array.from(waits)).toEqual([0, 9, 18]);
  });

  it('starts the queued patient when a second clinician comes on at the hour', () => {
    const waits = simulateQueue({
      arrivals: Float64Array.from([0, 5]),
      service: Float64Array.from([120, 10]),
      staff: [1, 2],
    });
    expect(Array.from(waits)).toEqual([0, 55]);
  });

  it('lets a busy clinician finish when staff falls, then takes no one new until below the new level', () => {
    // Two on in hour 0, one from hour 1: both busy until 90; the third patient (arrived 30) starts at 90.
    const waits = simulateQueue({
      arrivals: Float64Array.from([0, 0, 30]),
      service: Float64Array.from([90, 90, 5]),
      staff: [2, 1],
    });
    expect(Array.from(waits)).toEqual([0, 0, 60]);
  });

  it('rejects a rota that ends with nobody on duty or has fractional staff', () => {
    const input = { arrivals: Float64Array.from([0]), service: Float64Array.from([1]) };
    expect(() => simulateQueue({ ...input, staff: [1, 0] })).toThrow(/at least one/);
    expect(() => simulateQueue({ ...input, staff: [1.5] })).toThrow(/whole number/);
  });
});

describe('arrivals and service times', () => {
  it('places exactly the hour counts inside their hours', () => {
    const a = arrivalsFromCounts([2, 0, 3], seededRandom(1));
    expect(a.length).toBe(5);
    expect(Array.from(a.subarray(0, 2)).every((t) => t >= 0 && t < 60)).toBe(true);
    expect(Array.from(a.subarray(2)).every((t) => t >= 120 && t < 180)).toBe(true);
    expect(() => arrivalsFromCounts([-1], seededRandom(1))).toThrow(/≥ 0/);
  });

  it('draws lognormal service times with the configured mean and CV', () => {
    const draw = serviceSampler({ kind: 'lognormal', meanMinutes: 20, cv: 0.7 }, seededRandom(3));
    const xs = Array.from({ length: 200_000 }, draw);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(20, 0);
    expect(sd / mean).toBeGreaterThan(0.67);
    expect(sd / mean).toBeLessThan(0.73);
  });
});

/**
 * Stationary M/M/c, where Erlang C is exact: λ = 12/h, exponential service with mean 20 min, c = 5 (ρ = 0.8). Ten
 * independent runs of 5,000 hours; the Erlang-C mean wait and P(wait > 10 min) must lie within 3 standard errors of
 * the mean over runs (and the standard error must be small enough that this is a real check).
 */
describe('simulation against Erlang C (stationary M/M/c)', () => {
  const lambda = 12;
  const c = 5;
  const queue = { arrivalsPerHour: lambda, meanServiceMinutes: 20, serviceCv: 1 };
  const runs = Array.from({ length: 10 }, (_, s) => {
    const random = seededRandom(100 + s);
    const arrivals = poissonArrivals(new Float64Array(5000).fill(lambda), random);
    const draw = serviceSampler({ kind: 'exponential', meanMinutes: 20 }, random);
    const service = Float64Array.from({ length: arrivals.length }, draw);
    const waits = simulateQueue({ arrivals, service, staff: [c] });
    let over10 = 0;
    for (const w of waits) if (w > 10) over10++;
    return { mean: summarizeWaits(waits).meanWaitMin, over10: over10 / waits.length };
  });
  const stats = (xs: number[]) => {
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const se = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
    return { m, se };
  };

  it('matches the mean wait', () => {
    const expected = meanWaitMinutes(c, queue);
    const { m, se } = stats(runs.map((r) => r.mean));
    expect(se).toBeLessThan(0.05 * expected);
    expect(Math.abs(m - expected)).toBeLessThan(3 * se);
  });

  it('matches P(wait > 10 min)', () => {
    const expected = 1 - probabilityWaitWithin(c, queue, 10);
    const { m, se } = stats(runs.map((r) => r.over10));
    expect(se).toBeLessThan(0.05 * expected);
    expect(Math.abs(m - expected)).toBeLessThan(3 * se);
  });

  it('detects a wrong server count (the check can fail)', () => {
    const wrong = meanWaitMinutes(c + 1, queue);
    const { m, se } = stats(runs.map((r) => r.mean));
    expect(Math.abs(m - wrong)).toBeGreaterThan(3 * se);
  });
});

describe('acuity classes (non-pre-emptive priority)', () => {
  it('gives the FCFS waits with one class', () => {
    const random = seededRandom(9);
    const arrivals = poissonArrivals(new Float64Array(200).fill(14), random);
    const draw = serviceSampler({ kind: 'lognormal', meanMinutes: 20, cv: 1 }, random);
    const service = Float64Array.from({ length: arrivals.length }, draw);
    const staff = Array.from({ length: 200 }, (_, h) => 3 + (h % 24 < 8 ? 0 : 2));
    const fcfs = simulateQueue({ arrivals, service, staff });
    const one = simulatePriorityQueue({ arrivals, service, staff, acuity: new Uint8Array(arrivals.length) });
    expect(Array.from(one)).toEqual(Array.from(fcfs));
  });

  /**
   * Stationary M/M/c with two classes and equal service rates, where Cobham's formula is exact:
   * W_k = C(c, a) / (cμ − λ) · (1 − ρ) / ((1 − σ_{k−1})(1 − σ_k)), σ_k = Σ_{i≤k} λ_i / (cμ)
   * (Gross & Harris, Fundamentals of Queueing Theory, §3.4). 30 % urgent.
   */
  it('matches Cobham’s formula per class', () => {
    const lambda = 12;
    const c = 5;
    const mu = 3; // per hour
    const rho = lambda / (c * mu);
    const base =
      meanWaitMinutes(c, { arrivalsPerHour: lambda, meanServiceMinutes: 20, serviceCv: 1 }) * (1 - rho);
    const s1 = (0.3 * lambda) / (c * mu);
    const expected = [base / (1 - s1), base / ((1 - s1) * (1 - rho))];
    const perRun = Array.from({ length: 8 }, (_, s) => {
      const random = seededRandom(300 + s);
      const arrivals = poissonArrivals(new Float64Array(5000).fill(lambda), random);
      const draw = serviceSampler({ kind: 'exponential', meanMinutes: 20 }, random);
      const service = Float64Array.from({ length: arrivals.length }, draw);
      const acuity = Uint8Array.from({ length: arrivals.length }, () => (random() < 0.3 ? 0 : 1));
      const waits = simulatePriorityQueue({ arrivals, service, staff: [c], acuity });
      return [0, 1].map((k) => {
        let sum = 0;
        let n = 0;
        waits.forEach((w, i) => {
          if (acuity[i] === k) {
            sum += w;
            n++;
          }
        });
        return sum / n;
      });
    });
    for (const k of [0, 1]) {
      const xs = perRun.map((r) => r[k]!);
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      const se = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
      expect(se).toBeLessThan(0.08 * expected[k]!);
      expect(Math.abs(m - expected[k]!)).toBeLessThan(3 * se);
    }
    expect(expected[0]).toBeLessThan(expected[1]!);
  });
});
