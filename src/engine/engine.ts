import { z } from 'zod';
import type { Assessment } from '../clinical/assessment.js';
import type { ClinicalCase } from '../clinical/case.js';
import type {
  Differential,
  Explanation,
  Provenance,
  Recommendation,
  RiskEstimate,
} from '../clinical/outputs.js';
import type { CdsCard } from './cds-card.js';
import { fieldErrorsFromZod, HealthGptError, parseOrThrow } from './errors.js';

/** The capability an engine belongs to; one folder under `src/` each, and the first part of its id. */
export type EngineKind = 'intake' | 'diagnosis' | 'risk' | 'vision' | 'forecast' | 'triage' | 'other';

/**
 * What an engine's output is, declared (never guessed from its shape), so that `toAssessment`, the FHIR export, the
 * UI and the CDS cards know where its differential, risk estimate or recommendations are:
 * - `differential`: an object with `differential: { entries }` (ranked conditions with probabilities);
 * - `risk`: a `RiskEstimate` with `recommendations` (risk models and scores);
 * - `image-finding`: one calibrated finding of an image model;
 * - `record`: a structured record (findings, values) read from text;
 * - `triage`: an urgency level with reasons;
 * - `forecast`: a probabilistic forecast.
 */
export type OutputKind = 'differential' | 'risk' | 'image-finding' | 'record' | 'triage' | 'forecast';

export const OUTPUT_KINDS: readonly OutputKind[] = [
  'differential',
  'risk',
  'image-finding',
  'record',
  'triage',
  'forecast',
];

/**
 * Where an engine's validation stands. `validated`: its output was measured against outcomes on data it was not
 * fitted on (a benchmark of this repository on real data of its population, whose interval supports it), or it
 * implements a published, externally validated score exactly as published (worked examples in its tests).
 * `experimental`: anything less — no measurement, synthetic or development data only, or an interval that does not
 * exclude chance. The UI and API show the status with every engine.
 */
export type EngineStatus = 'validated' | 'experimental';

/** One validation measurement an engine declares, with where the number comes from. */
export interface ValidationMetric {
  /** What was measured, e.g. `AUC`, `GTPA@1 (interactive)`, `MASE`, `F1`. */
  readonly name: string;
  /** The value; absent only when the evidence is a publication whose number is not recorded here, or `none`. */
  readonly value?: number;
  /** 95 % interval where known. */
  readonly interval?: readonly [number, number];
  /** The data it was measured on (data set, split, size). */
  readonly dataset: string;
  /**
   * `benchmark`: measured by a command of this repository; `reference` is the file the command wrote it to
   * (`docs/benchmarks.md` or a model card), and the value appears there (the conformance suite checks).
   * `publication`: reported by the source the engine implements; `reference` cites it. `none`: not measured yet.
   */
  readonly evidence: 'benchmark' | 'publication' | 'none';
  readonly reference: string;
  /**
   * For a number in `docs/benchmarks.md`: the cell of `docs/benchmarks.json` (the benchmark's own output) it is
   * copied from — section id, table number (from 1), the row's leading cells (a cell ending in `…` is a prefix) and
   * the column. The conformance suite checks the cell still holds the value.
   */
  readonly cell?: {
    readonly section: string;
    readonly table: number;
    readonly row: readonly string[];
    readonly column: string;
  };
  /** A caveat a clinician should read with the number. */
  readonly note?: string;
}

export interface EngineValidation {
  readonly status: EngineStatus;
  /** At least one; the first is the headline metric. */
  readonly metrics: readonly [ValidationMetric, ...ValidationMetric[]];
}

/**
 * What every engine returns: its output, why, and who made it. The common shapes (`differential`, `risk`,
 * `recommendations`) are set by `defineEngine` from the declared output kind, so they are stored and exported alike.
 */
export interface EngineResult<Output> {
  readonly output: Output;
  readonly explanation: Explanation;
  readonly provenance: Provenance;
  readonly differential?: Differential;
  readonly risk?: RiskEstimate;
  readonly recommendations?: readonly Recommendation[];
}

