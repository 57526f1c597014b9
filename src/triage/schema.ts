import { z } from 'zod';
import { findingSchema, observationSchema, patientContextSchema } from '../clinical/schemas.js';
import { TRIAGE_LEVELS, type TriageInput, type TriageLevel } from './types.js';

export const triageLevelSchema = z.enum(TRIAGE_LEVELS as [TriageLevel, ...TriageLevel[]]);

export const triageVitalsSchema = z
  .object({
    respiratoryRate: z.number().min(0).max(100).optional().describe('breaths per minute'),
    spo2Percent: z.number().min(0).max(100).optional().describe('peripheral oxygen saturation, %'),
    spo2Scale2: z
      .boolean()
      .optional()
      .describe('SpO2 scale 2 (target 88–92 %), only for confirmed hypercapnic respiratory failure'),
    onOxygen: z.boolean().optional().describe('true on supplemental oxygen, false on room air'),
    systolicBp: z.number().min(0).max(350).optional().describe('mmHg'),
    pulse: z.number().min(0).max(350).optional().describe('beats per minute'),
    consciousness: z
      .enum(['alert', 'confusion', 'voice', 'pain', 'unresponsive'])
      .optional()
      .describe('ACVPU'),
    temperatureC: z.number().min(20).max(46).optional().describe('°C'),
  })
  .strict();

export const triageConditionSchema = z
  .object({
    conditionId: z.string().min(1).max(200),
    label: z.string().min(1).max(500),
    icd10: z.string().max(20).optional(),
    probability: z.number().min(0).max(1),
    mustNotMiss: z.boolean().optional(),
    careLevel: triageLevelSchema.optional(),
  })
  .strict();

export const triageInputSchema = z
  .object({
    patient: patientContextSchema.optional(),
    findings: z.array(findingSchema).max(2000),
    observations: z.array(observationSchema).max(2000).optional(),
    vitals: triageVitalsSchema.optional(),
    differential: z.array(triageConditionSchema).max(2000).optional(),
    onset: z
      .object({
        shortestDays: z.number().min(0).max(50_000).optional().describe('shortest time course written, days'),
        longestDays: z.number().min(0).max(50_000).optional().describe('longest time course written, days'),
        sudden: z.boolean().describe('the complaint began suddenly'),
        worsening: z.boolean().describe('the complaint is getting worse over time'),
      })
      .strict()
      .optional()
      .describe("the complaint's time course (the free-text path reads it from the note)"),
  })
  .strict();

/** The schema's output is a `TriageInput` (checked at compile time). */
export type TriageInputSchema = typeof triageInputSchema;
const _check: (input: z.output<TriageInputSchema>) => TriageInput = (input) => input;
void _check;

export const triageReasonSchema = z.object({
  ruleId: z.string(),
  level: triageLevelSchema,
  source: z.enum([
    'red-flag',
    'news2',
    'must-not-miss',
    'differential',
    'observation',
    'complaint',
    'learned',
    'default',
  ]),
  text: z.string(),
  citation: z.string().optional(),
  evidence: z.array(z.string()).readonly().optional(),
});

export const triageResultSchema = z.object({
  level: triageLevelSchema,
  reasons: z.array(triageReasonSchema).readonly(),
  news2: z
    .object({
      total: z.number().optional(),
      parameters: z
        .array(
          z.object({
            parameter: z.string(),
            value: z.union([z.number(), z.string(), z.boolean()]),
            score: z.number(),
          }),
        )
        .readonly(),
      missing: z.array(z.string()).readonly(),
      singleParameter3: z.boolean(),
      response: z.enum(['low', 'low-medium', 'medium', 'high']).optional(),
      spo2Scale: z.union([z.literal(1), z.literal(2)]),
    })
    .optional(),
  insufficient: z.boolean(),
  advice: z.string(),
});
