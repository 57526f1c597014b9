import { parseCsv } from './csv.js';
import { ForecastInputError } from './ingest-error.js';
import { HOUR_MS } from './time-zone.js';
import { parseTimestamp, resolveTimestamp } from './timestamp.js';

/**
 * Covariates on a series' hour grid, each value being what was known at that hour ("as of"): a value enters at its
 * availability time (a weekly surveillance figure at its publication, not at the week it describes) and is carried
 * forward until the next one. At a forecast origin the model uses, for every hour ahead, the last value known before
 * the origin, so no forecast uses data that would not yet exist.
 */
export interface CovariateMatrix {
  readonly names: readonly string[];
  /** `values[c][t]`: covariate `c` as known at hour `t` of the series (NaN before its first value). */
  readonly values: readonly Float64Array[];
}

/** One covariate observation: the value, and when it became available (epoch ms). */
export interface CovariatePoint {
  readonly availableMs: number;
  readonly value: number;
}

/** Places observations on a series grid as-of: hour `t` sees the latest value available at or before its start. */
export function alignAsOf(points: readonly CovariatePoint[], startMs: number, length: number): Float64Array {
  const sorted = [...points].sort((a, b) => a.availableMs - b.availableMs);
  const out = new Float64Array(length).fill(Number.NaN);
  let j = 0;
  let current = Number.NaN;
  for (let t = 0; t < length; t++) {
    const hourStart = startMs + t * HOUR_MS;
    while (j < sorted.length && sorted[j]!.availableMs <= hourStart) current = sorted[j++]!.value;
    out[t] = current;
  }
  return out;
}

/**
 * Reads a covariate CSV (`timestamp,<name>…`). `timestamp` is when each value became available; `lagHours` (per
 * name, default 0) is added for values stamped with the period they describe (e.g. 168 + 144 for a weekly figure
 * stamped at the week's start and published six days after it ends). Errors name the row and column.
 */
export function parseCovariateCsv(
  text: string,
  options: { timeZone?: string; lagHours?: Readonly<Record<string, number>> } = {},
): Map<string, CovariatePoint[]> {
  const table = parseCsv(text);
  const tsCol = table.header.findIndex((h) => h.toLowerCase() === 'timestamp');
  if (tsCol < 0) throw new ForecastInputError("covariate file needs a 'timestamp' column", 1);
  const names = table.header.filter((_, i) => i !== tsCol);
  if (names.length === 0) throw new ForecastInputError('covariate file has no value columns', 1);
  const out = new Map<string, CovariatePoint[]>(names.map((n) => [n, []]));
  for (const { line, cells } of table.rows) {
    const text = cells[tsCol] ?? '';
    const parsed = parseTimestamp(text);
    if (!parsed) throw new ForecastInputError(`'${text}' is not an ISO 8601 date-time`, line, 'timestamp');
    const at = resolveTimestamp(parsed, options.timeZone ?? 'UTC')[0];
    if (at === undefined)
      throw new ForecastInputError(`'${text}' does not exist in ${options.timeZone}`, line, 'timestamp');
    table.header.forEach((name, c) => {
      if (c === tsCol) return;
      const cell = cells[c] ?? '';
      if (cell === '') return;
      const value = Number(cell);
      if (!Number.isFinite(value)) throw new ForecastInputError(`'${cell}' is not a number`, line, name);
      out.get(name)!.push({ availableMs: at + (options.lagHours?.[name] ?? 0) * HOUR_MS, value });
    });
  }
  return out;
}

/** Aligns named covariate observations onto a series grid (see `alignAsOf`). */
export function covariateMatrix(
  byName: ReadonlyMap<string, readonly CovariatePoint[]>,
  startMs: number,
  length: number,
): CovariateMatrix {
  const names = [...byName.keys()];
  return { names, values: names.map((n) => alignAsOf(byName.get(n)!, startMs, length)) };
}

/** The first `length` hours of a covariate matrix. */
export function sliceCovariates(matrix: CovariateMatrix, length: number): CovariateMatrix {
  return { names: matrix.names, values: matrix.values.map((v) => v.subarray(0, length)) };
}

/** Saturday ending MMWR week `week` of `year` (weeks start on Sunday; week 1 holds 4 January), as epoch ms. */
export function mmwrWeekEndMs(year: number, week: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const sundayOnOrBefore = jan4 - new Date(jan4).getUTCDay() * 86_400_000;
  return sundayOnOrBefore + ((week - 1) * 7 + 6) * 86_400_000;
}

/**
 * CDC ILINet weekly % weighted ILI for one region (`National` or `Region 1`…`Region 10`), from the FluView export
 * (columns `REGION TYPE,REGION,YEAR,WEEK,% WEIGHTED ILI,…`). Each week is available from the Saturday after the
 * week ends plus `publicationLagDays` (FluView posts Friday for the week ending the previous Saturday: 6 days; the
 * default 7 adds a day of margin).
 */
export function parseIliNet(text: string, region: string, publicationLagDays = 7): CovariatePoint[] {
  const table = parseCsv(text);
  const col = (name: string) => table.header.findIndex((h) => h.toUpperCase() === name);
  const regionCol = col('REGION');
  const typeCol = col('REGION TYPE');
  const yearCol = col('YEAR');
  const weekCol = col('WEEK');
  const iliCol = col('% WEIGHTED ILI');
  if ([regionCol, typeCol, yearCol, weekCol, iliCol].some((c) => c < 0)) {
    throw new ForecastInputError(
      'not an ILINet export (need REGION TYPE, REGION, YEAR, WEEK, % WEIGHTED ILI)',
      1,
    );
  }
  const points: CovariatePoint[] = [];
  for (const { cells } of table.rows) {
    const matches = region === 'National' ? cells[typeCol] === 'National' : cells[regionCol] === region;
    if (!matches) continue;
    const value = Number(cells[iliCol]);
    if (!Number.isFinite(value) || cells[iliCol] === 'X') continue;
    const weekEnd = mmwrWeekEndMs(Number(cells[yearCol]), Number(cells[weekCol]));
    points.push({ availableMs: weekEnd + (1 + publicationLagDays) * 86_400_000, value });
  }
  return points;
}
