import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import { runHeavy } from '../app/work.js';
import {
  explanationSchema,
  findingSchema,
  patientContextSchema,
  provenanceSchema,
} from '../clinical/schemas.js';
import { HealthGptError } from '../engine/errors.js';
import { triageResultSchema } from '../triage/schema.js';
import { type DdxEngine, ddxEngine, ddxInputSchema } from './ddx-engine.js';
import { InterviewMachine, type InterviewRecord } from './interview/session.js';
import { DdxInputError } from './kb-bridge.js';
import { registerTextDiagnosisRoutes } from './text/routes.js';

const contributionSchema = z.object({
  input: z.string(),
  label: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  contribution: z.number(),
  unit: z.enum(['log-odds', 'points', 'probability', 'log-likelihood-ratio']),
});

export const ddxEntrySchema = z.object({
  conditionId: z.string(),
  label: z.string(),
  icd10: z.string().optional(),
  probability: z.number(),
  modelProbability: z.number().optional(),
  mustNotMiss: z.boolean().optional(),
  severity: z.number(),
  differentialWeight: z.number(),
  explanation: z.object({
    baseline: z.number(),
    score: z.number(),
    contributions: z.array(contributionSchema).readonly(),
  }),
});

export const proposedQuestionSchema = z.object({
  conceptId: z.string(),
  label: z.string(),
  text: z.string(),
  type: z.enum(['binary', 'categorical', 'multi-choice', 'scale-0-10']),
  values: z
    .array(z.object({ id: z.string(), label: z.string() }))
    .readonly()
    .optional(),
  parentConceptId: z.string().optional(),
  expectedGainNats: z.number(),
  mustNotMissGainNats: z.number(),
  separates: z.array(z.object({ conditionId: z.string(), label: z.string() })).readonly(),
  why: z.string(),
});

/** The hedged differential (`hedge.ts`): prevalence-weighted shares earned by the findings present, and the rest. */
export const hedgedSchema = z.object({
  establishedFindings: z.number(),
  evidenceWeight: z.number(),
  notSettled: z.number(),
  entries: z
    .array(
      z.object({
        conditionId: z.string(),
        label: z.string(),
        icd10: z.string().optional(),
        share: z.number(),
        modelProbability: z.number(),
        mustNotMiss: z.boolean().optional(),
      }),
    )
    .readonly(),
});

export const ddxResultSchema = z.object({
  output: z.object({
    differential: z.object({ entries: z.array(ddxEntrySchema).readonly() }),
    hedged: hedgedSchema,
    questions: z.array(proposedQuestionSchema).readonly(),
    confident: z.boolean(),
    warnings: z.array(z.string()).readonly(),
  }),
  explanation: explanationSchema,
  provenance: provenanceSchema,
});

export const newInterviewSchema = z
  .object({
    patient: patientContextSchema.default({}),
    /** Opening findings (the presenting complaint at least). */
    findings: z.array(findingSchema).max(200).default([]),
    maxTurns: z.number().int().min(1).max(60).optional(),
    caseId: z.string().min(1).max(100).optional(),
  })
  .strict();

export const interviewAnswerSchema = z
  .object({
    conceptId: z.string().min(1).max(200),
    status: z.enum(['present', 'absent', 'unknown']),
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string()).max(200)]).optional(),
  })
  .strict();

export const interviewViewSchema = z.object({
  id: z.string(),
  caseId: z.string().optional(),
  patient: patientContextSchema,
  maxTurns: z.number(),
  findings: z.array(findingSchema).readonly(),
  initialFindingCount: z.number(),
  pendingConceptId: z.string().optional(),
  status: z.enum(['in-progress', 'complete']),
  stopReason: z.enum(['confident', 'budget', 'no-informative-question']).optional(),
  modelVersion: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  turns: z.number(),
  question: proposedQuestionSchema.optional(),
  differential: z.object({ entries: z.array(ddxEntrySchema).readonly() }),
  answers: z
    .array(
      z.object({
        conceptId: z.string(),
        status: z.enum(['present', 'absent', 'unknown']),
        value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string()).readonly()]).optional(),
      }),
    )
    .readonly()
    .optional(),
  complaint: z
    .object({
      id: z.string(),
      onset: z.string().optional(),
      duration: z.string().optional(),
      severity: z.string().optional(),
    })
    .optional(),
  progress: z.object({
    phase: z.enum(['complaint', 'characterise', 'red-flags', 'discriminate', 'complete']),
    answered: z.number(),
    remainingAtMost: z.number(),
    fraction: z.number(),
    register: z.string(),
  }),
  hedged: hedgedSchema,
  triage: triageResultSchema,
});

const idParams = z.object({ id: z.string().min(1).max(100) }).strict();

/** The engine's field errors point into its input; when that input was the request body, into the body. */
function fromBody(error: unknown): unknown {
  return error instanceof HealthGptError ? error.withFieldPrefix('/body') : error;
}

/**
 * `POST /v1/diagnosis` (stateless) and the interview sessions (`POST /v1/interviews`,
 * `POST /v1/interviews/{id}/answers`, `GET /v1/interviews/{id}`), stored in the `interviews` document collection.
 */