/** Static description of an engine, for `GET /v1/engines`, `healthgpt engines` and the about page. */
export interface EngineInfo {
  /** `capability.name`, e.g. `risk.brock`, `vision.pneumonia`, `diagnosis.ddx`. */
  readonly id: string;
  /** Former ids, still accepted by the registry (stored assessments and API clients keep resolving). */
  readonly aliases?: readonly string[];
  readonly kind: EngineKind;
  readonly outputKind: OutputKind;
  readonly title: string;
  readonly version: string;
  readonly description: string;
  /** Model or guideline version when it differs from the engine version. */
  readonly modelVersion?: string;
  /** Citation of the published source (paper, guideline) the engine implements. */
  readonly source?: string;
  readonly validation: EngineValidation;
  /** True when the engine can take its inputs from a stored case (`POST /v1/cases/{id}/assessments`). */
  readonly runsOnCases?: boolean;
}

/**
 * The one engine contract, so that the API, CLI, UI, CDS Hooks and benchmarks treat engines alike. Typed over its
 * input schema `S`: `run` takes what a caller may send (`z.input<S>`), validates it (an `invalid` `HealthGptError`
 * with JSON-pointer field errors into the input when it fails) and computes on `z.output<S>`. Engines are pure: no
 * I/O in `run` beyond reading their own committed model files. Build one with `defineEngine`.
 */
export interface Engine<S extends z.ZodType = z.ZodType, Output = unknown> extends EngineInfo {
  readonly inputSchema: S;
  /** A valid input (the worked example of the calculator, the conformance suite's first run). */
  readonly exampleInput: z.input<S>;
  /**
   * For engines whose explanation is additive: the number `baseline + Σ contributions` must equal for an output
   * (a score, a log-odds), or undefined when this output has none (e.g. not applicable). Checked by the conformance
   * suite on the example input.
   */
  readonly additiveTotal?: (output: Output) => number | undefined;
  run(input: z.input<S>): EngineResult<Output> | Promise<EngineResult<Output>>;
  /** Builds this engine's input from what a case holds; `undefined` when the case lacks what it needs. */
  fromCase?(clinicalCase: ClinicalCase): z.input<S> | undefined;
  /** Turns a stored assessment of this engine into a CDS Hooks card, for the `patient-view` service. */
  toCard?(assessment: Assessment): CdsCard | undefined;
}

/** An engine whose `run` answers synchronously (every engine that does not load or run a network model). */
export interface SyncEngine<S extends z.ZodType = z.ZodType, Output = unknown> extends Engine<S, Output> {
  run(input: z.input<S>): EngineResult<Output>;
}

/** Engines of any input and output, as the registry holds them. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds engines of every input/output type.
export type AnyEngine = Engine<any, any>;

/** What an engine's computation returns; `defineEngine` adds provenance and the common shapes. */
export interface EngineComputation<Output> {
  readonly output: Output;
  readonly explanation: Explanation;
  /** Provenance beyond the engine's own (the guideline used, the model version of this run). */
  readonly provenance?: Partial<Omit<Provenance, 'engineId' | 'engineVersion' | 'generatedAt'>>;
}

/** Everything an engine is, except its validating, provenance-stamping `run`. */
export interface EngineDefinition<S extends z.ZodType, Output, R> {
  /** `capability.name`; the capability is `kind`. */
  readonly id: `${EngineKind}.${string}`;
  readonly aliases?: readonly string[];
  readonly outputKind: OutputKind;
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly modelVersion?: string;
  readonly source?: string;
  readonly validation: EngineValidation;
  readonly inputSchema: S;
  readonly exampleInput: z.input<S>;
  readonly additiveTotal?: (output: Output) => number | undefined;
  /** The computation on validated input. */
  compute(input: z.output<S>): R;
  fromCase?(clinicalCase: ClinicalCase): z.input<S> | undefined;
  toCard?(assessment: Assessment): CdsCard | undefined;
}

