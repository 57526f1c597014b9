import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import { runHeavy } from '../app/work.js';
import type { PrincipalRole } from '../auth/roles.js';
import { MODEL_IDS } from '../forecast/models/registry.js';

/** Aggregate arrivals only, no patient record: the calculator roles. */
const STAFFING_ROLES: readonly PrincipalRole[] = ['admin', 'clinician', 'researcher'];

export const staffingRequestSchema = z.object({
  csv: z.string().min(1).max(5_000_000).describe('timestamp,count CSV text, one row per hour'),
  testStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  weeks: z.number().int().min(1).max(26).default(8),
  seeds: z.number().int().min(1).max(20).default(5),
  model: z.enum(MODEL_IDS).default('count-regression'),
  country: z.enum(['US', 'GB-EAW', 'none']).default('none'),
  timeZone: z.string().default('UTC'),
  serviceMeanMinutes: z.number().positive().max(600).default(20),
  serviceCv: z.number().positive().max(10).default(1),
  shiftHours: z.number().int().min(1).max(24).default(8),
  minStaff: z.number().int().min(1).max(1000).default(2),
  staffHours: z.number().int().positive().optional(),
  currentRota: z
    .array(z.number().int().min(0).max(10_000))
    .refine((r) => r.length === 24 || r.length === 168, '24 values (hour of day) or 168 (hour of week)')
    .optional()
    .describe(
      'The department’s current rota, simulated as given: clinicians per local hour of day (24) or of week (168, Monday 00:00 first); the three rotas then get its staff-hours unless staffHours is set',
    ),
});

export type StaffingRequest = z.infer<typeof staffingRequestSchema>;

const interval = z.object({ lower: z.number(), upper: z.number() });
const rotaSchema = z.object({
  mean_wait_min: z.number(),
  p90_wait_min: z.number(),
  share_over_4h: z.number(),
  staff_hours: z.number(),
  interval95: z.object({ mean_wait_min: interval, p90_wait_min: interval, share_over_4h: interval }),
  min_staff: z.number(),
  max_staff: z.number(),
});

export const staffingResponseSchema = z.object({
  weeks: z.number(),
  staff_hours: z.number(),
  rotas: z.object({ flat: rotaSchema, template: rotaSchema, forecast: rotaSchema }),
  current: rotaSchema.optional(),
  seeds: z.number(),
  first_hour: z.string(),
  last_hour: z.string(),
  patients: z.number(),
  mean_wait_reduction: z.object({
    vs_flat: z.number(),
    vs_template: z.number(),
    vs_current: z.number().optional(),
  }),
  planning_ms: z.number(),
  simulation_ms: z.number(),
});

/** `POST /v1/operations/staffing`: the `healthgpt eval staffing` evaluation, run in the worker pool. */
export function registerOperationsRoutes(app: HttpApp, context: AppContext): void {
  app.post(
    '/v1/operations/staffing',
    {
      schema: {
        tags: ['operations'],
        summary:
          'Simulated waits under flat, historical-template and forecast-driven rotas at equal staff-hours, on real hourly arrivals',
        body: staffingRequestSchema,
        response: { 200: staffingResponseSchema },
      },
      config: { access: { roles: STAFFING_ROLES } },
    },
    async (request) => {
      const b = request.body as StaffingRequest;
      return runHeavy(context, 'operations.staffing', {
        csv: b.csv,
        options: {
          testStart: b.testStart,
          weeks: b.weeks,
          seeds: b.seeds,
          model: b.model,
          country: b.country,
          timeZone: b.timeZone,
          service: { kind: 'lognormal', meanMinutes: b.serviceMeanMinutes, cv: b.serviceCv },
          sizing: { shiftHours: b.shiftHours, minStaff: b.minStaff },
          ...(b.staffHours !== undefined ? { staffHours: b.staffHours } : {}),
          ...(b.currentRota !== undefined ? { currentRota: b.currentRota } : {}),
        },
      });
    },
  );
}
