import type { z } from 'zod';
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

/** The capability an engine belongs to; one folder under `src/` each. */
export type EngineKind = 'intake' | 'diagnosis' | 'risk' | 'vision' | 'forecast' | 'other';

/**
 * What every engine returns: its output, why, and who made it. Engines whose output is (or holds) a differential,
 * a risk estimate or recommendations may also set them here so they are stored and exported in the common shape;
 * otherwise `toAssessment` finds them in `output`.
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
  readonly id: string;
  readonly kind: EngineKind;
  readonly title: string;
  readonly version: string;
  readonly description: string;
  /** Model or guideline version when it differs from the engine version. */
  readonly modelVersion?: string;
  /** Citation of the published source (paper, guideline) the engine implements. */
  readonly source?: string;
  /** True when the engine can take its inputs from a stored case (`POST /v1/cases/{id}/assessments`). */
  readonly runsOnCases?: boolean;
}

/**
 * The one small interface every engine implements, so that the API, CLI, UI and benchmarks treat them alike.
 * Engines are pure: no I/O in `run` beyond reading their own committed model files at construction.
 */
export interface Engine<Input = unknown, Output = unknown> extends EngineInfo {
  /** Validates the input; also documents it in the OpenAPI schema. */
  readonly inputSchema: z.ZodType<Input>;
  run(input: Input): EngineResult<Output> | Promise<EngineResult<Output>>;
  /** Builds this engine's input from what a case holds; `undefined` when the case lacks what it needs. */
  fromCase?(clinicalCase: ClinicalCase): Input | undefined;
  /** Turns a stored assessment of this engine into a CDS Hooks card, for the `patient-view` service. */
  toCard?(assessment: Assessment): CdsCard | undefined;
}

/** Engines of any input and output, as the registry holds them. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds engines of every input/output type.
export type AnyEngine = Engine<any, any>;

/** Provenance stamped now for an engine. */
export function provenanceOf(engine: EngineInfo, extra: Partial<Provenance> = {}): Provenance {
  return {
    engineId: engine.id,
    engineVersion: engine.version,
    ...(engine.modelVersion ? { modelVersion: engine.modelVersion } : {}),
    ...(engine.source ? { source: engine.source } : {}),
    ...extra,
    generatedAt: extra.generatedAt ?? new Date().toISOString(),
  };
}
