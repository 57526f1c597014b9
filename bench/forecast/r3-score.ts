/**
 * Round-3 tuning for the 3 % MASE target (issue 21 part 4), on the **pre-test window** only: the 183 days before the
 * benchmark's test window (daily 00:00 origins whose 72 h end before it), from the forecasts stored by
 * `r3-collect.ts` (which also stores the 182 days before that, used only to train second-stage models).
 * `tsx bench/forecast/r3-score.ts <iowa|uk> FILE.json` prints: the baseline and the count regression; an estimate of
 * the noise floor (the Poisson mean absolute deviation at the count regression's means) and two hindsight oracles
 * (the count regression's hourly shape rescaled to each day's, or each 72 h's, actual total — not forecasts); the
 * day-level residual structure; several genuinely different forecasters and ensembles; for Iowa, how the daily
 * residual moves with the same day's observed temperature (a perfect weather forecast) and on football game days.
 */
import { readFileSync } from 'node:fs';
import { findDataset } from '../../src/app/datasets.js';
import { buildCalendar } from '../../src/forecast/calendar.js';
import { choleskySolve } from '../../src/ml/linalg.js';
import { loadIowa, loadUk } from './datasets.js';
import { poissonMad, scaledMean } from './pretest.js';

interface Row {
  readonly origin: number;
  readonly scale: number;
  readonly cr: readonly number[];
  readonly how: readonly number[];
}
const [which, file] = process.argv.slice(2);
const bench = which === 'uk' ? loadUk() : loadIowa();
if (!bench || !file) throw new Error('usage: r3-score.ts <iowa|uk> FILE.json');
const data = JSON.parse(readFileSync(file, 'utf8')) as { testFirst: number; rows: Row[] };
const y = bench.series.counts;
const H = 72;
const cal = buildCalendar(bench.series.startMs, y.length, { country: bench.country, timeZone: 'UTC' });
const rows = data.rows;
const byOrigin = new Map(rows.map((r) => [r.origin, r]));
const tune = rows.filter((r) => r.origin >= data.testFirst - 183 * 24 && r.origin + H <= data.testFirst);

function mase(f: (r: Row, h: number) => number): number {
  return scaledMean(tune, H, (r, h) => Math.abs(y[r.origin + h]! - f(r, h)));
}
const baseline = mase((r, h) => r.how[h]!);
const line = (name: string, v: number) =>
  console.log(
    `${which} ${name.padEnd(58)} MASE ${v.toFixed(4)}  ${(100 * (1 - v / baseline)).toFixed(2)} % below hour-of-week`,
  );
console.log(
  `${which}: ${tune.length} pre-test origins; target (3 % below the baseline) MASE ${(0.97 * baseline).toFixed(4)}`,
);
line('hour-of-week baseline', baseline);
line(
  'count regression (default)',
  mase((r, h) => r.cr[h]!),
);

// Noise floor: E|Y − μ| for Y ~ Poisson(μ) at the count regression's means.
line(
  'NOISE FLOOR: Poisson E|Y-mu| at the count regression means',
  scaledMean(tune, H, (r, h) => poissonMad(r.cr[h]!)),
);
const blockTotal = (r: Row, from: number, to: number) => {
  let a = 0;
  let b = 0;
  for (let h = from; h < to; h++) {
    a += y[r.origin + h]!;
    b += r.cr[h]!;
  }
  return a / b;
};
line(
  "HINDSIGHT: shape x each day's actual total",
  mase((r, h) => r.cr[h]! * blockTotal(r, h - (h % 24), h - (h % 24) + 24)),
);
line(
  'HINDSIGHT: shape x the 72 h actual total',
  mase((r, h) => r.cr[h]! * blockTotal(r, 0, H)),
);

// Day-level residuals of the first forecast day (log actual / forecast total), over all stored origins.
const dayRes = (o: number) => {
  const r = byOrigin.get(o);
  return r ? Math.log(blockTotal(r, 0, 24)) : Number.NaN;
};
{
  const res = rows.map((r) => dayRes(r.origin));
  const m = res.reduce((s, v) => s + v, 0) / res.length;
  const v = res.reduce((s, x) => s + (x - m) ** 2, 0) / res.length;
  const pois = Math.sqrt(
    rows.reduce((s, r) => s + 1 / r.cr.slice(0, 24).reduce((a, b) => a + b, 0), 0) / rows.length,
  );
  const acf = [1, 2, 3, 7].map((lag) => {
    let num = 0;
    for (let i = lag; i < res.length; i++) num += (res[i]! - m) * (res[i - lag]! - m);
    return `lag ${lag} ${(num / (v * res.length)).toFixed(2)}`;
  });
  console.log(
    `${which} day-ahead daily log residual: sd ${Math.sqrt(v).toFixed(3)} (Poisson alone ${pois.toFixed(3)}); autocorrelation ${acf.join(', ')}`,
  );
}

