import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorAccumulator, type ForecastScores, weeklyNaiveScaleLookup } from '../../src/forecast/metrics.js';
import { type ProbabilisticForecast, QUANTILE_LEVELS } from '../../src/forecast/model.js';

export interface RMethodResult {
  readonly method: string;
  readonly scores: ForecastScores;
  readonly secondsPerOrigin: number;
  readonly origins: number;
}

/** Whether Rscript with the forecast package is installed. */
export function rForecastAvailable(): boolean {
  const probe = spawnSync('Rscript', ['-e', 'suppressPackageStartupMessages(library(forecast)); cat("ok")'], {
    encoding: 'utf8',
  });
  return probe.status === 0 && probe.stdout.includes('ok');
}

/**
 * Runs R's ets, tbats and auto.arima (forecast package) at the given origins, each fitted on the `windowHours`
 * before the origin, and scores them with the same metrics as the TypeScript models.
 */
export function runRForecast(
  counts: Float64Array,
  origins: readonly number[],
  horizon: number,
  windowHours: number,
): RMethodResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'healthgpt-r-'));
  writeFileSync(join(dir, 'counts.csv'), `count\n${Array.from(counts).join('\n')}\n`);
  writeFileSync(join(dir, 'origins.csv'), `origin\n${origins.join('\n')}\n`);
  const script = join(dirname(fileURLToPath(import.meta.url)), 'r-forecast.R');
  const out = join(dir, 'out.csv');
  const run = spawnSync(
    'Rscript',
    [script, join(dir, 'counts.csv'), join(dir, 'origins.csv'), String(horizon), String(windowHours), out],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (run.status !== 0) throw new Error(`Rscript failed: ${run.stderr.slice(-500)}`);
  const [header, ...lines] = readFileSync(out, 'utf8').trim().split('\n');
  const cols = header!.split(',').map((c) => c.replaceAll('"', ''));
  const idx = (name: string) => cols.indexOf(name);
  const qCols = QUANTILE_LEVELS.map((q) => idx(`q${q.toFixed(3)}`));
  const byMethod = new Map<string, Map<number, string[][]>>();
  for (const line of lines) {
    const cells = line.split(',').map((c) => c.replaceAll('"', ''));
    const method = cells[idx('method')]!;
    const origin = Number(cells[idx('origin')]);
    if (!byMethod.has(method)) byMethod.set(method, new Map());
    const m = byMethod.get(method)!;
    if (!m.has(origin)) m.set(origin, []);
    m.get(origin)!.push(cells);
  }
  const scale = weeklyNaiveScaleLookup(counts);
  const results: RMethodResult[] = [];
  for (const [method, perOrigin] of byMethod) {
    const acc = new ErrorAccumulator();
    let seconds = 0;
    for (const [origin, rows] of perOrigin) {
      rows.sort((a, b) => Number(a[idx('h')]) - Number(b[idx('h')]));
      const forecast: ProbabilisticForecast = {
        mean: Float64Array.from(rows, (r) => Number(r[idx('mean')])),
        quantiles: qCols.map((c) => Float64Array.from(rows, (r) => Number(r[c]))),
      };
      for (let h = 0; h < rows.length; h++) acc.addHour(forecast, h, counts[origin + h]!, scale(origin));
      seconds += Number(rows[0]![idx('seconds')]);
    }
    results.push({
      method,
      scores: acc.summary(),
      secondsPerOrigin: seconds / perOrigin.size,
      origins: perOrigin.size,
    });
  }
  return results;
}
