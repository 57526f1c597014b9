import type { Bundle } from '@medplum/fhirtypes';
import { z } from 'zod';
import { type CovariatePoint, covariateMatrix } from './covariates.js';
import { type DepartmentForecast, forecastDepartment } from './department-forecast.js';
import type { HourlySeries, IngestReport } from './hourly-series.js';
import { ForecastInputError } from './ingest-error.js';
import { ingestHourlyCsv } from './ingest-hourly.js';
import { ingestEncounterBundle } from './ingest-visits.js';
import { MAX_COVARIATE_ABS, MAX_HOURLY_COUNT, MAX_SERIES_HOURS } from './limits.js';
import { MODEL_IDS } from './models/registry.js';
import { DEFAULT_POLICIES, type ResourcePolicy } from './staffing.js';
import { isValidTimeZone } from './time-zone.js';
import { parseTimestamp, resolveTimestamp } from './timestamp.js';

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const resourceSchema = z
  .object({
    id: z.enum(['clinicians', 'imaging']),
    demandShare: z.number().min(0).max(1).optional(),
    meanServiceMinutes: z.number().positive().max(1440).optional(),
    serviceCv: z.number().min(0).max(5).optional(),
    targetMinutes: z.number().min(0).max(1440).optional(),
    serviceLevel: z.number().gt(0).lt(1).optional(),
    staffQuantile: z.union([z.literal(0.5), z.literal(0.8), z.literal(0.9), z.literal(0.95)]).optional(),
    capacity: z.union([z.number().int().min(0), z.array(z.number().int().min(0))]).optional(),
  })
  .strict();

/** Body of `POST /v1/forecasts`: one department's series (or none, to reuse its stored one) and settings. */
export const forecastRequestSchema = z
  .object({
    department: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore (1–64)')
      .describe('Department id; forecasts are stored under it'),
    series: z
      .array(z.object({ timestamp: z.string(), count: z.number().max(MAX_HOURLY_COUNT) }).strict())
      .max(200_000)
      .optional()
      .describe('Hourly counts, one per hour, in time order'),
    seriesCsv: z
      .string()
      .max(10_000_000)
      .optional()
      .describe('Hourly counts as CSV text with header timestamp,count'),
    encounters: z
      .object({ resourceType: z.literal('Bundle') })
      .passthrough()
      .optional()
      .describe('A FHIR R4 Bundle of Encounter resources (arrival = period.start)'),
    encounterDepartment: z
      .string()
      .optional()
      .describe('Which department of the bundle to forecast (default: all)'),
    timeZone: z
      .string()
      .optional()
      .describe('IANA zone for naive timestamps and calendar features (default UTC)'),
    country: z.enum(['US', 'GB-EAW', 'none']).optional().describe('Public-holiday calendar'),
    schoolHolidays: z.array(z.object({ start: dateSchema, end: dateSchema }).strict()).optional(),
    covariates: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Za-z0-9_]{1,40}$/),
            points: z
              .array(
                z
                  .object({
                    timestamp: z.string().describe('When the value became available'),
                    value: z.number().min(-MAX_COVARIATE_ABS).max(MAX_COVARIATE_ABS),
                  })
                  .strict(),
              )
              .max(MAX_SERIES_HOURS),
          })
          .strict(),
      )
      .optional(),
    horizon: z.number().int().min(1).max(168).optional(),
    model: z.enum(MODEL_IDS).optional(),
    resources: z
      .array(resourceSchema)
      .optional()
      .describe('Staffing settings and rostered capacity per resource'),
    store: z.boolean().optional().describe('Store the forecast (default true)'),
  })
  .strict();

export type ForecastRequest = z.infer<typeof forecastRequestSchema>;

function seriesFromPoints(points: readonly { timestamp: string; count: number }[], timeZone: string) {
  const csv = ['timestamp,count', ...points.map((p) => `${p.timestamp},${p.count}`)].join('\n');
  return ingestHourlyCsv(csv, { timeZone });
}