function ridge(x: readonly number[][], t: readonly number[], lambda: number): Float64Array {
  const p = x[0]!.length;
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    for (let j = 0; j < p; j++) {
      b[j]! += xi[j]! * t[i]!;
      for (let k = 0; k < p; k++) a[j * p + k]! += xi[j]! * xi[k]!;
    }
  }
  for (let j = 0; j < p; j++) a[j * p + j]! += j === 0 ? 1e-6 : lambda;
  return choleskySolve(a, b, p) ?? new Float64Array(p);
}

// (1) Second stage on the day level: log(actual/forecast) of each forecast day regressed on the mean day-ahead
// residual of the last 1, 3, 7 and 28 days (trained on earlier origins whose 72 h are complete).
function residualFeatures(o: number): number[] | undefined {
  const res: number[] = [];
  for (let k = 1; k <= 28; k++) {
    const v = dayRes(o - 24 * k);
    if (Number.isNaN(v)) return undefined;
    res.push(v);
  }
  const mean = (k: number) => res.slice(0, k).reduce((s, v) => s + v, 0) / k;
  return [1, mean(1), mean(3), mean(7), mean(28)];
}
for (const lambda of [1, 10]) {
  const corr = new Map<number, number[]>();
  for (const r of tune) {
    const out: number[] = [];
    for (let k = 0; k < 3; k++) {
      const x: number[][] = [];
      const t: number[] = [];
      for (const q of rows) {
        if (q.origin + H > r.origin) continue;
        const f = residualFeatures(q.origin);
        if (!f) continue;
        x.push(f);
        t.push(Math.log(blockTotal(q, 24 * k, 24 * k + 24)));
      }
      const f = residualFeatures(r.origin);
      const beta = f && x.length >= 30 ? ridge(x, t, lambda) : undefined;
      out.push(beta && f ? f.reduce((s, v, j) => s + v * beta[j]!, 0) : 0);
    }
    corr.set(r.origin, out);
  }
  line(
    `day-level residual regression (ridge ${lambda})`,
    mase((r, h) => r.cr[h]! * Math.exp(corr.get(r.origin)![Math.floor(h / 24)]!)),
  );
}

// (2) Multiplicative hour-of-week x recent level: recency-weighted hour-of-week profile of non-holiday hours times
// an exponentially weighted level (observed / profile).
const slot = (t: number) => cal.weekday[t]! * 24 + cal.hourOfDay[t]!;
function ewMultiplicative(o: number, profileHalfLifeWeeks: number, levelHalfLifeHours: number): number[] {
  const profile = new Float64Array(168);
  const weight = new Float64Array(168);
  for (let t = Math.max(0, o - 52 * 168); t < o; t++) {
    if (cal.holiday[t]! > 0 || cal.festive[t]! > 0) continue;
    const w = 0.5 ** ((o - t) / (profileHalfLifeWeeks * 168));
    profile[slot(t)]! += w * y[t]!;
    weight[slot(t)]! += w;
  }
  for (let s = 0; s < 168; s++) profile[s]! /= weight[s]!;
  let sy = 0;
  let sp = 0;
  for (let t = Math.max(0, o - 8 * levelHalfLifeHours); t < o; t++) {
    if (cal.holiday[t]! > 0 || cal.festive[t]! > 0) continue;
    const w = 0.5 ** ((o - t) / levelHalfLifeHours);
    sy += w * y[t]!;
    sp += w * profile[slot(t)]!;
  }
  return Array.from({ length: H }, (_, h) => (profile[slot(o + h)]! * sy) / sp);
}
for (const [ph, lh] of [
  [26, 72],
  [26, 168],
] as const) {
  const m = new Map(tune.map((r) => [r.origin, ewMultiplicative(r.origin, ph, lh)]));
  line(
    `hour-of-week (half-life ${ph} w) x level (half-life ${lh} h)`,
    mase((r, h) => m.get(r.origin)![h]!),
  );
}
const ew = new Map(tune.map((r) => [r.origin, ewMultiplicative(r.origin, 26, 72)]));

// (3) Linear model on lagged counts, per origin on the 120 days before it: same hour on the origin's eve, the same
// hour one and two weeks back, the multiplicative forecast, last-24 h mean x its profile, 1- and 4-week means.
function lagFeatures(o: number, h: number, profile: readonly number[]): number[] {
  const mean = (k: number) => {
    let s = 0;
    for (let t = o - k; t < o; t++) s += y[t]!;
    return s / k;
  };
  return [
    1,
    y[o - 24 + ((o + h) % 24)]!,
    y[o + h - 168 * Math.ceil((h + 1) / 168)]!,
    y[o + h - 336]!,
    profile[h]!,
    mean(24) * profile[h]!,
    mean(168),
    mean(672),
  ];
}
const lagged = new Map<number, number[]>();
for (const r of tune) {
  const x: number[][] = [];
  const t: number[] = [];
  for (let k = 3; k < 123; k++) {
    const o = r.origin - 24 * k;
    const p = ewMultiplicative(o, 26, 72);
    for (let h = 0; h < H; h++) {
      x.push(lagFeatures(o, h, p));
      t.push(y[o + h]!);
    }
  }
  const beta = ridge(x, t, 10);
  const p = ewMultiplicative(r.origin, 26, 72);
  lagged.set(
    r.origin,
    Array.from({ length: H }, (_, h) =>
      Math.max(
        0.05,
        lagFeatures(r.origin, h, p).reduce((s, v, j) => s + v * beta[j]!, 0),
      ),
    ),
  );
}
line(
  'linear model on lagged counts (ridge)',
  mase((r, h) => lagged.get(r.origin)![h]!),
);

