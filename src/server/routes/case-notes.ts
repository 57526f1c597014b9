import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { clinicalCaseSchema, findingSchema } from '../../clinical/schemas.js';
import { addNoteToCase, createCaseFromNote, setCaseFindings } from '../../intake/case-note.js';
import type { HttpApp } from '../http-app.js';
import { sendVersioned } from '../versioning.js';
import { idParams } from './cases.js';

const noteBody = z
  .object({
    text: z.string().min(1).describe('The consultation note, as typed or dictated'),
    referenceDate: z.iso.date().optional().describe('Date the note was written (for "since Monday")'),
  })
  .strict();

const newCaseFromNoteBody = noteBody
  .extend({ title: z.string().min(1).max(200).describe('A short label the clinician recognises') })
  .strict();

const findingsBody = z
  .object({
    findings: z.array(findingSchema).min(1).max(500),
    source: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('What produced the findings (e.g. "interview"), for the audit log'),
  })
  .strict();

const noteResult = z.object({
  case: clinicalCaseSchema,
  added: z.object({ findings: z.number().int(), observations: z.number().int() }),
  summary: z.array(z.object({ part: z.string(), text: z.string() })).readonly(),
  partial: z.boolean().describe('true when the note was too long to read whole'),
});

/**
 * The one path from what a clinician writes to the case: a note read by the intake creates a case or is added to one
 * (findings, values, age and sex merged as `mergeIntoCase` does it, the note kept), and findings from the interview
 * (or any client) are set on a case. Each change is one transaction, so nothing is half-stored.
 */
export function registerCaseNoteRoutes(app: HttpApp, { store }: AppContext) {
  app.post(
    '/v1/cases/from-note',
    {
      schema: {
        tags: ['cases'],
        summary: 'Create a case from a consultation note (read by the intake: findings, values, age and sex)',
        body: newCaseFromNoteBody,
        response: { 201: noteResult },
      },
    },
    async (request, reply) => {
      const result = createCaseFromNote(store, request.body, { actor: 'api', requestId: request.id });
      sendVersioned(reply, result.case, `/v1/cases/${result.case.id}`);
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/v1/cases/:id/notes',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Add a consultation note to a case: the note is kept and what the intake reads in it is merged in',
        description:
          'Findings not already on the case and values not already there are added; age and sex only where the case has none. Atomic: the case is read and written in one transaction.',
        params: idParams,
        body: noteBody,
        response: { 200: noteResult },
      },
    },
    async (request, reply) => {
      const result = addNoteToCase(store, request.params.id, request.body, {
        actor: 'api',
        requestId: request.id,
      });
      sendVersioned(reply, result.case);
      return result;
    },
  );

  app.post(
    '/v1/cases/:id/findings',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Set findings on a case (interview answers, accepted results): each replaces the same concept',
        description:
          'A finding replaces the case’s finding for the same concept about the same person (an answer "no fever" replaces an earlier "fever unknown"); other findings are kept. Atomic.',
        params: idParams,
        body: findingsBody,
        response: { 200: clinicalCaseSchema },
      },
    },
    async (request, reply) => {
      const updated = setCaseFindings(store, request.params.id, request.body.findings, {
        actor: 'api',
        requestId: request.id,
        ...(request.body.source ? { source: request.body.source } : {}),
      });
      sendVersioned(reply, updated);
      return updated;
    },
  );
}
