import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import { runHeavy } from '../app/work.js';
import { HealthGptError } from '../engine/errors.js';
import type { DepartmentForecast } from './department-forecast.js';
import { carriesSeries, forecastRequestSchema } from './request.js';

/** A stored series, so a later request may give only the department id. */
interface StoredSeries {
  readonly department: string;
  readonly startMs: number;
  readonly timeZone: string;
  readonly counts: readonly number[];
}

const hourSchema = z.object({
  hour: z.string(),
  mean: z.number(),
  median: z.number(),
  lower80: z.number(),
  upper80: z.number(),
  lower95: z.number(),
  upper95: z.number(),
});

const staffingHourSchema = z.object({
  hour: z.string(),
  medianArrivals: z.number(),
  staffForArrivals: z.number(),
  neededAtMedian: z.number(),
  needed: z.number(),
  neededAtAlertQuantile: z.number(),
  capacity: z.number().optional(),
  expectedWithinTarget: z.number(),
  expectedMeanWaitMinutes: z.number(),
});

const alertSchema = z.object({
  hour: z.string(),
  resource: z.string(),
  severity: z.enum(['warning', 'critical']),
  needed: z.number(),
  capacity: z.number(),
  message: z.string(),
});

/** A stored forecast as the API returns it. */
export const storedForecastSchema = z.object({
  id: z.string(),
  department: z.string(),
  model: z.string(),
  generatedAt: z.string(),
  origin: z.string(),
  horizon: z.number(),
  timeZone: z.string(),
  hours: z.array(hourSchema),
  quantileLevels: z.array(z.number()),
  quantiles: z.array(z.array(z.number())),
  history: z.array(z.object({ hour: z.string(), count: z.number() })),
  staffing: z.array(
    z.object({
      resource: z.string(),
      title: z.string(),
      policy: z.record(z.string(), z.unknown()),
      hours: z.array(staffingHourSchema),
    }),
  ),
  alerts: z.array(alertSchema),
  ingest: z.record(z.string(), z.unknown()).optional(),
});

const summarySchema = z.object({
  id: z.string(),
  department: z.string(),
  model: z.string(),
  generatedAt: z.string(),
  origin: z.string(),
  horizon: z.number(),
  alerts: z.number(),
});

type Stored = DepartmentForecast & { id: string };
type ApiForecast = z.infer<typeof storedForecastSchema>;

/** The stored document in the API's shape (readonly arrays and interfaces are plain JSON already). */
const toApi = (forecast: Stored): ApiForecast => forecast as unknown as ApiForecast;

/**
 * `POST /v1/forecasts` (series, CSV or FHIR Encounter bundle in — or only a department id, to refit its stored series —
 * forecast, staffing and surge alerts out, stored per department), `GET /v1/forecasts` (newest first, filter by
 * department), `GET /v1/forecasts/{id}`, `GET /v1/departments/{department}/forecast` (the latest).
 */
export function registerForecastRoutes(app: HttpApp, context: AppContext): void {
  const { store } = context;
  const forecasts = store.documents.collection<Stored>('forecasts', (f) => f.department);
  const seriesStore = store.documents.collection<StoredSeries>('forecast-series', (s) => s.department);

  app.post(
    '/v1/forecasts',
    {
      schema: {
        tags: ['forecast'],
        summary: 'Forecast hourly arrivals for a department, with staffing and surge alerts',
        body: forecastRequestSchema,
        response: { 200: z.object({ items: z.array(storedForecastSchema) }) },
      },
    },
    async (request) => {
      const body = request.body;
      const stored = carriesSeries(body) ? undefined : seriesStore.get(body.department);
      if (!carriesSeries(body) && !stored)
        throw HealthGptError.notFound('stored series for department', body.department);
      // Ingest and fitting run in a worker thread with a time budget (src/server/work-pool.ts).
      const computed = await runHeavy(context, 'forecast.compute', {
        request: body,
        ...(stored ? { stored } : {}),
      });
      const items: Stored[] = [];
      for (const { forecast: result, series } of computed) {
        const forecast = { id: randomUUID(), ...result };
        if (body.store !== false) {
          store.transaction(() => {
            forecasts.put(forecast.id, forecast);
            seriesStore.put(series.department, {
              department: series.department,
              startMs: series.startMs,
              timeZone: series.timeZone,
              counts: Array.from(series.counts),
            });
          });
        }
        items.push(forecast);
      }
      return { items: items.map(toApi) };
    },
  );

  app.get(
    '/v1/forecasts',
    {
      schema: {
        tags: ['forecast'],
        summary: 'List stored forecasts, newest first',
        querystring: z
          .object({
            department: z.string().optional(),
            limit: z.coerce.number().int().min(1).max(200).optional(),
            offset: z.coerce.number().int().min(0).optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(summarySchema), total: z.number() }) },
      },
    },
    async (request) => {
      const { department, limit, offset } = request.query;
      const page = forecasts.list({
        limit: limit ?? 50,
        offset: offset ?? 0,
        ...(department ? { key: department } : {}),
      });
      return {
        total: page.total,
        items: page.items.map(({ id, document: f }) => ({
          id,
          department: f.department,
          model: f.model,
          generatedAt: f.generatedAt,
          origin: f.origin,
          horizon: f.horizon,
          alerts: f.alerts.length,
        })),
      };
    },
  );

  app.get(
    '/v1/forecasts/:id',
    {
      schema: {
        tags: ['forecast'],
        summary: 'One stored forecast',
        params: z.object({ id: z.string() }),
        response: { 200: storedForecastSchema },
      },
    },
    async (request) => {
      const found = forecasts.get(request.params.id);
      if (!found) throw HealthGptError.notFound('forecast', request.params.id);
      return toApi(found);
    },
  );

  app.get(
    '/v1/departments/:department/forecast',
    {
      schema: {
        tags: ['forecast'],
        summary: "A department's latest stored forecast",
        params: z.object({ department: z.string() }),
        response: { 200: storedForecastSchema },
      },
    },
    async (request) => {
      const latest = forecasts.list({ limit: 1, key: request.params.department }).items[0];
      if (!latest) throw HealthGptError.notFound('forecast for department', request.params.department);
      return toApi(latest.document);
    },
  );
}