// (4) Ensembles and blends.
const med = (v: number[]) => v.sort((a, b) => a - b)[1]!;
line(
  'mean of count regression and lagged-count model',
  mase((r, h) => (r.cr[h]! + lagged.get(r.origin)![h]!) / 2),
);
line(
  '0.7 x count regression + 0.3 x multiplicative',
  mase((r, h) => 0.7 * r.cr[h]! + 0.3 * ew.get(r.origin)![h]!),
);
line(
  'mean of count regression, lagged, multiplicative',
  mase((r, h) => (r.cr[h]! + lagged.get(r.origin)![h]! + ew.get(r.origin)![h]!) / 3),
);
line(
  'median of count regression, lagged, multiplicative',
  mase((r, h) => med([r.cr[h]!, lagged.get(r.origin)![h]!, ew.get(r.origin)![h]!])),
);
line(
  'median of count regression, multiplicative, baseline',
  mase((r, h) => med([r.cr[h]!, ew.get(r.origin)![h]!, r.how[h]!])),
);
line(
  'geometric blend count regression^0.8 x baseline^0.2',
  mase((r, h) => r.cr[h]! ** 0.8 * Math.max(r.how[h]!, 0.05) ** 0.2),
);
// (5) A point below the mean (towards the median, which minimises absolute error), for both.
line(
  'count regression mean - 0.2 (not a mean forecast)',
  mase((r, h) => Math.max(r.cr[h]! - 0.2, 0)),
);
line(
  'baseline mean - 0.2 (not a mean forecast)',
  mase((r, h) => Math.max(r.how[h]! - 0.2, 0)),
);

// (6) Iowa weather and game days (columns of the source file), against the first forecast day's residual.
if (which !== 'uk') {
  const path = findDataset('forecasting', 'uihc_ed_arrivals_hourly_2013-2018.csv');
  if (path) {
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    const tempCol = header.indexOf('temp');
    const gameCol = header.indexOf('game_day');
    const temp = lines.slice(1).map((l) => Number(l.split(',')[tempCol]));
    const game = lines.slice(1).map((l) => Number(l.split(',')[gameCol]));
    const res: number[] = [];
    const anomaly: number[] = [];
    const onGame: number[] = [];
    for (const r of rows) {
      let day = 0;
      let around = 0;
      for (let h = 0; h < 24; h++) day += temp[r.origin + h]! / 24;
      for (let t = r.origin - 360; t < r.origin + 360; t++) around += temp[t]! / 720;
      res.push(dayRes(r.origin));
      anomaly.push(day - around);
      if (game[r.origin + 12]) onGame.push(dayRes(r.origin));
    }
    const mr = res.reduce((s, v) => s + v, 0) / res.length;
    const ma = anomaly.reduce((s, v) => s + v, 0) / anomaly.length;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < res.length; i++) {
      sxy += (res[i]! - mr) * (anomaly[i]! - ma);
      sxx += (anomaly[i]! - ma) ** 2;
      syy += (res[i]! - mr) ** 2;
    }
    const r = sxy / Math.sqrt(sxx * syy);
    console.log(
      `iowa weather: correlation of the day's residual with that day's observed temperature anomaly ${r.toFixed(2)} ` +
        `(explains ${(100 * r * r).toFixed(1)} % of its variance; ${((1000 * sxy) / sxx).toFixed(1)} % more arrivals per 10 °F warmer); ` +
        `game days ${onGame.length}, mean residual ${(onGame.reduce((s, v) => s + v, 0) / Math.max(onGame.length, 1)).toFixed(3)} vs all days ${mr.toFixed(3)}`,
    );
  }
}
// (7) The blend with the count regression alone on public-holiday and festive hours (the multiplicative model has
// no holiday effects).
const special = (t: number) => cal.holiday[t]! > 0 || cal.festive[t]! > 0 || cal.afterHoliday[t]! > 0;
for (const w of [0.6, 0.7, 0.8])
  line(
    `${w} x count regression + ${(1 - w).toFixed(1)} x multiplicative, CR on holidays`,
    mase((r, h) => (special(r.origin + h) ? r.cr[h]! : w * r.cr[h]! + (1 - w) * ew.get(r.origin)![h]!)),
  );
