/**
 * Tuning helper for the rotas at a staff-hour budget (issue 21, part 2 follow-up): on the three 8-week windows just
 * before the window `npm run bench:operations` reports (never inside it), compares the previous way of meeting a
 * budget — the service-level plans scaled hour by hour — with `allocateShifts` fed one series (the template's
 * hour-of-week means; the forecast's mean, 0.8 or 0.9 quantile) or equally likely scenarios (`SCENARIO_LEVELS`
 * quantiles: Poisson around the template's means; the forecast's predictive quantiles), at 100 %, 90 % and 80 % of
 * the forecast plan's staff-hours. Mean wait (minutes) over 5 seeds. `tsx bench/operations/tune-rotas.ts [iowa|uk]…`
 */
import { levelIndex } from '../../src/forecast/model.js';
import { negativeBinomialQuantiles } from '../../src/forecast/negative-binomial.js';
import { HOUR_MS } from '../../src/forecast/time-zone.js';
import {
  allocateShifts,
  coverWithShifts,
  DEFAULT_SIZING,
  hourOfWeekTemplate,
  scaleToStaffHours,
  sizeHours,
  staffHoursOf,
} from '../../src/operations/rotas.js';
import { DEFAULT_SERVICE } from '../../src/operations/simulate.js';
import { simulateRotas } from '../../src/operations/staffing-eval.js';
import { lastWindowStart, loadNamed } from '../forecast/datasets.js';
import { dailyForecasts } from './daily-forecasts.js';

const HOURS = 8 * 168;
/** Equally likely scenarios: the midpoints of ten 10 % probability bands. */
const SCENARIO_LEVELS = Array.from({ length: 10 }, (_, i) => (2 * i + 1) / 20);
/** Poisson quantiles (continuous scale, as the forecast's) of each mean at `SCENARIO_LEVELS`. */
function poissonScenarios(rates: ArrayLike<number>): Float64Array[] {
  const out = SCENARIO_LEVELS.map(() => new Float64Array(rates.length));
  for (let h = 0; h < rates.length; h++) {
    const q = negativeBinomialQuantiles(Math.max(rates[h]!, 0), 0, SCENARIO_LEVELS);
    for (let l = 0; l < q.length; l++) out[l]![h] = q[l]!;
  }
  return out;
}
const sizing = DEFAULT_SIZING;
for (const bench of loadNamed(process.argv.slice(2))) {
  const { id, series } = bench;
  const benchStart = lastWindowStart(series, HOURS);
  const totals: Record<string, number> = {};
  for (const back of [1, 2, 3]) {
    const start = benchStart - back * HOURS;
    const q8: Float64Array[] = [];
    const mean: Float64Array[] = [];
    const q9: Float64Array[] = [];
    const predictive: Float64Array[][] = [];
    for (const f of dailyForecasts(bench, start, HOURS)) {
      q8.push(f.quantiles[levelIndex(sizing.staffQuantile)]!);
      mean.push(f.mean);
      q9.push(f.quantiles[levelIndex(0.9)]!);
      predictive.push(SCENARIO_LEVELS.map((l) => f.quantiles[levelIndex(l)]!));
    }
    const coverage = new Int32Array(HOURS + 72 + sizing.shiftHours);
    for (const [day, q] of q8.entries())
      coverWithShifts(sizeHours(q, sizing), sizing.shiftHours, coverage, day * 24, 24);
    const forecastPlan = Array.from(coverage.subarray(0, HOURS));
    const template = hourOfWeekTemplate(series.counts, start, 8, HOURS + 72);
    const tc = new Int32Array(HOURS + sizing.shiftHours);
    coverWithShifts(sizeHours(template.subarray(0, HOURS), sizing), sizing.shiftHours, tc);
    const templatePlan = Array.from(tc.subarray(0, HOURS));
    const counts = series.counts.subarray(start, start + HOURS);
    const templatePoisson = poissonScenarios(template);
    for (const share of [1, 0.9, 0.8]) {
      const budget = Math.round(staffHoursOf(forecastPlan) * share);
      const scale = (p: number[]) =>
        staffHoursOf(p) === budget ? p : scaleToStaffHours(p, budget, sizing.minStaff);
      const rotas = {
        'template scaled': scale(templatePlan),
        'forecast scaled': scale(forecastPlan),
        'template allocated (means)': allocateShifts(
          (d) => [template.subarray(d * 24, d * 24 + 72)],
          HOURS,
          budget,
          sizing,
        ),
        'template allocated (Poisson scenarios)': allocateShifts(
          (d) => templatePoisson.map((r) => r.subarray(d * 24, d * 24 + 72)),
          HOURS,
          budget,
          sizing,
        ),
        'template hour by hour (no shifts)': allocateShifts(
          (d) => [template.subarray(d * 24, d * 24 + 72)],
          HOURS,
          budget,
          { ...sizing, shiftHours: 1 },
        ),
        'forecast hour by hour (no shifts, q0.8)': allocateShifts((d) => [q8[d]!], HOURS, budget, {
          ...sizing,
          shiftHours: 1,
        }),
        'forecast allocated (mean)': allocateShifts((d) => [mean[d]!], HOURS, budget, sizing),
        'forecast allocated (q0.8)': allocateShifts((d) => [q8[d]!], HOURS, budget, sizing),
        'forecast allocated (q0.9)': allocateShifts((d) => [q9[d]!], HOURS, budget, sizing),
        'forecast allocated (predictive scenarios)': allocateShifts(
          (d) => predictive[d]!,
          HOURS,
          budget,
          sizing,
        ),
      };
      const sim = simulateRotas(counts, rotas, DEFAULT_SERVICE, 5, 1);
      const cells = Object.keys(rotas).map((k) => {
        const v = sim.perSeed[k as keyof typeof rotas].reduce((s, x) => s + x.meanWaitMin, 0) / 5;
        totals[k] = (totals[k] ?? 0) + v;
        return `${k} ${v.toFixed(2)}`;
      });
      const first = new Date(series.startMs + start * HOUR_MS).toISOString().slice(0, 10);
      console.log(
        `${id} window from ${first}, ${Math.round(share * 100)} % (${budget}): ${cells.join('; ')}`,
      );
    }
  }
  console.log(
    `${id} sum over the 9 cells: ${Object.entries(totals)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join('; ')}`,
  );
}
