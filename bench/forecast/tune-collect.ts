/**
 * Tuning helper for the count model (issue 7): at every origin of a window, stores the point forecasts of several
 * model variants and the hour-of-week baseline with the actual counts and the MASE scale, so blends can be scored
 * offline. `tsx bench/forecast/tune-collect.ts <iowa|uk> <tune|test> OUT.json` — `tune` is the six months before
 * the benchmark's test window (choices are made there only); `test` is the benchmark's test window.
 */
import { writeFileSync } from 'node:fs';
import { buildCalendar } from '../../src/forecast/calendar.js';
import { weeklyNaiveScaleLookup } from '../../src/forecast/metrics.js';
import type { ForecastModel } from '../../src/forecast/model.js';
import { countRegressionModel } from '../../src/forecast/models/count-regression.js';
import { hourOfWeekPoint } from '../../src/forecast/models/hour-of-week.js';
import { HOUR_MS } from '../../src/forecast/time-zone.js';
import { loadIowa, loadUk } from './datasets.js';

const DAY_MS = 86_400_000;
const [which, window, out, variantList] = process.argv.slice(2);
const bench = which === 'uk' ? loadUk() : loadIowa();
if (!bench || !out) throw new Error('usage: tune-collect.ts <iowa|uk> <tune|test> OUT.json');
const { series } = bench;
const n = series.counts.length;
const endMs = series.startMs + n * HOUR_MS;
const testStartMs = Math.floor((endMs - 183 * DAY_MS) / DAY_MS) * DAY_MS;
const testFirst = Math.round((testStartMs - series.startMs) / HOUR_MS);
const first = window === 'test' ? testFirst : testFirst - 183 * 24;
const last = window === 'test' ? n : testFirst;
const horizon = 72;
const calendar = buildCalendar(series.startMs, n, { country: bench.country, timeZone: series.timeZone });
const scale = weeklyNaiveScaleLookup(series.counts);

const variants: Record<string, () => ForecastModel> = {
  count: () => countRegressionModel(),
  shrink05: () => countRegressionModel({ levelShrinkage: 0.5 }),
  shrink2: () => countRegressionModel({ levelShrinkage: 2 }),
  levelHl72: () => countRegressionModel({ levelHalfLifeHours: 72 }),
  hl26: () => countRegressionModel({ halfLifeWeeks: 26 }),
  empirical: () => countRegressionModel({ profile: 'empirical' }),
  wd5: () => countRegressionModel({ weekdayHarmonics: 5 }),
  d11wd5: () => countRegressionModel({ dailyHarmonics: 11, weekdayHarmonics: 5 }),
  win104: () => countRegressionModel({ windowWeeks: 104 }),
  yh6: () => countRegressionModel({ yearlyHarmonics: 6 }),
  yh8: () => countRegressionModel({ yearlyHarmonics: 8 }),
  yh6l48: () => countRegressionModel({ yearlyHarmonics: 6, levelHalfLifeHours: 48 }),
  yh6d11wd5: () => countRegressionModel({ yearlyHarmonics: 6, dailyHarmonics: 11, weekdayHarmonics: 5 }),
  slot200: () => countRegressionModel({ slotPseudoCount: 200 }),
  slot1000: () => countRegressionModel({ slotPseudoCount: 1000 }),
  slot3000: () => countRegressionModel({ slotPseudoCount: 3000 }),
  levelHl24: () => countRegressionModel({ levelHalfLifeHours: 24 }),
  levelHl48: () => countRegressionModel({ levelHalfLifeHours: 48 }),
  levelHl72s05: () => countRegressionModel({ levelHalfLifeHours: 72, levelShrinkage: 0.5 }),
  levelHl72s2: () => countRegressionModel({ levelHalfLifeHours: 72, levelShrinkage: 2 }),
  // Round 4 (issue 21): the daily shape varying over the year (daily harmonics × annual sine and cosine).
  shape2: () => countRegressionModel({ seasonalShapeHarmonics: 2 }),
  shape4: () => countRegressionModel({ seasonalShapeHarmonics: 4 }),
  shape4yh8: () => countRegressionModel({ seasonalShapeHarmonics: 4, yearlyHarmonics: 8 }),
};
const chosen = variantList ? variantList.split(',') : Object.keys(variants);
const models = chosen.map((k) => [k, variants[k]!()] as const);
const how = hourOfWeekPoint(26);
const how8 = hourOfWeekPoint(8);
const rows: unknown[] = [];
const ms: Record<string, number> = {};
for (let o = first, k = 0; o + horizon <= last; o += 24, k++) {
  if (k % 2 !== 0) continue;
  const history = series.counts.subarray(0, o);
  const means: Record<string, number[]> = {};
  for (const [id, model] of models) {
    const t0 = performance.now();
    means[id] = Array.from(model.forecast({ history, startMs: series.startMs, calendar, horizon }).mean);
    ms[id] = (ms[id] ?? 0) + performance.now() - t0;
  }
  means.how = Array.from(how(history, horizon));
  means.how8 = Array.from(how8(history, horizon));
  rows.push({
    origin: o,
    scale: scale(o),
    y: Array.from(series.counts.subarray(o, o + horizon)),
    means,
  });
  process.stderr.write('.');
}
writeFileSync(out, JSON.stringify({ which, window, rows, ms }));
process.stderr.write(`\n${which} ${window}: ${rows.length} origins; ms ${JSON.stringify(ms)}\n`);