/** Provenance stamped now for an engine. */
export function provenanceOf(
  engine: Pick<EngineInfo, 'id' | 'version' | 'modelVersion' | 'source'>,
  extra: Partial<Provenance> = {},
): Provenance {
  return {
    engineId: engine.id,
    engineVersion: engine.version,
    ...(engine.modelVersion ? { modelVersion: engine.modelVersion } : {}),
    ...(engine.source ? { source: engine.source } : {}),
    ...extra,
    generatedAt: extra.generatedAt ?? new Date().toISOString(),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The common shapes of an output, taken from where its declared kind says they are. */
export function commonShapes(
  outputKind: OutputKind,
  output: unknown,
): Pick<EngineResult<unknown>, 'differential' | 'risk' | 'recommendations'> {
  if (!isRecord(output)) return {};
  switch (outputKind) {
    case 'differential':
      return isRecord(output.differential)
        ? { differential: output.differential as unknown as Differential }
        : {};
    case 'risk': {
      const { modelId, probability, score, category, applicable, notApplicableReason, recommendations } =
        output as unknown as RiskEstimate & { recommendations?: readonly Recommendation[] };
      const risk: RiskEstimate = {
        modelId,
        applicable,
        ...(probability !== undefined ? { probability } : {}),
        ...(score !== undefined ? { score } : {}),
        ...(category !== undefined ? { category } : {}),
        ...(notApplicableReason !== undefined ? { notApplicableReason } : {}),
      };
      return { risk, ...(Array.isArray(recommendations) ? { recommendations } : {}) };
    }
    default:
      return {};
  }
}

function domainError(engineId: string, error: unknown): unknown {
  // A cross-field rule checked inside a computation with zod: the same `invalid` error as schema validation.
  if (error instanceof z.ZodError) {
    const fieldErrors = fieldErrorsFromZod(error);
    return HealthGptError.invalid(
      `input for '${engineId}' is invalid: ${fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      fieldErrors,
    );
  }
  return error;
}

/**
 * Builds an engine: `run` validates the input with `inputSchema` (invalid input is an `invalid` `HealthGptError`
 * naming each field as a JSON pointer into the input), computes, and stamps provenance (engine id and version, model
 * version, source, time, plus what the computation adds) and the common shapes of the declared output kind.
 */
export function defineEngine<S extends z.ZodType, Output>(
  definition: EngineDefinition<S, Output, EngineComputation<Output>>,
): SyncEngine<S, Output>;
export function defineEngine<S extends z.ZodType, Output>(
  definition: EngineDefinition<S, Output, Promise<EngineComputation<Output>>>,
): Engine<S, Output>;
export function defineEngine<S extends z.ZodType, Output>(
  definition: EngineDefinition<S, Output, EngineComputation<Output> | Promise<EngineComputation<Output>>>,
): Engine<S, Output> {
  const { compute, id, ...rest } = definition;
  const kind = id.slice(0, id.indexOf('.')) as EngineKind;
  const finish = (computed: EngineComputation<Output>, engine: EngineInfo): EngineResult<Output> => ({
    output: computed.output,
    explanation: computed.explanation,
    provenance: provenanceOf(engine, computed.provenance ?? {}),
    ...(commonShapes(definition.outputKind, computed.output) as Pick<
      EngineResult<Output>,
      'differential' | 'risk' | 'recommendations'
    >),
  });
  const engine: Engine<S, Output> = {
    ...rest,
    id,
    kind,
    run(input) {
      const parsed = parseOrThrow(definition.inputSchema, input, `input for '${id}'`);
      let computed: EngineComputation<Output> | Promise<EngineComputation<Output>>;
      try {
        computed = compute(parsed);
      } catch (error) {
        throw domainError(id, error);
      }
      if (computed instanceof Promise) {
        return computed.then(
          (done) => finish(done, engine),
          (error: unknown) => {
            throw domainError(id, error);
          },
        );
      }
      return finish(computed, engine);
    },
  };
  return engine;
}
