import type { DdxEngine } from '../diagnosis/ddx-engine.js';
import type { ForecastRequest, StoredSeriesInput } from '../forecast/request.js';
import type { Store } from '../store/store.js';
import type { analyzeStoredImage, renderStoredImage } from '../vision/image-service.js';

/**
 * The heavy tasks the worker pool runs (`work-pool.ts`), by name. Each is a function of plain, structured-cloneable
 * input; tasks that read or write records get a store of their own in the worker (a second connection to the same
 * database). Modules are imported lazily so a worker loads only what its tasks need.
 */
/** The worker's default differential engine, built once (it loads the knowledge base). */
let ddx: DdxEngine | undefined;

export const WORK_TASKS = {
  async 'vision.store'(
    input: { bytes: Uint8Array; contentType?: string; caseId?: string; description?: string },
    store: Store,
  ) {
    const { storeImage } = await import('../vision/image-service.js');
    const { bytes, ...options } = input;
    return storeImage(store, bytes, options);
  },
  async 'vision.render'(
    input: { id: string; options: Parameters<typeof renderStoredImage>[2] },
    store: Store,
  ) {
    const { renderStoredImage } = await import('../vision/image-service.js');
    return renderStoredImage(store, input.id, input.options);
  },
  async 'vision.analyze'(
    input: {
      id: string;
      task: Parameters<typeof analyzeStoredImage>[2];
      options: Parameters<typeof analyzeStoredImage>[3];
    },
    store: Store,
  ) {
    const { analyzeStoredImage } = await import('../vision/image-service.js');
    return analyzeStoredImage(store, input.id, input.task, input.options);
  },
  async 'fhir.read'(input: { bundle: unknown; title?: string }) {
    const { bundleToCase } = await import('../fhir/import-bundle.js');
    return bundleToCase(input.bundle, input.title ? { title: input.title } : {});
  },
  async 'intake.read'(input: { text: string; referenceDate?: string; fhir: boolean }) {
    const [{ createIntakeProcessor }, { diagnosisFindings, processBounded }, { toFhirBundle }] =
      await Promise.all([
        import('../intake/default.js'),
        import('../intake/pipeline.js'),
        import('../intake/fhir.js'),
      ]);
    const processor = createIntakeProcessor(
      input.referenceDate ? { referenceDate: input.referenceDate } : {},
    );
    const record = processBounded(processor, input.text);
    return {
      record,
      findings: diagnosisFindings(record),
      ...(input.fhir ? { fhir: toFhirBundle(record) } : {}),
    };
  },
  /**
   * De-identifies a note (`POST /v1/deid`; 2 MB of text takes 10–20 s). The caller passes its surrogate secret and
   * mapping key, so surrogates and sealed mappings are the ones the server's own thread would make.
   */
  async 'deid.text'(input: {
    text: string;
    mode: 'redact' | 'surrogate';
    patientKey?: string;
    secret?: string;
    keepMapping: boolean;
    mappingKey?: Uint8Array;
  }) {
    const { deidentifyText } = await import('../deid/deidentify.js');
    const { text, mappingKey, ...options } = input;
    return deidentifyText(text, {
      ...options,
      ...(mappingKey ? { mappingKey: Buffer.from(mappingKey) } : {}),
    });
  },
  /** De-identifies a FHIR resource or Bundle (`POST /v1/deid`; 10 MB with narratives takes about 13 s). */
  async 'deid.fhir'(input: {
    resource: unknown;
    profile: 'safe-harbor' | 'limited-data-set';
    mode: 'redact' | 'surrogate';
    patientKey?: string;
    secret: string;
  }) {
    const { deidentifyFhir } = await import('../deid/fhir.js');
    const { resource, ...options } = input;
    return deidentifyFhir(resource, options);
  },
  /**
   * The language-model gateway's privacy gate (`src/llm/privacy-gate.ts`): outbound paragraphs and tool-call
   * arguments de-identified and checked, each on its own; a refused one comes back as its code and message.
   */
  async 'deid.outbound'(input: { payloads: import('../llm/privacy-gate.js').OutboundPayload[] }) {
    const [{ guardPayload }, { HealthGptError }] = await Promise.all([
      import('../llm/privacy-gate.js'),
      import('../engine/errors.js'),
    ]);
    return input.payloads.map((payload) => {
      try {
        return { text: guardPayload(payload) };
      } catch (error) {
        if (error instanceof HealthGptError) return { error: { code: error.code, message: error.message } };
        throw error;
      }
    });
  },
  /** Sentence vectors (Universal Sentence Encoder lite) for guideline and literature search and `/v1/embeddings`. */
  async 'embeddings.encode'(input: { texts: string[] }) {
    const { localSentenceEncoder } = await import('../guidelines/embeddings.js');
    return (await localSentenceEncoder()).embed(input.texts);
  },
  async 'diagnosis.run'(input: { input: Parameters<DdxEngine['run']>[0] }) {
    const { ddxEngine } = await import('../diagnosis/ddx-engine.js');
    ddx ??= ddxEngine();
    return ddx.run(input.input);
  },
  async 'forecast.compute'(input: { request: ForecastRequest; stored?: StoredSeriesInput }) {
    const { computeForecasts } = await import('../forecast/request.js');
    return computeForecasts(input.request, input.stored);
  },
  async 'operations.staffing'(input: {
    csv: string;
    options: import('../operations/staffing-eval.js').StaffingEvaluationOptions;
  }) {
    const { evaluateStaffingCsv } = await import('../operations/staffing-eval.js');
    const {
      ingest: _ingest,
      assumptions: _assumptions,
      ...result
    } = evaluateStaffingCsv(input.csv, input.options);
    return result;
  },
  /** For tests and the load benchmark: holds the thread for `ms` milliseconds, as a runaway computation would. */
  async 'test.spin'(input: { ms: number }) {
    const until = Date.now() + input.ms;
    let n = 0;
    while (Date.now() < until) n++;
    return n;
  },
} as const;

export type WorkTasks = typeof WORK_TASKS;
export type WorkTaskName = keyof WorkTasks;
export type WorkInput<K extends WorkTaskName> = Parameters<WorkTasks[K]>[0];
export type WorkOutput<K extends WorkTaskName> = Awaited<ReturnType<WorkTasks[K]>>;
