/**
 * Round-4 rota tuning (issue 21): on the three 8-week windows just before the window `npm run bench:operations`
 * reports (never inside it), mean wait over `SEEDS` seeds (more than the bench's 5, to see past seed noise) for
 * allocations built alike by `allocateShifts` from: the template's hour-of-week means; the forecast's 0.8 quantile
 * (current), mean, or equally likely *rate* scenarios (the gamma mixing distribution behind its negative-binomial
 * forecast: the uncertainty about the hour's rate, not the Poisson count noise Erlang C already holds); each also
 * with the lagged rate of Green, Kolesar & Soares 2001 (lag SIPP: staff for the load still in service from the hour
 * before). Forecasts are cached in /tmp. `tsx bench/operations/tune-rotas-r4.ts [iowa|uk]…`
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { levelIndex } from '../../src/forecast/model.js';
import { HOUR_MS } from '../../src/forecast/time-zone.js';
import { refineShiftPlan } from '../../src/operations/refine.js';
import {
  allocateShiftPlan,
  allocateShifts,
  coverWithShifts,
  DEFAULT_SIZING,
  hourOfWeekTemplate,
  sizeHours,
  staffHoursOf,
} from '../../src/operations/rotas.js';
import { DEFAULT_SERVICE } from '../../src/operations/simulate.js';
import { simulateRotas } from '../../src/operations/staffing-eval.js';
import { lastWindowStart, loadNamed } from '../forecast/datasets.js';
import { dailyForecasts } from './daily-forecasts.js';

const HOURS = 8 * 168;
const SEEDS = Number(process.env.SEEDS ?? 20);
/** Standard normal quantiles at the midpoints of ten 10 % bands. */
const Z10 = [-1.6449, -1.0364, -0.6745, -0.3853, -0.1257, 0.1257, 0.3853, 0.6745, 1.0364, 1.6449];
/** Gamma(shape 1/α, mean μ) quantiles by Wilson–Hilferty: rate scenarios of an NB2(μ, α) forecast. */
function rateScenarios(mean: Float64Array, alpha: number): Float64Array[] {
  return Z10.map((z) =>
    mean.map((mu) => {
      if (!(alpha > 1e-8)) return mu;
      const k = 1 / alpha;
      const c = 1 - 1 / (9 * k) + z * Math.sqrt(1 / (9 * k));
      return mu * Math.max(c, 0) ** 3;
    }),
  );
}
/** Lag SIPP on an hourly grid: the load in hour h holds `f` of hour h − 1's arrivals (f = mean service / 60). */
function lagged(r: ArrayLike<number>, f: number): Float64Array {
  return Float64Array.from({ length: r.length }, (_, h) => (1 - f) * r[h]! + f * r[Math.max(h - 1, 0)]!);
}
const sizing = DEFAULT_SIZING;
const F = DEFAULT_SERVICE.meanMinutes / 60;
for (const bench of loadNamed(process.argv.slice(2))) {
  const { id, series } = bench;
  const benchStart = lastWindowStart(series, HOURS);
  const totals: Record<string, number> = {};
  const wins: Record<string, number> = {};
  for (const back of [1, 2, 3]) {
    const start = benchStart - back * HOURS;
    const cache = `/tmp/h21-r4-${id}-${start}.json`;
    type Day = { mean: number[]; q8: number[]; disp: number };
    let days: Day[];
    if (existsSync(cache)) days = JSON.parse(readFileSync(cache, 'utf8')) as Day[];
    else {
      days = dailyForecasts(bench, start, HOURS).map((f) => ({
        mean: Array.from(f.mean),
        q8: Array.from(f.quantiles[levelIndex(sizing.staffQuantile)]!),
        disp: f.dispersion ?? 0,
      }));
      writeFileSync(cache, JSON.stringify(days));
    }
    const q8 = days.map((d) => Float64Array.from(d.q8));
    const mean = days.map((d) => Float64Array.from(d.mean));
    const coverage = new Int32Array(HOURS + 72 + sizing.shiftHours);
    for (const [day, q] of q8.entries())
      coverWithShifts(sizeHours(q, sizing), sizing.shiftHours, coverage, day * 24, 24);
    const forecastHours = staffHoursOf(Array.from(coverage.subarray(0, HOURS)));
    const template = hourOfWeekTemplate(series.counts, start, 8, HOURS + 72);
    const tday = (d: number) => template.subarray(d * 24, d * 24 + 72);
    const counts = series.counts.subarray(start, start + HOURS);
    for (const share of [1, 0.9, 0.8]) {
      const budget = Math.round(forecastHours * share);
      const alloc = (at: (d: number) => readonly ArrayLike<number>[]) =>
        allocateShifts(at, HOURS, budget, sizing);
      const refined = (rates: (d: number) => ArrayLike<number>, plan: (d: number) => ArrayLike<number>) =>
        refineShiftPlan(
          allocateShiftPlan((d) => [plan(d)], HOURS, budget, sizing),
          rates,
          HOURS,
          sizing,
          {
            service: DEFAULT_SERVICE,
            paths: Number(process.env.PATHS ?? 8),
            minEvidence: Number(process.env.EVIDENCE ?? 0),
          },
        );
      const rotas: Record<string, number[]> = process.env.REFINE
        ? {
            'template means': alloc((d) => [tday(d)]),
            'forecast q0.8': alloc((d) => [q8[d]!]),
            'template refined': refined(tday, tday),
            'forecast q0.8 refined (mean paths)': refined(
              (d) => mean[d]!,
              (d) => q8[d]!,
            ),
          }
        : {
            'template means': alloc((d) => [tday(d)]),
            'template lagged': alloc((d) => [lagged(tday(d), F)]),
            'forecast q0.8': alloc((d) => [q8[d]!]),
            'forecast q0.8 lagged': alloc((d) => [lagged(q8[d]!, F)]),
            'forecast mean': alloc((d) => [mean[d]!]),
            'forecast rate scenarios': alloc((d) => rateScenarios(mean[d]!, days[d]!.disp)),
            'forecast rate scenarios lagged': alloc((d) => rateScenarios(lagged(mean[d]!, F), days[d]!.disp)),
          };
      const sim = simulateRotas(counts, rotas, DEFAULT_SERVICE, SEEDS, 101);
      const avg = (k: string) => sim.perSeed[k]!.reduce((s, x) => s + x.meanWaitMin, 0) / SEEDS;
      const ref = avg('template means');
      const cells = Object.keys(rotas).map((k) => {
        const v = avg(k);
        totals[k] = (totals[k] ?? 0) + v / ref;
        if (v < ref) wins[k] = (wins[k] ?? 0) + 1;
        return `${k} ${v.toFixed(3)}`;
      });
      const first = new Date(series.startMs + start * HOUR_MS).toISOString().slice(0, 10);
      console.log(`${id} ${first} ${Math.round(share * 100)} % (${budget}): ${cells.join('; ')}`);
    }
  }
  console.log(
    `${id} mean wait / template's, averaged over the 9 cells (wins of 9): ${Object.entries(totals)
      .map(([k, v]) => `${k} ${(v / 9).toFixed(3)} (${wins[k] ?? 0})`)
      .join('; ')}`,
  );
}
