/**
 * Diagnostic for issue 21 (round 4), run once, after every choice was made on the windows before: the window
 * `npm run bench:operations` reports, with the same rotas (same planning, nothing re-chosen), simulated over more
 * seeds than the bench's 5, to tell whether the forecast-driven and template rotas' tie on Iowa is seed noise or a
 * real tie. Seeds 1…`SEEDS` (the bench's are 1…5). `tsx bench/operations/seeds-r4.ts [iowa|uk]…`
 */
import { DEFAULT_SIZING } from '../../src/operations/rotas.js';
import { DEFAULT_SERVICE } from '../../src/operations/simulate.js';
import {
  meanInterval,
  planRotas,
  rotasAtStaffHours,
  simulateRotas,
} from '../../src/operations/staffing-eval.js';
import { lastWindowStart, loadNamed } from '../forecast/datasets.js';

const SEEDS = Number(process.env.SEEDS ?? 40);
const HOURS = 8 * 168;
for (const bench of loadNamed(process.argv.slice(2))) {
  const { id, series } = bench;
  const start = lastWindowStart(series, HOURS);
  const plan = planRotas(series, start, HOURS, {
    sizing: DEFAULT_SIZING,
    model: 'count-regression',
    country: bench.country,
    templateWeeks: 8,
  });
  const counts = series.counts.subarray(start, start + HOURS);
  for (const share of [1, 0.9, 0.8]) {
    const staffHours = Math.round(plan.staffHours * share);
    const rotas = rotasAtStaffHours(plan, staffHours, DEFAULT_SIZING);
    const sim = simulateRotas(counts, rotas, DEFAULT_SERVICE, SEEDS, 1);
    const mean = (k: keyof typeof rotas) => sim.perSeed[k].map((s) => s.meanWaitMin);
    const f = meanInterval(mean('forecast'));
    const t = meanInterval(mean('template'));
    const d = meanInterval(mean('forecast').map((v, i) => v - mean('template')[i]!));
    const first5 = meanInterval(
      mean('forecast')
        .slice(0, 5)
        .map((v, i) => v - mean('template')[i]!),
    );
    console.log(
      `${id} ${Math.round(share * 100)} % (${staffHours}), ${SEEDS} seeds: forecast ${f.mean.toFixed(3)}, template ${t.mean.toFixed(3)} min ` +
        `(${(100 * (1 - f.mean / t.mean)).toFixed(1)} % shorter); paired difference ${d.mean.toFixed(3)} ` +
        `(95 % CI ${d.interval.lower.toFixed(3)} to ${d.interval.upper.toFixed(3)}); seeds 1–5 alone ${first5.mean.toFixed(3)}`,
    );
  }
}
