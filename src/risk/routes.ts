import { z } from 'zod';
import type { HttpApp } from '../app/capability.js';
import type { AppContext } from '../app/context.js';
import { explanationSchema, guidelineRefSchema, provenanceSchema } from '../clinical/schemas.js';
import { hasCaseInputs } from '../engine/case-inputs.js';
import { HealthGptError } from '../engine/errors.js';
import { RISK_ENGINES, riskCaseInputs, riskEngine } from './engines.js';
import { GUIDELINE_SETS } from './guidelines.js';
import type { AnyRiskEngine } from './risk-engine.js';

/** JSON Schema of an engine's input, as a client should send it. */
export function inputJsonSchema(engine: AnyRiskEngine): unknown {
  return z.toJSONSchema(engine.inputSchema, { io: 'input', unrepresentable: 'any' });
}

/** One model as `GET /v1/risk` lists it. */
export function describeModel(engine: AnyRiskEngine) {
  return {
    id: engine.modelId,
    engineId: engine.id,
    family: engine.family,
    title: engine.title,
    version: engine.version,
    description: engine.description,
    source: engine.source ?? '',
    readsCase: engine.fromCase !== undefined,
    example: engine.example as unknown,
    inputSchema: inputJsonSchema(engine),
  };
}

const modelSchema = z.object({
  id: z.string().describe('model id, the path of POST /v1/risk/{model}'),
  engineId: z.string().describe('engine id (risk.<model>), as GET /v1/engines and assessments name it'),
  family: z.string(),
  title: z.string(),
  version: z.string(),
  description: z.string(),
  source: z.string(),
  readsCase: z.boolean(),
  example: z.unknown(),
  inputSchema: z.unknown(),
});

/** What `POST /v1/risk/{model}` returns: the engine's output (a RiskEstimate plus recommendations), why, and who. */
export const riskResultSchema = z.object({
  output: z
    .object({
      modelId: z.string(),
      applicable: z.boolean(),
      notApplicableReason: z.string().optional(),
      probability: z.number().optional(),
      score: z.number().optional(),
      category: z.string().optional(),
      recommendations: z.array(
        z.object({
          text: z.string(),
          action: z.string().optional(),
          guideline: guidelineRefSchema.optional(),
          rule: z.string().optional(),
        }),
      ),
      guideline: guidelineRefSchema.optional(),
    })
    .catchall(z.unknown()),
  explanation: explanationSchema,
  provenance: provenanceSchema,
});

const prefillSchema = z.object({
  engineId: z.string(),
  values: z.record(z.string(), z.unknown()),
  sources: z.record(z.string(), z.string()),
  assumedAbsent: z
    .array(z.string())
    .describe('always empty: a yes/no input the case does not state is left unknown, never taken as no'),
  unknown: z
    .array(z.string())
    .describe('yes/no inputs the case does not state: sent as unknown, the model answers over both values'),
  missing: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .describe('inputs the model needs that the case does not hold (JSON pointers into the input)'),
  notApplicable: z
    .string()
    .optional()
    .describe('why the model does not apply to this case, when it does not'),
  complete: z
    .boolean()
    .describe('true exactly when POST /v1/cases/{id}/assessments would run the model on the case as it is'),
});

/**
 * Runs an engine on a request body: invalid input (also a cross-field rule checked inside the engine) is an `invalid`
 * error whose field errors point into the body (`/body/age`).
 */
export function runValidated(engine: AnyRiskEngine, body: unknown) {
  try {
    return engine.run(body);
  } catch (error) {
    if (error instanceof HealthGptError) throw error.withFieldPrefix('/body');
    throw error;
  }
}

/**
 * `GET /v1/risk` (models with their input JSON Schema), `GET /v1/risk/guidelines` (guideline sets and versions),
 * `POST /v1/risk/{model}` (one route per model, so each body schema is in the OpenAPI document), and
 * `GET /v1/cases/{id}/risk/{model}/prefill` (inputs read from a case, for the risk panel).
 */
export function registerRiskRoutes(app: HttpApp, { store }: AppContext): void {
  app.get(
    '/v1/risk',
    {
      schema: {
        tags: ['risk'],
        summary: 'List the risk models with their input JSON Schema and a worked example',
        response: { 200: z.object({ items: z.array(modelSchema) }) },
      },
    },
    async () => ({ items: RISK_ENGINES.map(describeModel) }),
  );

  app.get(
    '/v1/risk/guidelines',
    {
      schema: {
        tags: ['risk'],
        summary:
          'The versioned guideline registry: every edition the risk models use, with publication month, status (current or superseded), what replaced it and when',
        response: {
          200: z.object({
            items: z.array(
              guidelineRefSchema.extend({
                edition: z.string(),
                source: z.string(),
                supersededBy: z.string().optional(),
                effectiveFrom: z.string().describe('first month (YYYY-MM) the edition was in force'),
                effectiveTo: z.string().optional().describe('month (YYYY-MM) the next edition replaced it'),
                note: z.string().optional(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: [...GUIDELINE_SETS] }),
  );

  for (const engine of RISK_ENGINES) {
    app.post(
      `/v1/risk/${engine.modelId}`,
      {
        schema: {
          tags: ['risk'],
          summary: engine.title,
          description: `${engine.description}\n\nSource: ${engine.source ?? ''}`,
          body: engine.inputSchema,
          response: { 200: riskResultSchema },
        },
      },
      // The engine types are readonly; the response schema validates the same shape.
      async (request) => runValidated(engine, request.body) as unknown as z.infer<typeof riskResultSchema>,
    );
  }

  app.post(
    '/v1/risk/:model',
    {
      schema: {
        tags: ['risk'],
        summary: 'Unknown risk model (lists the known ones)',
        hide: true,
        params: z.object({ model: z.string() }),
      },
    },
    async (request) => {
      throw HealthGptError.notFound('risk model', request.params.model);
    },
  );

  app.get(
    '/v1/cases/:id/risk/:model/prefill',
    {
      schema: {
        tags: ['risk'],
        summary: "A risk model's inputs as read from a case (partial; for the clinician to complete)",
        params: z.object({ id: z.string().min(1), model: z.string().min(1) }),
        response: { 200: prefillSchema },
      },
    },
    async (request) => {
      const clinicalCase = store.cases.get(request.params.id);
      if (!clinicalCase) throw HealthGptError.notFound('case', request.params.id);
      const engine = riskEngine(request.params.model);
      if (!engine) throw HealthGptError.notFound('risk model', request.params.model);
      // The same function `fromCase` uses, so "ready" here means the case-run will not be refused.
      const inputs = hasCaseInputs(engine)
        ? engine.caseInputs(clinicalCase)
        : riskCaseInputs(engine, clinicalCase);
      return {
        engineId: engine.id,
        values: { ...inputs.values },
        sources: { ...inputs.sources },
        assumedAbsent: [...inputs.assumedAbsent],
        unknown: [...(inputs.unknown ?? [])],
        missing: [...inputs.missing],
        ...(inputs.notApplicable ? { notApplicable: inputs.notApplicable } : {}),
        complete: inputs.input !== undefined && engine.fromCase !== undefined,
      };
    },
  );
}
