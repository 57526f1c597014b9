import { parseCsv } from './csv.js';
import { fillGapsSeasonally, type HourlySeries, type IngestReport } from './hourly-series.js';
import { ForecastInputError } from './ingest-error.js';
import { assertHourlyCount, assertSeriesSpan } from './limits.js';
import { HOUR_MS } from './time-zone.js';
import { parseTimestamp, resolveTimestamp } from './timestamp.js';

export interface HourlyIngestOptions {
  readonly department?: string;
  /** IANA zone for naive timestamps and calendar features; default UTC (naive times read as a wall-clock grid). */
  readonly timeZone?: string;
  readonly timestampColumn?: string;
  readonly countColumn?: string;
}

export interface HourlyIngestResult {
  readonly series: HourlySeries;
  readonly report: IngestReport;
}

/**
 * Reads an hourly count CSV (`timestamp,count`, one row per hour). Errors name the row: a timestamp that is not ISO
 * 8601 or not on the hour, text or a negative or fractional number in `count`, hours out of time order, or the same
 * hour twice with different counts. Documented repairs, all reported: an exact duplicate row is dropped; an empty
 * `count` or an absent hour is a gap filled with the count one week (else one day) earlier; in a `timeZone` with
 * daylight saving, a naive local hour that occurs twice (clocks going back) is read as its earlier then later instant.
 */
export function ingestHourlyCsv(text: string, options: HourlyIngestOptions = {}): HourlyIngestResult {
  const table = parseCsv(text);
  const lower = table.header.map((h) => h.toLowerCase());
  const tsName = (options.timestampColumn ?? 'timestamp').toLowerCase();
  const countName = (options.countColumn ?? 'count').toLowerCase();
  const tsCol = lower.indexOf(tsName);
  const countCol = lower.indexOf(countName);
  if (tsCol < 0 || countCol < 0) {
    throw new ForecastInputError(
      `header must have columns '${tsName}' and '${countName}' (got '${table.header.join(',')}')`,
      1,
    );
  }
  const timeZone = options.timeZone ?? 'UTC';
  const points: { hourMs: number; count: number; line: number }[] = [];
  const dstNotes: string[] = [];
  let duplicates = 0;
  let emptyCounts = 0;
  for (const { line, cells } of table.rows) {
    const tsText = cells[tsCol] ?? '';
    const parsed = parseTimestamp(tsText);
    if (!parsed)
      throw new ForecastInputError(`'${tsText}' is not an ISO 8601 date-time`, line, table.header[tsCol]);
    if (parsed.minute !== 0 || parsed.second !== 0) {
      throw new ForecastInputError(
        `'${tsText}' is not on the hour (hourly counts expected)`,
        line,
        table.header[tsCol],
      );
    }
    const instants = resolveTimestamp(parsed, timeZone);
    if (instants.length === 0) {
      throw new ForecastInputError(
        `'${tsText}' does not exist in ${timeZone} (skipped by a daylight-saving change)`,
        line,
        table.header[tsCol],
      );
    }
    const countText = cells[countCol] ?? '';
    let count = Number.NaN;
    if (countText === '') emptyCounts++;
    else {
      count = Number(countText);
      if (!Number.isFinite(count)) {
        throw new ForecastInputError(`'${countText}' is not a number`, line, table.header[countCol]);
      }
      if (count < 0) throw new ForecastInputError(`negative count ${count}`, line, table.header[countCol]);
      assertHourlyCount(count, line, table.header[countCol]);
      if (!Number.isInteger(count)) {
        throw new ForecastInputError(
          `count ${count} is not a whole number of arrivals`,
          line,
          table.header[countCol],
        );
      }
    }
    const previous = points[points.length - 1];
    let hourMs = instants[0]!;
    if (instants.length === 2 && previous && previous.hourMs >= instants[0]!) {
      hourMs = instants[1]!;
      dstNotes.push(
        `row ${line}: '${tsText}' occurs twice in ${timeZone}; read as the second (after clocks went back)`,
      );
    }
    if (previous && hourMs === previous.hourMs) {
      if (previous.count === count || (Number.isNaN(count) && Number.isNaN(previous.count))) {
        duplicates++;
        continue;
      }
      throw new ForecastInputError(
        `hour ${new Date(hourMs).toISOString()} appears twice with different counts (rows ${previous.line} and ${line})`,
        line,
      );
    }
    if (previous && hourMs < previous.hourMs) {
      throw new ForecastInputError(
        `timestamps out of order: '${tsText}' is before row ${previous.line} (${new Date(previous.hourMs).toISOString()})`,
        line,
        table.header[tsCol],
      );
    }
    if (points.length > 0) assertSeriesSpan(points[0]!.hourMs, hourMs, line);
    points.push({ hourMs, count, line });
  }
  if (points.length === 0) throw new ForecastInputError('no data rows', 2);
  const startMs = points[0]!.hourMs;
  const hours = (points[points.length - 1]!.hourMs - startMs) / HOUR_MS + 1;
  const counts = new Float64Array(hours).fill(Number.NaN);
  for (const p of points) counts[(p.hourMs - startMs) / HOUR_MS] = p.count;
  const imputed = new Uint8Array(hours);
  const missingExamples: string[] = [];
  for (let i = 0; i < hours; i++) {
    if (Number.isNaN(counts[i]!)) {
      imputed[i] = 1;
      if (missingExamples.length < 5) missingExamples.push(new Date(startMs + i * HOUR_MS).toISOString());
    }
  }
  const missingHours = fillGapsSeasonally(counts);
  const warnings: string[] = [];
  if (emptyCounts > 0)
    warnings.push(`${emptyCounts} rows had an empty count and were treated as missing hours`);
  if (missingHours > 0) {
    warnings.push(`${missingHours} missing hours filled with the count one week (else one day) earlier`);
  }
  return {
    series: { department: options.department ?? 'default', startMs, counts, timeZone, imputed },
    report: {
      rows: table.rows.length,
      hours,
      firstHour: new Date(startMs).toISOString(),
      lastHour: new Date(startMs + (hours - 1) * HOUR_MS).toISOString(),
      missingHours,
      missingExamples,
      gapRepair: missingHours > 0 ? 'seasonal' : 'none',
      duplicateRowsDropped: duplicates,
      daylightSavingNotes: dstNotes,
      warnings,
    },
  };
}
