import type { Explanation, Provenance, Recommendation } from '../../../../src/clinical/index.js';

/** One model as `GET /v1/risk` lists it. */
export interface RiskModel {
  /** Model id: the path of `POST /v1/risk/{model}`. */
  readonly id: string;
  /** Engine id (`risk.<model>`), as `GET /v1/engines` and assessments name it. */
  readonly engineId: string;
  readonly family: string;
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly source: string;
  readonly readsCase: boolean;
  readonly example: Record<string, unknown>;
  readonly inputSchema: unknown;
}

/** What `POST /v1/risk/{model}` returns. */
export interface RiskResult {
  readonly output: {
    readonly modelId: string;
    readonly applicable: boolean;
    readonly notApplicableReason?: string;
    readonly probability?: number;
    readonly score?: number;
    readonly category?: string;
    readonly recommendations: readonly Recommendation[];
    readonly steps?: readonly {
      /** `image:<finding concept>` for evidence from an image model (see src/risk/image-evidence.ts). */
      readonly evidenceId?: string;
      readonly label: string;
      readonly likelihoodRatio: number;
      readonly probabilityBefore: number;
      readonly probabilityAfter: number;
      readonly oddsBefore: number;
      readonly oddsAfter: number;
    }[];
    readonly [key: string]: unknown;
  };
  readonly explanation: Explanation;
  readonly provenance: Provenance;
}

/** `GET /v1/cases/{id}/risk/{model}/prefill`. */
export interface RiskPrefill {
  readonly values: Record<string, unknown>;
  readonly sources: Record<string, string>;
  readonly assumedAbsent: readonly string[];
  /** Inputs the case does not state that the model takes as unknown (the answer then covers their values). */
  readonly unknown?: readonly string[];
  /** Inputs the model needs that the case does not hold (JSON pointers). */
  readonly missing?: readonly { readonly field: string; readonly message: string }[];
  /** Why the model does not apply to this case. */
  readonly notApplicable?: string;
  /** True exactly when "Run on this case" would run the model on the case as it is. */
  readonly complete: boolean;
}
