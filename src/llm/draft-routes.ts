import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { PrincipalRole } from '../auth/roles.js';
import { HealthGptError } from '../engine/errors.js';
import { DRAFT_KINDS, draftFromCase } from './draft.js';
import type { LlmService } from './service.js';

/** A draft reads the stored record: clinicians and admins. */
const CASE_ROLES: readonly PrincipalRole[] = ['admin', 'clinician'];

const draftSchema = z.object({
  kind: z.enum(DRAFT_KINDS),
  text: z.string(),
  template: z.string(),
  generated: z.boolean(),
  model: z.string().optional(),
  usage: z
    .object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() })
    .optional(),
  polishRejected: z.string().optional(),
  assessmentIds: z.array(z.string()),
});

/** `POST /v1/cases/{id}/draft`: a note or referral letter from the case's structured record. */
export function registerDraftRoutes(app: HttpApp, service: LlmService): void {
  app.post(
    '/v1/cases/:id/draft',
    {
      config: { access: { roles: CASE_ROLES, audit: 'case.draft', resourceType: 'case' } },
      schema: {
        tags: ['llm'],
        summary:
          'Draft a clinical note or a referral letter from a case (template; a configured model may polish it)',
        description:
          'The template is filled from the structured record and stored assessments (never the free-text note), with no model. With a model configured and polish not false, the model rewrites it; the rewrite is used only when every number of the template is still in it, otherwise the template is returned with polishRejected saying why. The draft is not stored.',
        params: z.object({ id: z.string().min(1).max(100) }).strict(),
        body: z
          .object({
            kind: z.enum(DRAFT_KINDS),
            to: z.string().max(200).optional().describe('referral: addressed to'),
            reason: z.string().max(2000).optional().describe('referral: why, in the clinician’s words'),
            polish: z.boolean().default(true),
          })
          .strict(),
        response: { 200: draftSchema },
      },
    },
    async (request) => {
      const found = service.cases().get(request.params.id);
      if (!found) throw HealthGptError.notFound('case', request.params.id);
      const { kind, to, reason, polish } = request.body;
      const draft = await draftFromCase(found, service.assessments(found.id), service.provider, {
        kind,
        polish,
        ...(to ? { to } : {}),
        ...(reason ? { reason } : {}),
      });
      return { ...draft, assessmentIds: [...draft.assessmentIds] };
    },
  );
}