/** Staffing policies: the defaults with the request's overrides. */
export function policiesFor(resources: ForecastRequest['resources']): ResourcePolicy[] {
  return DEFAULT_POLICIES.map((base) => {
    const override = resources?.find((r) => r.id === base.id);
    if (!override) return base;
    const { id: _id, ...rest } = override;
    return { ...base, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
  });
}

/** The series a request carries (exactly one source), or undefined when it names only a department. */
export function seriesFromRequest(
  request: ForecastRequest,
): { series: HourlySeries; report: IngestReport }[] | undefined {
  const timeZone = request.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw new ForecastInputError(`unknown time zone '${timeZone}'`);
  const sources = [request.series, request.seriesCsv, request.encounters].filter((s) => s !== undefined);
  if (sources.length > 1) throw new ForecastInputError('give one of series, seriesCsv or encounters');
  if (request.series) {
    const r = seriesFromPoints(request.series, timeZone);
    return [{ series: { ...r.series, department: request.department }, report: r.report }];
  }
  if (request.seriesCsv !== undefined) {
    const r = ingestHourlyCsv(request.seriesCsv, { timeZone, department: request.department });
    return [r];
  }
  if (request.encounters) {
    const r = ingestEncounterBundle(request.encounters as unknown as Bundle);
    const wanted = request.encounterDepartment;
    const chosen = wanted ? r.series.filter((s) => s.department === wanted) : r.series;
    if (chosen.length === 0) throw new ForecastInputError(`no encounters for department '${wanted}'`);
    return chosen.map((s) => ({
      series: {
        ...s,
        timeZone,
        department: chosen.length === 1 ? request.department : `${request.department}.${s.department}`,
      },
      report: r.report,
    }));
  }
  return undefined;
}

/** Runs a request's forecast for one series (covariates aligned as-of onto its grid). */
export function forecastFromRequest(
  request: ForecastRequest,
  series: HourlySeries,
  report: IngestReport | undefined,
): DepartmentForecast {
  let covariates: ReturnType<typeof covariateMatrix> | undefined;
  if (request.covariates?.length) {
    const byName = new Map<string, CovariatePoint[]>();
    for (const c of request.covariates) {
      byName.set(
        c.name,
        c.points.map((p, i) => {
          const parsed = parseTimestamp(p.timestamp);
          const at = parsed ? resolveTimestamp(parsed, series.timeZone)[0] : undefined;
          if (at === undefined) {
            throw new ForecastInputError(
              `covariates '${c.name}' point ${i}: '${p.timestamp}' is not an ISO 8601 date-time`,
            );
          }
          return { availableMs: at, value: p.value };
        }),
      );
    }
    covariates = covariateMatrix(byName, series.startMs, series.counts.length);
  }
  return forecastDepartment(series, {
    horizon: request.horizon ?? 72,
    ...(request.model ? { model: request.model } : {}),
    country: request.country ?? 'none',
    ...(request.schoolHolidays ? { schoolHolidays: request.schoolHolidays } : {}),
    ...(covariates ? { covariates } : {}),
    policies: policiesFor(request.resources),
    ...(report ? { ingest: report } : {}),
  });
}

/** A department's stored series as kept in the document store (counts as a plain array). */
export interface StoredSeriesInput {
  readonly department: string;
  readonly startMs: number;
  readonly timeZone: string;
  readonly counts: readonly number[];
}

/**
 * The whole computation of a forecast request, pure so that it can run in a worker thread: the request's series (or
 * the department's stored one when it carries none) fitted and forecast. Returns each forecast with its series.
 */
export function computeForecasts(
  request: ForecastRequest,
  stored?: StoredSeriesInput,
): { forecast: DepartmentForecast; series: HourlySeries }[] {
  let inputs = seriesFromRequest(request);
  if (!inputs) {
    if (!stored) throw new ForecastInputError(`no series given and none stored for '${request.department}'`);
    const series: HourlySeries = {
      department: stored.department,
      startMs: stored.startMs,
      timeZone: stored.timeZone,
      counts: Float64Array.from(stored.counts),
    };
    inputs = [{ series, report: undefined as never }];
  }
  return inputs.map(({ series, report }) => ({
    forecast: forecastFromRequest(request, series, report),
    series,
  }));
}

/** Whether a request carries its own series (else the department's stored series is used). */
export const carriesSeries = (request: ForecastRequest): boolean =>
  request.series !== undefined || request.seriesCsv !== undefined || request.encounters !== undefined;
