import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import type { NewClinicalCase } from '../../clinical/case.js';
import { appendNote, mergeIntoCase, setFindings } from '../../clinical/merge.js';
import { clinicalCaseSchema, findingSchema } from '../../clinical/schemas.js';
import { HealthGptError } from '../../engine/errors.js';
import { createIntakeProcessor } from '../../intake/default.js';
import { checkConsultationText } from '../../intake/input.js';
import { diagnosisFindings, processBounded } from '../../intake/pipeline.js';
import { createCaseAudited } from '../../store/audited.js';
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

/** Reads a note with the intake and returns what it found, in the case's shape. */
function readNote(text: string, referenceDate?: string) {
  checkConsultationText(text);
  const record = processBounded(createIntakeProcessor(referenceDate ? { referenceDate } : {}), text);
  return {
    findings: diagnosisFindings(record),
    observations: record.observations,
    patient: record.patient,
    summary: record.summary.map((line) => ({ part: line.part, text: line.text })),
    partial: record.partial !== undefined,
  };
}

function counts(
  before: { findings: readonly unknown[]; observations: readonly unknown[] },
  after: NewClinicalCase,
) {
  return {
    findings: after.findings.length - before.findings.length,
    observations: after.observations.length - before.observations.length,
  };
}

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
      const { title, text, referenceDate } = request.body;
      const read = readNote(text, referenceDate);
      const empty = { id: 'new', title, patient: {}, findings: [], observations: [], images: [] };
      const { version: _v, ...fresh } = mergeIntoCase({ ...empty, createdAt: '', updatedAt: '' }, read);
      const created = createCaseAudited(
        store,
        { ...fresh, note: appendNote(undefined, text, new Date().toISOString()) },
        { actor: 'api', action: 'case.create-from-note', requestId: request.id },
      );
      sendVersioned(reply, created, `/v1/cases/${created.id}`);
      return reply.status(201).send({
        case: created,
        added: counts(empty, fresh),
        summary: read.summary,
        partial: read.partial,
      });
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
      const read = readNote(request.body.text, request.body.referenceDate);
      const result = store.transaction(() => {
        const current = store.cases.get(request.params.id);
        if (!current) throw HealthGptError.notFound('case', request.params.id);
        const merged = mergeIntoCase(current, read);
        const note = appendNote(current.note, request.body.text, new Date().toISOString());
        const { version: _v, ...content } = merged;
        const updated = store.cases.update(current.id, { ...content, note }, { ifVersion: current.version });
        if (!updated) throw HealthGptError.notFound('case', request.params.id);
        store.audit.record({
          actor: 'api',
          action: 'case.add-note',
          resourceType: 'case',
          resourceId: updated.id,
          requestId: request.id,
          outcome: 'success',
        });
        return { updated, added: counts(current, content) };
      });
      sendVersioned(reply, result.updated);
      return { case: result.updated, added: result.added, summary: read.summary, partial: read.partial };
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
      const updated = store.transaction(() => {
        const current = store.cases.get(request.params.id);
        if (!current) throw HealthGptError.notFound('case', request.params.id);
        const { version: _v, ...content } = setFindings(current, request.body.findings);
        const stored = store.cases.update(current.id, content, { ifVersion: current.version });
        if (!stored) throw HealthGptError.notFound('case', request.params.id);
        store.audit.record({
          actor: 'api',
          action: `case.set-findings${request.body.source ? `.${request.body.source}` : ''}`,
          resourceType: 'case',
          resourceId: stored.id,
          requestId: request.id,
          outcome: 'success',
        });
        return stored;
      });
      sendVersioned(reply, updated);
      return updated;
    },
  );
}
