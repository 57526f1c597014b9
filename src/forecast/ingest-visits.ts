import type { Bundle, Encounter } from '@medplum/fhirtypes';
import { parseCsv } from './csv.js';
import type { HourlySeries, IngestReport } from './hourly-series.js';
import { ForecastInputError } from './ingest-error.js';
import { assertSeriesSpan } from './limits.js';
import { HOUR_MS } from './time-zone.js';
import { parseTimestamp, resolveTimestamp } from './timestamp.js';

/** One arrival: when, and to which department. */
export interface Visit {
  readonly arrivalMs: number;
  readonly department: string;
}

export interface VisitIngestResult {
  readonly series: readonly HourlySeries[];
  readonly report: IngestReport;
}

/**
 * Aggregates visits into one hourly series per department over the same UTC hour grid (from the first visit's hour to
 * the last). An hour with no visit is a true zero, so there are no gaps to impute (`gapRepair: 'zero'`).
 */
export function aggregateVisits(
  visits: readonly Visit[],
  timeZone: string,
  rows: number,
  notes: { duplicates: number; dst: readonly string[]; warnings: readonly string[] },
): VisitIngestResult {
  if (visits.length === 0) throw new ForecastInputError('no visits');
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const v of visits) {
    first = Math.min(first, v.arrivalMs);
    last = Math.max(last, v.arrivalMs);
  }
  assertSeriesSpan(first, last);
  const startMs = Math.floor(first / HOUR_MS) * HOUR_MS;
  const hours = Math.floor(last / HOUR_MS) - startMs / HOUR_MS + 1;
  const byDepartment = new Map<string, Float64Array>();
  for (const v of visits) {
    let counts = byDepartment.get(v.department);
    if (!counts) {
      counts = new Float64Array(hours);
      byDepartment.set(v.department, counts);
    }
    counts[Math.floor(v.arrivalMs / HOUR_MS) - startMs / HOUR_MS]! += 1;
  }
  const series = [...byDepartment.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([department, counts]) => ({ department, startMs, counts, timeZone }));
  return {
    series,
    report: {
      rows,
      hours,
      firstHour: new Date(startMs).toISOString(),
      lastHour: new Date(startMs + (hours - 1) * HOUR_MS).toISOString(),
      missingHours: 0,
      missingExamples: [],
      gapRepair: 'zero',
      duplicateRowsDropped: notes.duplicates,
      daylightSavingNotes: notes.dst,
      warnings: notes.warnings,
    },
  };
}

/**
 * Reads visit-level records: a CSV with a `timestamp` column (arrival time, ISO 8601) and optionally `department`
 * (default `default`) and `id`. Rows with the same `id` are counted once (reported). Order does not matter. Naive
 * times are read in `timeZone`; one falling in a repeated daylight-saving hour is read as its first occurrence, one in
 * a skipped hour is an error naming the row.
 */
export function ingestVisitCsv(text: string, timeZone = 'UTC'): VisitIngestResult {
  const table = parseCsv(text);
  const lower = table.header.map((h) => h.toLowerCase());
  const tsCol = lower.indexOf('timestamp');
  const deptCol = lower.indexOf('department');
  const idCol = lower.indexOf('id');
  if (tsCol < 0)
    throw new ForecastInputError(
      `header must have a 'timestamp' column (got '${table.header.join(',')}')`,
      1,
    );
  const seen = new Set<string>();
  const visits: Visit[] = [];
  const dst: string[] = [];
  let duplicates = 0;
  for (const { line, cells } of table.rows) {
    const id = idCol >= 0 ? cells[idCol] : undefined;
    if (id) {
      if (seen.has(id)) {
        duplicates++;
        continue;
      }
      seen.add(id);
    }
    const text = cells[tsCol] ?? '';
    const parsed = parseTimestamp(text);
    if (!parsed) throw new ForecastInputError(`'${text}' is not an ISO 8601 date-time`, line, 'timestamp');
    const instants = resolveTimestamp(parsed, timeZone);
    if (instants.length === 0) {
      throw new ForecastInputError(
        `'${text}' does not exist in ${timeZone} (daylight-saving gap)`,
        line,
        'timestamp',
      );
    }
    if (instants.length > 1)
      dst.push(`row ${line}: '${text}' is ambiguous in ${timeZone}; read as the first occurrence`);
    const department = (deptCol >= 0 ? cells[deptCol] : undefined) || 'default';
    visits.push({ arrivalMs: instants[0]!, department });
  }
  const warnings =
    duplicates > 0 ? [`${duplicates} rows repeated an earlier visit id and were counted once`] : [];
  return aggregateVisits(visits, timeZone, table.rows.length, {
    duplicates,
    dst: dst.slice(0, 20),
    warnings,
  });
}

/** Department of an Encounter: its first service type, else location, else class code, else `default`. */
function departmentOf(encounter: Encounter): string {
  const serviceType = encounter.serviceType?.coding?.[0];
  if (serviceType?.code || encounter.serviceType?.text)
    return serviceType?.display ?? serviceType?.code ?? encounter.serviceType?.text ?? 'default';
  const location = encounter.location?.[0]?.location?.display;
  if (location) return location;
  return encounter.class?.code ?? 'default';
}

/**
 * Reads a FHIR R4 Bundle of Encounter resources (https://hl7.org/fhir/R4/encounter.html): the arrival is
 * `Encounter.period.start`; duplicates by `Encounter.id` are counted once; cancelled and entered-in-error encounters
 * are skipped (reported).
 */
export function ingestEncounterBundle(bundle: Bundle): VisitIngestResult {
  if (bundle.resourceType !== 'Bundle')
    throw new ForecastInputError(`expected a Bundle, got ${String(bundle.resourceType)}`);
  const visits: Visit[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let skipped = 0;
  let entryIndex = 0;
  for (const entry of bundle.entry ?? []) {
    entryIndex++;
    const resource = entry.resource;
    if (resource?.resourceType !== 'Encounter') continue;
    if (resource.status === 'cancelled' || resource.status === 'entered-in-error') {
      skipped++;
      continue;
    }
    if (resource.id) {
      if (seen.has(resource.id)) {
        duplicates++;
        continue;
      }
      seen.add(resource.id);
    }
    const start = resource.period?.start;
    const parsed = start ? parseTimestamp(start) : undefined;
    if (!parsed) {
      throw new ForecastInputError(
        `Bundle.entry[${entryIndex - 1}] Encounter.period.start is missing or not a dateTime`,
      );
    }
    visits.push({ arrivalMs: resolveTimestamp(parsed, 'UTC')[0]!, department: departmentOf(resource) });
  }
  const warnings: string[] = [];
  if (skipped > 0) warnings.push(`${skipped} cancelled or entered-in-error encounters skipped`);
  if (duplicates > 0) warnings.push(`${duplicates} encounters with a repeated id counted once`);
  return aggregateVisits(visits, 'UTC', bundle.entry?.length ?? 0, { duplicates, dst: [], warnings });
}
