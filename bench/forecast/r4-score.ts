/**
 * Round-4 checks for issue 21 part 4, on the **pre-test window** only (the 183 days before the benchmark's test
 * window, from the forecasts `r3-collect.ts` stores). (1) How much of the MASE gap is the choice of point forecast:
 * MASE is an absolute error, and for integer counts the error-minimising point is the predictive median (an integer),
 * not the mean. Prints the count regression's mean and NB integer median against the baseline's mean, the baseline's
 * own Poisson median (the same change given to the baseline), and the median noise floor. (2) Where the error beyond
 * Poisson noise sits, on the first forecast day of each origin: extra variance per hour (E[(y − μ)² − μ]); the part
 * shared by the whole day (day-total extra variance / 24); the part that is a stable bias of a weekday × hour slot
 * over the window (the variance of each slot's mean residual, less its Poisson share); the lag-1 h covariance.
 * `tsx bench/forecast/r4-score.ts <iowa|uk> FILE.json`
 */

import { readFileSync } from 'node:fs';
import { buildCalendar } from '../../src/forecast/calendar.js';
import { negativeBinomialQuantiles } from '../../src/forecast/negative-binomial.js';
import { loadIowa, loadUk } from './datasets.js';
import { poissonMad, scaledMean } from './pretest.js';

interface Row {
  readonly origin: number;
  readonly scale: number;
  readonly cr: readonly number[];
  readonly disp: number;
  readonly how: readonly number[];
}
const [which, file] = process.argv.slice(2);
const bench = which === 'uk' ? loadUk() : loadIowa();
if (!bench || !file) throw new Error('usage: r4-score.ts <iowa|uk> FILE.json');
const data = JSON.parse(readFileSync(file, 'utf8')) as { testFirst: number; rows: Row[] };
const y = bench.series.counts;
const H = 72;
const tune = data.rows.filter((r) => r.origin >= data.testFirst - 183 * 24 && r.origin + H <= data.testFirst);

/** The integer median of NB2(mu, alpha): the smallest k with F(k) ≥ ½. */
function integerMedian(mu: number, alpha: number): number {
  const q = negativeBinomialQuantiles(mu, alpha, [0.5])[0]!;
  return Math.max(0, Math.round(q));
}
function mase(f: (r: Row, h: number) => number): number {
  return scaledMean(tune, H, (r, h) => Math.abs(y[r.origin + h]! - f(r, h)));
}
const baseline = mase((r, h) => r.how[h]!);
const line = (name: string, v: number, ref = baseline) =>
  console.log(
    `${which} ${name.padEnd(52)} MASE ${v.toFixed(4)}  ${(100 * (1 - v / ref)).toFixed(2)} % below`,
  );
console.log(`${which}: ${tune.length} pre-test origins; 3 % target MASE ${(0.97 * baseline).toFixed(4)}`);
line('hour-of-week baseline (mean)', baseline);
line(
  'count regression, mean',
  mase((r, h) => r.cr[h]!),
);
line(
  'count regression, NB integer median',
  mase((r, h) => integerMedian(r.cr[h]!, r.disp)),
);
const howMedian = mase((r, h) => integerMedian(r.how[h]!, 0));
line('hour-of-week baseline, Poisson integer median', howMedian);
line(
  'count regression median vs baseline median',
  mase((r, h) => integerMedian(r.cr[h]!, r.disp)),
  howMedian,
);
// Median noise floor: E|Y − median| for Y ~ Poisson(mu) at the regression's means.
line(
  'NOISE FLOOR: Poisson E|Y-median| at regression means',
  scaledMean(tune, H, (r, h) => poissonMad(r.cr[h]!, integerMedian(r.cr[h]!, 0))),
);

// (2) Extra-Poisson variance of the first forecast day, and how much of it is day-level, slot bias, or short-lived.
{
  const cal = buildCalendar(bench.series.startMs, y.length, { country: bench.country, timeZone: 'UTC' });
  let extra = 0;
  let mu = 0;
  let hours = 0;
  let dayExtra = 0;
  let lagCov = 0;
  let lagN = 0;
  const slotSum = new Float64Array(168);
  const slotN = new Float64Array(168);
  const slotMu = new Float64Array(168);
  for (const r of tune) {
    let dy = 0;
    let dm = 0;
    for (let h = 0; h < 24; h++) {
      const t = r.origin + h;
      const m = r.cr[h]!;
      const e = y[t]! - m;
      extra += e * e - m;
      mu += m;
      hours++;
      const s = cal.weekday[t]! * 24 + cal.hourOfDay[t]!;
      slotSum[s]! += e;
      slotN[s]! += 1;
      slotMu[s]! += m;
      dy += y[t]!;
      dm += m;
      if (h > 0) {
        lagCov += e * (y[t - 1]! - r.cr[h - 1]!);
        lagN++;
      }
    }
    dayExtra += ((dy - dm) ** 2 - dm) / 24;
  }
  let slotBias = 0;
  for (let s = 0; s < 168; s++) {
    const m = slotSum[s]! / slotN[s]!;
    slotBias += m * m - slotMu[s]! / slotN[s]! / slotN[s]!;
  }
  const v = extra / hours;
  console.log(
    `${which} first forecast day: mean ${(mu / hours).toFixed(2)} arrivals/h; extra-Poisson variance ${v.toFixed(3)} per hour ` +
      `(${((100 * extra) / mu).toFixed(1)} % of the mean); day level ${(dayExtra / tune.length / 24).toFixed(3)}; ` +
      `stable weekday × hour bias ${(slotBias / 168).toFixed(3)}; lag-1 h covariance ${(lagCov / lagN).toFixed(3)}`,
  );
}