export function registerDiagnosisRoutes(app: HttpApp, context: AppContext, injected?: DdxEngine): void {
  const engine = injected ?? ddxEngine();
  // The default engine runs in the worker pool (time budget, event loop kept free); an injected one runs here.
  const runDdx = (input: Parameters<DdxEngine['run']>[0]) =>
    injected ? Promise.resolve(engine.run(input)) : runHeavy(context, 'diagnosis.run', { input });
  const interviews = context.store.documents.collection<InterviewRecord>(
    'interviews',
    (record) => record.caseId,
  );
  const machine = new InterviewMachine(engine);
  registerTextDiagnosisRoutes(app);
  const audit = (action: string, resourceId: string, requestId: string) =>
    context.store.audit.record({
      actor: 'api',
      action,
      resourceType: 'interview',
      resourceId,
      requestId,
      outcome: 'success',
    });

  app.post(
    '/v1/diagnosis',
    {
      schema: {
        tags: ['diagnosis'],
        summary: 'Differential diagnosis from findings (stateless)',
        description:
          'Findings use knowledge-base concept ids (status present / absent / unknown). Returns the ranked differential with calibrated probabilities, per-condition explanations and the most informative next questions. Decision support, not a diagnosis.',
        body: ddxInputSchema,
        response: { 200: ddxResultSchema },
      },
    },
    async (request) => {
      try {
        return await runDdx(request.body);
      } catch (error) {
        throw fromBody(error);
      }
    },
  );

  app.get(
    '/v1/cases/:id/diagnosis',
    {
      schema: {
        tags: ['diagnosis'],
        summary:
          "Differential from a case's findings (those the model knows; relatives' and hypothetical ones left out)",
        params: idParams,
        response: { 200: ddxResultSchema },
      },
    },
    async (request) => {
      const clinicalCase = context.store.cases.get(request.params.id);
      if (!clinicalCase) throw HealthGptError.notFound('case', request.params.id);
      // Without a finding present the engine lists nothing and its warning asks for the complaint (the same reason
      // `POST /v1/cases/{id}/assessments` gives as a 422).
      const input = engine.caseFindings(clinicalCase) ?? { patient: clinicalCase.patient, findings: [] };
      return runDdx(input);
    },
  );

  app.post(
    '/v1/interviews',
    {
      schema: {
        tags: ['diagnosis'],
        summary: 'Start an adaptive patient interview',
        body: newInterviewSchema,
        response: { 201: interviewViewSchema },
      },
    },
    async (request, reply) => {
      if (request.body.caseId && !context.store.cases.get(request.body.caseId)) {
        throw HealthGptError.unprocessable(`case '${request.body.caseId}' does not exist`, [
          { field: '/body/caseId', message: 'no such case' },
        ]);
      }
      let start = request.body;
      if (request.body.caseId && request.body.findings.length === 0) {
        // Open from the case: its patient (unless given) and the findings the model knows.
        const clinicalCase = context.store.cases.get(request.body.caseId)!;
        const fromCase = engine.caseFindings(clinicalCase);
        start = {
          ...request.body,
          patient: Object.keys(request.body.patient).length > 0 ? request.body.patient : clinicalCase.patient,
          findings: fromCase?.findings ?? [],
        };
      }
      let record: InterviewRecord;
      try {
        record = machine.start(start);
      } catch (error) {
        throw fromBody(error);
      }
      context.store.transaction(() => {
        interviews.put(record.id, record);
        audit('interview.create', record.id, request.id);
      });
      return reply.status(201).send(machine.view(record));
    },
  );

  app.post(
    '/v1/interviews/:id/answers',
    {
      schema: {
        tags: ['diagnosis'],
        summary: 'Answer the pending interview question ("unknown" for don\'t know)',
        params: idParams,
        body: interviewAnswerSchema,
        response: { 200: interviewViewSchema },
      },
    },
    async (request) => {
      const record = interviews.get(request.params.id);
      if (!record) throw HealthGptError.notFound('interview', request.params.id);
      let next: InterviewRecord;
      try {
        next = machine.answer(record, request.body);
      } catch (error) {
        if (error instanceof DdxInputError) {
          // The answer is the last finding: report its fields relative to the request body.
          const last = `/findings/${record.findings.length}`;
          const fieldErrors = error.fieldErrors.map((e) => ({
            ...e,
            field: `/body${e.field.startsWith(last) ? e.field.slice(last.length) : e.field}`,
          }));
          throw HealthGptError.unprocessable(
            fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '),
            fieldErrors,
            { title: 'Invalid diagnosis input', cause: error },
          );
        }
        throw error;
      }
      context.store.transaction(() => {
        interviews.put(next.id, next);
        audit('interview.answer', next.id, request.id);
      });
      return machine.view(next);
    },
  );

  app.post(
    '/v1/interviews/:id/undo',
    {
      schema: {
        tags: ['diagnosis'],
        summary: 'Take the last answer back and ask that question again',
        params: idParams,
        response: { 200: interviewViewSchema },
      },
    },
    async (request) => {
      const record = interviews.get(request.params.id);
      if (!record) throw HealthGptError.notFound('interview', request.params.id);
      let previous: InterviewRecord;
      try {
        previous = machine.undo(record);
      } catch (error) {
        if (error instanceof DdxInputError)
          throw new HealthGptError('conflict', 'nothing to undo: no question has been answered yet');
        throw error;
      }
      context.store.transaction(() => {
        interviews.put(previous.id, previous);
        audit('interview.undo', previous.id, request.id);
      });
      return machine.view(previous);
    },
  );

  app.get(
    '/v1/interviews/:id',
    {
      schema: {
        tags: ['diagnosis'],
        summary: 'Read an interview with its current differential and pending question',
        params: idParams,
        response: { 200: interviewViewSchema },
      },
    },
    async (request) => {
      const record = interviews.get(request.params.id);
      if (!record) throw HealthGptError.notFound('interview', request.params.id);
      return machine.view(record);
    },
  );
}
