import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { assessmentSchema, explanationSchema, provenanceSchema } from '../../clinical/schemas.js';
import { describeMissing, hasCaseInputs } from '../../engine/case-inputs.js';
import { OUTPUT_KINDS, type OutputKind } from '../../engine/engine.js';
import { fieldErrorsFromZod, HealthGptError } from '../../engine/errors.js';
import { toAssessment } from '../../engine/to-assessment.js';
import { CLINICAL } from '../auth/route-roles.js';
import type { HttpApp } from '../http-app.js';
import { idParams } from './cases.js';

const validationMetricSchema = z.object({
  name: z.string(),
  value: z.number().optional(),
  interval: z.tuple([z.number(), z.number()]).readonly().optional(),
  dataset: z.string(),
  evidence: z.enum(['benchmark', 'publication', 'none']),
  reference: z.string(),
  cell: z
    .object({
      section: z.string(),
      table: z.number(),
      row: z.array(z.string()).readonly(),
      column: z.string(),
    })
    .optional()
    .describe('the cell of docs/benchmarks.json the value comes from'),
  note: z.string().optional(),
});

const engineInfoSchema = z.object({
  id: z.string().describe('capability.name, e.g. risk.brock'),
  aliases: z.array(z.string()).readonly().optional().describe('former ids, still accepted'),
  kind: z.string(),
  outputKind: z.enum(OUTPUT_KINDS as [OutputKind, ...OutputKind[]]),
  title: z.string(),
  version: z.string(),
  description: z.string(),
  modelVersion: z.string().optional(),
  source: z.string().optional(),
  validation: z.object({
    status: z.enum(['validated', 'experimental']),
    metrics: z.array(validationMetricSchema).readonly(),
  }),
  runsOnCases: z.boolean().optional(),
});

const engineResultSchema = z.object({
  output: z.unknown(),
  explanation: explanationSchema,
  provenance: provenanceSchema,
});

/** The engines on offer, running one on an input, and running one on a stored case. */
export function registerEngineRoutes(app: HttpApp, { store, engines }: AppContext) {
  app.get(
    '/v1/engines',
    {
      schema: {
        tags: ['engines'],
        summary: 'List engines with their versions',
        response: { 200: z.object({ items: z.array(engineInfoSchema).readonly() }) },
      },
    },
    async () => ({ items: engines.info() }),
  );

  app.post(
    '/v1/engines/:id/run',
    {
      config: { access: { roles: CLINICAL, audit: 'engine.run', resourceType: 'engine' } },
      schema: {
        tags: ['engines'],
        summary: 'Run any engine on an input (the body is the engine input; nothing is stored)',
        description:
          'The body is validated by the engine (`GET /v1/engines` lists them; former ids such as `brock` still resolve). Invalid input is a 400 problem naming each field as a JSON pointer under `/body`; an unknown engine is 404.',
        params: z.object({ id: z.string().min(1).max(100) }).strict(),
        body: z.unknown().describe("the engine's input"),
        response: { 200: engineResultSchema },
      },
    },
    async (request) => {
      const engine = engines.get(request.params.id);
      if (!engine) throw HealthGptError.notFound('engine', request.params.id);
      try {
        return await engine.run(request.body);
      } catch (error) {
        // The engine's field errors point into its input, which is the request body here.
        if (error instanceof HealthGptError) throw error.withFieldPrefix('/body');
        throw error;
      }
    },
  );

  app.get(
    '/v1/cases/:id/assessments',
    {
      schema: {
        tags: ['cases'],
        summary: "A case's stored assessments, oldest first",
        params: idParams,
        response: { 200: z.object({ items: z.array(assessmentSchema).readonly() }) },
      },
    },
    async (request) => {
      if (!store.cases.get(request.params.id)) throw HealthGptError.notFound('case', request.params.id);
      return { items: store.assessments.listForCase(request.params.id) };
    },
  );

  app.post(
    '/v1/cases/:id/assessments',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Run an engine on a case (inputs taken from the case, or as the clinician completed them) and store the assessment',
        description:
          'Without `input`, the engine reads its inputs from the case (422 naming what is missing, or why the engine does not apply). With `input` (the values a panel shows, as the clinician completed or corrected them), exactly those are used and the assessment records that they were entered.',
        params: idParams,
        body: z
          .object({
            engineId: z.string().min(1),
            input: z
              .record(z.string(), z.unknown())
              .optional()
              .describe('the engine input as the panel shows it; validated by the engine'),
          })
          .strict(),
        response: { 201: assessmentSchema },
      },
    },
    async (request, reply) => {
      const clinicalCase = store.cases.get(request.params.id);
      if (!clinicalCase) throw HealthGptError.notFound('case', request.params.id);
      const engine = engines.get(request.body.engineId);
      if (!engine) {
        throw HealthGptError.invalid(`unknown engine '${request.body.engineId}'`, [
          { field: '/body/engineId', message: 'no engine with this id; see GET /v1/engines' },
        ]);
      }
      const given = request.body.input;
      if (given !== undefined) {
        const checked = engine.inputSchema.safeParse(given);
        if (!checked.success) {
          const fieldErrors = fieldErrorsFromZod(checked.error, '/body/input');
          throw HealthGptError.invalid(
            `the input is not valid for '${engine.id}': ${fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
            fieldErrors,
          );
        }
      }
      const input = given ?? engine.fromCase?.(clinicalCase);
      if (input === undefined) {
        const inputs = hasCaseInputs(engine) ? engine.caseInputs(clinicalCase) : undefined;
        throw HealthGptError.unprocessable(
          inputs
            ? `'${engine.id}' cannot run on this case: ${describeMissing(inputs)}`
            : `the case does not hold the inputs '${engine.id}' needs`,
          inputs?.missing ?? [],
          inputs ? { details: { missing: inputs.missing, notApplicable: inputs.notApplicable } } : {},
        );
      }
      const parsed = engine.inputSchema.safeParse(input);
      if (!parsed.success) {
        // Pointers into the engine input built from the case (no request part: the client sent only the id).
        throw HealthGptError.unprocessable(
          `the case's data are not valid input for '${engine.id}'`,
          fieldErrorsFromZod(parsed.error),
        );
      }
      const result = await engine.run(parsed.data);
      const stored = store.transaction(() => {
        const assessment = store.assessments.create(toAssessment(clinicalCase.id, engine.id, result));
        store.audit.record({
          actor: 'api',
          action: given !== undefined ? 'assessment.create.entered-input' : 'assessment.create',
          resourceType: 'assessment',
          resourceId: assessment.id,
          requestId: request.id,
          outcome: 'success',
        });
        return assessment;
      });
      return reply.status(201).send(stored);
    },
  );
}
