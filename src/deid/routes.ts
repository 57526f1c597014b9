import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import { runHeavy } from '../app/work.js';
import type { PrincipalRole } from '../auth/roles.js';
import { HealthGptError } from '../engine/errors.js';
import { caseToBundle } from '../fhir/export-bundle.js';
import { MAX_TEXT_CHARS } from './detect.js';
import { deidentifyForExport } from './export.js';
import { fhirDeidSecret } from './fhir.js';
import { mappingKeyFromEnv, surrogateSecret } from './surrogates.js';
import { PHI_CATEGORIES } from './types.js';

/** Who may de-identify: clinicians and admins (they hold the identified data), researchers (they get the output). */
const DEID_ROLES: readonly PrincipalRole[] = ['admin', 'clinician', 'researcher'];
/** A de-identified export of a stored case reads the record: clinicians and admins, and researchers (de-identified only). */
const EXPORT_ROLES: readonly PrincipalRole[] = ['admin', 'clinician', 'researcher'];
/** A limited data set keeps dates, city and postal code: still PHI, for those who may read the record itself. */
const LIMITED_DATA_SET_ROLES: readonly PrincipalRole[] = ['admin', 'clinician'];

const spanSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  category: z.enum(PHI_CATEGORIES),
  text: z.string(),
  source: z.enum(['pattern', 'context', 'dictionary', 'model']),
  rule: z.string(),
  score: z.number(),
});

const bodySchema = z
  .object({
    text: z.string().max(MAX_TEXT_CHARS).optional().describe('a clinical note (UTF-8)'),
    fhir: z.record(z.string(), z.unknown()).optional().describe('a FHIR R4 resource or Bundle'),
    mode: z.enum(['redact', 'surrogate']).default('redact'),
    profile: z.enum(['safe-harbor', 'limited-data-set']).default('safe-harbor'),
    patientKey: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('same key: same surrogate names and date shift'),
    keepMapping: z
      .boolean()
      .default(false)
      .describe('keep the re-identification mapping, sealed with AES-256-GCM under HEALTHGPT_DEID_KEY'),
  })
  .strict()
  .refine((b) => (b.text === undefined) !== (b.fhir === undefined), {
    message: 'give exactly one of text or fhir',
    path: ['text'],
  });

const responseSchema = z.object({
  mode: z.enum(['redact', 'surrogate']),
  text: z.string().optional(),
  spans: z.array(spanSchema).optional(),
  counts: z.record(z.string(), z.number()).optional(),
  fhir: z.unknown().optional(),
  removed: z.array(z.object({ path: z.string(), action: z.string(), reason: z.string() })).optional(),
  profile: z.string().optional(),
  modelVersion: z.string().optional(),
  mapping: z
    .object({ alg: z.literal('A256GCM'), iv: z.string(), tag: z.string(), ciphertext: z.string() })
    .optional(),
  status: z.literal('experimental'),
});

/**
 * The mapping key as this thread reads it, for a worker to seal with. A key this thread cannot read (malformed) is
 * not passed: the task then meets the same error, at the same point, as it would here.
 */
function outboundMappingKey(keepMapping: boolean): { mappingKey?: Uint8Array } {
  if (!keepMapping) return {};
  try {
    const key = mappingKeyFromEnv();
    return key ? { mappingKey: new Uint8Array(key) } : {};
  } catch {
    return {};
  }
}

function fromBody(error: unknown): unknown {
  return error instanceof HealthGptError ? error.withFieldPrefix('/body') : error;
}

/** `POST /v1/deid` (text or FHIR) and `GET /v1/cases/{id}/deid` (a case's FHIR Bundle, de-identified). */
export function registerDeidRoutes(app: HttpApp, context: AppContext): void {
  app.post(
    '/v1/deid',
    {
      config: { access: { roles: DEID_ROLES, audit: 'deid.run', resourceType: 'text' } },
      schema: {
        tags: ['deid'],
        summary:
          'De-identify a note or a FHIR resource (Safe Harbor or limited data set), each removal explained',
        description:
          'Text: identifiers found by patterns and checksums, context rules, dictionaries and a token classifier; replaced by [NAME]-style placeholders or consistent surrogates. FHIR: identifiers, names, telecom, addresses, dates and narratives by profile. Experimental: see docs/deid.md for measured recall and precision.',
        body: bodySchema,
        response: { 200: responseSchema },
      },
    },
    async (request) => {
      const body = request.body;
      try {
        if (body.text !== undefined) {
          // In the worker pool when the server has one: 2 MB of text (or 10 MB of FHIR) takes 10–20 s, which would
          // hold every request.
          const r = await runHeavy(context, 'deid.text', {
            text: body.text,
            mode: body.mode,
            keepMapping: body.keepMapping,
            ...(body.patientKey ? { patientKey: body.patientKey } : {}),
            ...(body.mode === 'surrogate' ? { secret: surrogateSecret() } : {}),
            ...outboundMappingKey(body.keepMapping),
          });
          return {
            mode: r.mode,
            text: r.text,
            spans: [...r.spans],
            counts: r.counts as Record<string, number>,
            ...(r.modelVersion ? { modelVersion: r.modelVersion } : {}),
            ...(r.mapping ? { mapping: r.mapping } : {}),
            status: 'experimental' as const,
          };
        }
        const r = await runHeavy(context, 'deid.fhir', {
          resource: body.fhir,
          profile: body.profile,
          mode: body.mode,
          ...(body.patientKey ? { patientKey: body.patientKey } : {}),
          secret: fhirDeidSecret(),
        });
        return {
          mode: body.mode,
          fhir: r.resource,
          removed: [...r.removed],
          profile: r.profile,
          status: 'experimental' as const,
        };
      } catch (error) {
        throw fromBody(error);
      }
    },
  );

  app.get(
    '/v1/cases/:id/deid',
    {
      config: { access: { roles: EXPORT_ROLES, audit: 'case.export-deid', resourceType: 'case' } },
      schema: {
        tags: ['deid'],
        summary:
          'A stored case as a FHIR Bundle, de-identified for research (Safe Harbor or limited data set)',
        params: z.object({ id: z.string().min(1).max(100) }).strict(),
        querystring: z
          .object({ profile: z.enum(['safe-harbor', 'limited-data-set']).default('safe-harbor') })
          .strict(),
        response: { 200: z.object({ profile: z.string(), bundle: z.unknown(), removed: z.number().int() }) },
      },
    },
    async (request) => {
      const role = request.principal?.role;
      if (request.query.profile === 'limited-data-set' && !(role && LIMITED_DATA_SET_ROLES.includes(role)))
        throw new HealthGptError(
          'forbidden',
          'a limited data set of a stored case (dates kept) needs the clinician or admin role; researchers get safe-harbor',
        );
      const found = context.store.cases.get(request.params.id);
      if (!found) throw HealthGptError.notFound('case', request.params.id);
      const r = deidentifyForExport(caseToBundle(found, context.store.assessments.listForCase(found.id)), {
        profile: request.query.profile,
      });
      return { profile: r.profile, bundle: r.resource, removed: r.removed.length };
    },
  );
}
