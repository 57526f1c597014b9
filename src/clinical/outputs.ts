/** One condition in a ranked differential diagnosis. */
export interface DifferentialEntry {
  /** Knowledge-base condition id. */
  readonly conditionId: string;
  readonly label: string;
  readonly icd10?: string;
  /** Calibrated probability, 0–1. */
  readonly probability: number;
  /** True for conditions that must not be missed (severe, time-critical). */
  readonly mustNotMiss?: boolean;
}

export interface Differential {
  readonly entries: readonly DifferentialEntry[];
}

/** The output of a clinical risk model or score. */
export interface RiskEstimate {
  readonly modelId: string;
  /** Probability 0–1 for probabilistic models. */
  readonly probability?: number;
  /** Points for point scores (CURB-65, Wells, TI-RADS …). */
  readonly score?: number;
  /** A category label such as `4B`, `TR4`, `high`. */
  readonly category?: string;
  /** False when the model does not apply to this patient; `notApplicableReason` then says why. */
  readonly applicable: boolean;
  readonly notApplicableReason?: string;
}

/** A reference to the guideline (as versioned data) a recommendation came from. */
export interface GuidelineRef {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly year: number;
  /** False when a newer version of this guideline exists: the UI then says the advice is not current. */
  readonly current: boolean;
  /** Registry status (`current` / `superseded`), publication month (YYYY-MM) and the edition that replaced it. */
  readonly status?: 'current' | 'superseded';
  readonly published?: string;
  readonly supersededBy?: string;
}

export interface Recommendation {
  readonly text: string;
  /** Machine-readable action (e.g. `pet-ct`, `tissue-sampling`, `ct-12-months`). */
  readonly action?: string;
  readonly guideline?: GuidelineRef;
  /** The rule of the guideline that fired, in words. */
  readonly rule?: string;
}

/** Unit of a signed contribution. */
export type ContributionUnit = 'log-odds' | 'points' | 'probability' | 'log-likelihood-ratio';

/** How much one input moved a result, signed: positive pushes the result up. */
export interface Contribution {
  /** Name of the input (e.g. `noduleDiameterMm`, or a finding's concept id). */
  readonly input: string;
  readonly label: string;
  readonly value?: string | number | boolean;
  readonly contribution: number;
  readonly unit: ContributionUnit;
}

/** Why a number is what it is. Contributions plus `baseline` add up to the result, in `unit`. */
export interface Explanation {
  readonly summary?: string;
  readonly baseline?: number;
  readonly contributions: readonly Contribution[];
  /** Guideline or scoring rules that fired, in words. */
  readonly rulesFired?: readonly string[];
  readonly warnings?: readonly string[];
}

/** Which engine, model, guideline and version produced an output, and when. */
export interface Provenance {
  readonly engineId: string;
  readonly engineVersion: string;
  readonly modelVersion?: string;
  readonly guideline?: GuidelineRef;
  /** Citation of the published source the engine implements. */
  readonly source?: string;
  readonly generatedAt: string;
}
