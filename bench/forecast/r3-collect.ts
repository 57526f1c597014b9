/**
 * Round-3 tuning helper (issue 21 part 4): at every 00:00 origin from `--from-days` before the benchmark's test
 * window up to its start (never inside it), stores the count regression's and the hour-of-week baseline's 72 h
 * means, the actual counts and the MASE scale, for offline stacking and blending experiments.
 * `tsx bench/forecast/r3-collect.ts <iowa|uk> OUT.json [fromDays]`
 */
import { writeFileSync } from 'node:fs';
import { buildCalendar } from '../../src/forecast/calendar.js';
import { weeklyNaiveScaleLookup } from '../../src/forecast/metrics.js';
import { countRegressionModel } from '../../src/forecast/models/count-regression.js';
import { hourOfWeekPoint } from '../../src/forecast/models/hour-of-week.js';
import { HOUR_MS } from '../../src/forecast/time-zone.js';
import { loadIowa, loadUk } from './datasets.js';

const DAY_MS = 86_400_000;
const [which, out, fromDaysArg] = process.argv.slice(2);
const bench = which === 'uk' ? loadUk() : loadIowa();
if (!bench || !out) throw new Error('usage: r3-collect.ts <iowa|uk> OUT.json [fromDays]');
const { series } = bench;
const n = series.counts.length;
const endMs = series.startMs + n * HOUR_MS;
const testStartMs = Math.floor((endMs - 183 * DAY_MS) / DAY_MS) * DAY_MS;
const testFirst = Math.round((testStartMs - series.startMs) / HOUR_MS);
const fromDays = Number(fromDaysArg ?? 365);
const horizon = 72;
const calendar = buildCalendar(series.startMs, n, { country: bench.country, timeZone: series.timeZone });
const scale = weeklyNaiveScaleLookup(series.counts);
const model = countRegressionModel();
const how = hourOfWeekPoint(26);
const rows: unknown[] = [];
for (let o = testFirst - fromDays * 24; o + horizon <= testFirst; o += 24) {
  const history = series.counts.subarray(0, o);
  const f = model.forecast({ history, startMs: series.startMs, calendar, horizon });
  rows.push({
    origin: o,
    scale: scale(o),
    cr: Array.from(f.mean),
    disp: f.dispersion,
    how: Array.from(how(history, horizon)),
  });
  if (rows.length % 20 === 0) process.stderr.write(`${rows.length} `);
}
writeFileSync(out, JSON.stringify({ which, testFirst, rows }));
process.stderr.write(`\n${which}: ${rows.length} origins\n`);
