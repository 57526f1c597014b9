/**
 * Zod schemas of the clinical types, used to validate every body the API and CLI accept and to generate the
 * OpenAPI document. Each schema matches the interface of the same name.
 */
import { z } from 'zod';
import { MAX_AGE_YEARS } from './patient.js';
import { implausibility } from './plausibility.js';

export const sexSchema = z.enum(['female', 'male', 'other', 'unknown']);

export const patientContextSchema = z
  .object({
    ageYears: z.number().min(0).max(MAX_AGE_YEARS).optional(),
    sex: sexSchema.optional(),
    caregiverAnswering: z.boolean().optional(),
  })
  .strict();

export const textSpanSchema = z
  .object({ start: z.number().int().min(0), end: z.number().int().min(0), text: z.string() })
  .strict()
  .refine((span) => span.end >= span.start, { message: 'end must not be before start', path: ['end'] });

export const codingSchema = z
  .object({ system: z.string().min(1), code: z.string().min(1), display: z.string().optional() })
  .strict();

/** Matches `SourceRecord`: the coded record (FHIR resource) an item was imported from. */
export const sourceRecordSchema = z
  .object({
    resourceType: z.string().min(1).max(100),
    id: z.string().max(200).optional(),
    coding: z.array(codingSchema).max(50).readonly().optional(),
    text: z.string().max(2000).optional(),
    valueCoding: z.array(codingSchema).max(50).readonly().optional(),
    panel: z
      .object({ id: z.string().max(200).optional(), coding: z.array(codingSchema).max(50).readonly() })
      .strict()
      .optional(),
    status: z.string().max(100).optional(),
    verificationStatus: z.string().max(100).optional(),
    derived: z.string().max(500).optional(),
  })
  .strict();

export const findingSchema = z
  .object({
    conceptId: z.string().min(1).max(200),
    label: z.string().max(500).optional(),
    status: z.enum(['present', 'absent', 'unknown']),
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string()).readonly()]).optional(),
    onset: z.string().max(200).optional(),
    durationDays: z.number().min(0).optional(),
    temporality: z.enum(['recent', 'historical', 'hypothetical']).optional(),
    experiencer: z.enum(['patient', 'other']).optional(),
    certainty: z.enum(['definite', 'possible']).optional(),
    sourceSpan: textSpanSchema.optional(),
    source: sourceRecordSchema.optional(),
  })
  .strict();

export const quantitySchema = z
  .object({ value: z.number().finite(), unit: z.string().min(1).max(50) })
  .strict();

export const observationSchema = z
  .object({
    code: codingSchema,
    value: quantitySchema,
    referenceRange: z
      .object({ low: quantitySchema.optional(), high: quantitySchema.optional() })
      .strict()
      .optional(),
    effectiveDateTime: z.iso.datetime({ offset: true }).optional(),
    sourceSpan: textSpanSchema.optional(),
    source: sourceRecordSchema.optional(),
  })
  .strict();

export const imageReferenceSchema = z
  .object({
    id: z.string().min(1),
    modality: z.string().optional(),
    contentType: z.string().min(1),
    blobId: z.string().min(1),
    widthPx: z.number().int().positive().optional(),
    heightPx: z.number().int().positive().optional(),
    pixelSpacingMm: z.tuple([z.number().positive(), z.number().positive()]).readonly().optional(),
    description: z.string().optional(),
  })
  .strict();

export const newClinicalCaseSchema = z
  .object({
    title: z.string().min(1).max(200),
    patient: patientContextSchema.default({}),
    findings: z.array(findingSchema).max(2000).readonly().default([]),
    observations: z
      .array(
        // Values no patient can have are refused where a case is written (not in engine outputs, which report them).
        observationSchema.superRefine((observation, ctx) => {
          const problem = implausibility(observation);
          if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['value', 'value'] });
        }),
      )
      .max(2000)
      .readonly()
      .default([]),
    images: z.array(imageReferenceSchema).max(200).readonly().default([]),
    note: z.string().max(1_000_000).optional(),
  })
  .strict();

export const clinicalCaseSchema = newClinicalCaseSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z
    .number()
    .int()
    .min(1)
    .describe('Version of the stored case; the ETag; required as If-Match on PUT'),
});

export const guidelineRefSchema = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  year: z.number().int(),
  current: z.boolean(),
  status: z.enum(['current', 'superseded']).optional(),
  published: z.string().optional(),
  supersededBy: z.string().optional(),
});

export const contributionSchema = z.object({
  input: z.string(),
  label: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  contribution: z.number(),
  unit: z.enum(['log-odds', 'points', 'probability', 'log-likelihood-ratio']),
});

export const explanationSchema = z.object({
  summary: z.string().optional(),
  baseline: z.number().optional(),
  contributions: z.array(contributionSchema).readonly(),
  rulesFired: z.array(z.string()).readonly().optional(),
  warnings: z.array(z.string()).readonly().optional(),
});

export const provenanceSchema = z.object({
  engineId: z.string(),
  engineVersion: z.string(),
  modelVersion: z.string().optional(),
  guideline: guidelineRefSchema.optional(),
  source: z.string().optional(),
  generatedAt: z.string(),
});

export const assessmentSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  engineId: z.string(),
  differential: z
    .object({
      entries: z
        .array(
          z.object({
            conditionId: z.string(),
            label: z.string(),
            icd10: z.string().optional(),
            probability: z.number(),
            mustNotMiss: z.boolean().optional(),
          }),
        )
        .readonly(),
    })
    .optional(),
  risk: z
    .object({
      modelId: z.string(),
      probability: z.number().optional(),
      score: z.number().optional(),
      category: z.string().optional(),
      applicable: z.boolean(),
      notApplicableReason: z.string().optional(),
    })
    .optional(),
  recommendations: z
    .array(
      z.object({
        text: z.string(),
        action: z.string().optional(),
        guideline: guidelineRefSchema.optional(),
        rule: z.string().optional(),
      }),
    )
    .readonly()
    .optional(),
  output: z.unknown().optional(),
  explanation: explanationSchema,
  provenance: provenanceSchema,
  createdAt: z.string(),
});
