import { z } from 'zod';
import type { HttpApp } from '../../app/capability.js';
import { HealthGptError } from '../../engine/errors.js';
import { diagnoseText, MAX_VIGNETTE_CHARS } from './diagnose-text.js';

export const textDiagnosisBodySchema = z
  .object({
    /** Free text: a clinician's note or the patient's own words (English). */
    text: z.string().max(1_000_000),
    age: z.number().min(0).max(120).optional(),
    sex: z.enum(['female', 'male', 'other', 'unknown']).optional(),
  })
  .strict();

const triageSchema = z.looseObject({
  level: z.enum(['emergency', 'urgent', 'routine', 'self-care']),
  insufficient: z.boolean(),
  advice: z.string().optional(),
  reasons: z
    .array(
      z.looseObject({
        ruleId: z.string(),
        level: z.enum(['emergency', 'urgent', 'routine', 'self-care']),
        source: z.string(),
        text: z.string(),
      }),
    )
    .readonly(),
});

export const textDiagnosisSchema = z.object({
  differential: z
    .array(
      z.object({
        conditionId: z.string(),
        name: z.string(),
        icd10: z.string(),
        probability: z.number(),
        mustNotMiss: z.boolean(),
        supportingFindings: z.number().int(),
        sources: z.array(z.string()).readonly(),
        raisedBy: z.array(z.string()).readonly().optional(),
      }),
    )
    .readonly(),
  notCovered: z.number(),
  abstained: z.boolean(),
  abstainReason: z.enum(['no-findings', 'not-english', 'contradictory', 'implausible-for-age']).optional(),
  message: z.string(),
  triage: triageSchema,
  findings: z.object({ present: z.array(z.string()).readonly(), absent: z.array(z.string()).readonly() }),
  warnings: z.array(z.string()).readonly(),
  modelVersion: z.string().optional(),
});

/** `POST /v1/diagnosis/text`: free text → hedged differential (up to 10, with "not covered") and triage. */
export function registerTextDiagnosisRoutes(app: HttpApp): void {
  app.post(
    '/v1/diagnosis/text',
    {
      config: { access: { roles: ['admin', 'clinician', 'researcher'] } },
      schema: {
        tags: ['diagnosis'],
        summary: 'Differential and triage from free text (stateless)',
        description: `Reads the text (English, at most ${MAX_VIGNETTE_CHARS} characters) with the intake, combines the DDXPlus-trained model with the open-world model over several hundred conditions, and returns up to 10 conditions with ICD-10 codes, the share for "something the knowledge does not describe", the number of findings supporting each condition, and four-level triage with its reasons. Abstains (no list) when the text gives no symptom, is not English, or contradicts itself. Decision support, not a diagnosis.`,
        body: textDiagnosisBodySchema,
        response: { 200: textDiagnosisSchema },
      },
    },
    async (request) => {
      try {
        const result = diagnoseText({
          text: request.body.text,
          ...(request.body.age !== undefined ? { ageYears: request.body.age } : {}),
          ...(request.body.sex ? { sex: request.body.sex } : {}),
        });
        return {
          ...result,
          triage: { ...result.triage, reasons: result.triage.reasons.map((r) => ({ ...r })) },
        };
      } catch (error) {
        throw error instanceof HealthGptError ? error.withFieldPrefix('/body') : error;
      }
    },
  );
}
