import type { Contribution, Explanation } from '../../clinical/outputs.js';
import type { LearnedModel, SerializedModel } from '../../engine/learned-model.js';
import { AnswerTable, type QuestionAnswerCounts } from './answer-table.js';
import { type DdxScorer, softmax } from './scorer.js';
import { type EncodedExample, sgdPass } from './sgd.js';
import { SlotVocabulary } from './slots.js';
import { type DdxSpec, SpecIndex } from './spec.js';
import type { DdxState } from './state.js';

export const DDX_MODEL_FORMAT = 'healthgpt.ddx-logistic/1';

/** Serialised weights (see `DdxLogisticModel.toJSON`). */
export interface DdxLogisticJson extends SerializedModel {
  readonly format: typeof DDX_MODEL_FORMAT;
  readonly spec: DdxSpec;
  readonly keptValues: Record<string, readonly string[]>;
  readonly answerCounts: Record<string, QuestionAnswerCounts>;
  readonly conditionCounts: readonly number[];
  readonly temperature: number;
  /** Temperature of the differential head (fitted like `temperature`, on the ground-truth differentials). */
  readonly differentialTemperature: number;
  readonly structurePenalty: number;
  /** Mean ground-truth differential per true condition (training patients), row-major [condition][condition]. */
  readonly classDifferentials?: readonly number[];
  /** Differential list: weight of the head against the posterior-weighted class differentials, and sharpening. */
  readonly differentialMixture?: number;
  readonly differentialSharpening?: number;
  /** Posterior head: bias per condition, then weights row-major [row][condition], rounded. */
  readonly bias: readonly number[];
  readonly weights: readonly number[];
  /** Differential head (trained on DDXPlus ground-truth differentials). */
  readonly differentialBias: readonly number[];
  readonly differentialWeights: readonly number[];
  readonly training: Record<string, unknown>;
}

/** One signed term of a condition's score. */
export interface ScoreTerm {
  readonly row: number | 'bias' | 'structure';
  /** Evidence code for answer terms and structure terms. */
  readonly code?: string;
  readonly contribution: number;
}

/**
 * The learned differential-diagnosis model: a multinomial logistic regression over answer slots with separate
 * present and absent weights (unknown = no term), trained with random masking so that any subset of findings can
 * be scored; plus a structural prior from the knowledge base's condition↔evidence links (a reported finding not
 * linked to a condition subtracts `structurePenalty` from that condition's score), and temperature scaling (Guo et
 * al. 2017, "On Calibration of Modern Neural Networks", ICML) fitted on held-out states. A second head of the same
 * form, trained on DDXPlus ground-truth differentials (Fansi Tchango et al. 2022), says which conditions belong in
 * the differential list.
 *
 * score_c = (b_c + Σ_{known slots} W[row, c] − penalty · #{reported findings not linked to c}) / T.
 */
export class DdxLogisticModel
  implements
    LearnedModel<DdxState, number, Float64Array, readonly ScoreTerm[], { accuracy: number }>,
    DdxScorer
{
  readonly modelId = 'ddx-logistic';
  readonly index: SpecIndex;
  readonly vocabulary: SlotVocabulary;
  readonly table: AnswerTable;
  readonly conditionCount: number;
  /** Conditions not linked to each question (the structure prior). */
  private readonly unlinked: ReadonlyMap<string, readonly number[]>;
  private readonly deltaCache = new Map<string, Float64Array>();

  constructor(
    readonly spec: DdxSpec,
    readonly keptValues: Record<string, readonly string[]>,
    readonly answerCounts: Record<string, QuestionAnswerCounts>,
    readonly conditionCounts: readonly number[],
    public bias: Float64Array,
    public weights: Float64Array,
    public differentialBias: Float64Array,
    public differentialWeights: Float64Array,
    public temperature = 1,
    public structurePenalty = 8,
    public modelVersion = 'untrained',
    public trainedAt = new Date().toISOString(),
    public training: Record<string, unknown> = {},
    public differentialTemperature = 1,
    public classDifferentials: Float64Array | undefined = undefined,
    public differentialMixture = 1,
    public differentialSharpening = 1,
  ) {
    this.index = new SpecIndex(spec);
    this.vocabulary = new SlotVocabulary(this.index, new Map(Object.entries(keptValues)));
    this.table = new AnswerTable(this.index, answerCounts);
    this.conditionCount = spec.conditions.length;
    const unlinked = new Map<string, number[]>();
    for (const question of spec.questions) {
      unlinked.set(
        question.code,
        spec.conditions.flatMap((condition, c) => (condition.linked.includes(question.code) ? [] : [c])),
      );
    }
    this.unlinked = unlinked;
  }

  /** A zero-weight model over `spec` (for training). */
  static empty(
    spec: DdxSpec,
    keptValues: Record<string, readonly string[]>,
    answerCounts: Record<string, QuestionAnswerCounts>,
    conditionCounts: readonly number[],
  ): DdxLogisticModel {
    const conditions = spec.conditions.length;
    const rows = new SlotVocabulary(new SpecIndex(spec), new Map(Object.entries(keptValues))).rowCount;
    return new DdxLogisticModel(
      spec,
      keptValues,
      answerCounts,
      conditionCounts,
      new Float64Array(conditions),
      new Float64Array(rows * conditions),
      new Float64Array(conditions),
      new Float64Array(rows * conditions),
    );
  }

  static fromJSON(json: DdxLogisticJson): DdxLogisticModel {
    if (json.format !== DDX_MODEL_FORMAT) throw new Error(`ddx model: unsupported format '${json.format}'`);
    const model = new DdxLogisticModel(
      json.spec,
      json.keptValues,
      json.answerCounts,
      json.conditionCounts,
      Float64Array.from(json.bias),
      Float64Array.from(json.weights),
      Float64Array.from(json.differentialBias),
      Float64Array.from(json.differentialWeights),
      json.temperature,
      json.structurePenalty,
      json.modelVersion,
      json.trainedAt,
      json.training,
      json.differentialTemperature,
      json.classDifferentials ? Float64Array.from(json.classDifferentials) : undefined,
      json.differentialMixture ?? 1,
      json.differentialSharpening ?? 1,
    );
    const expected = model.vocabulary.rowCount * model.conditionCount;
    if (model.weights.length !== expected || model.differentialWeights.length !== expected) {
      throw new Error(`ddx model: expected ${expected} weights, found ${model.weights.length}`);
    }
    return model;
  }

  toJSON(): DdxLogisticJson {
    const round = (values: Float64Array) => Array.from(values, (v) => Math.round(v * 1e4) / 1e4);
    return {
      format: DDX_MODEL_FORMAT,
      modelId: this.modelId,
      modelVersion: this.modelVersion,
      trainedAt: this.trainedAt,
      training: this.training,
      temperature: this.temperature,
      differentialTemperature: this.differentialTemperature,
      ...(this.classDifferentials ? { classDifferentials: round(this.classDifferentials) } : {}),
      differentialMixture: this.differentialMixture,
      differentialSharpening: this.differentialSharpening,
      structurePenalty: this.structurePenalty,
      spec: this.spec,
      keptValues: this.keptValues,
      answerCounts: this.answerCounts,
      conditionCounts: this.conditionCounts,
      bias: round(this.bias),
      weights: round(this.weights),
      differentialBias: round(this.differentialBias),
      differentialWeights: round(this.differentialWeights),
    };
  }

  /** Conditions a reported finding for each present question is not linked to, as (code, conditions). */
  structureTerms(state: DdxState): { code: string; conditions: readonly number[] }[] {
    const terms: { code: string; conditions: readonly number[] }[] = [];
    for (const [code, answer] of state.answers) {
      if (this.index.isPresent(this.index.question(code), answer)) {
        terms.push({ code, conditions: this.unlinked.get(code) ?? [] });
      }
    }
    return terms;
  }

  /** Uncalibrated logits of the posterior head (no temperature). */
  rawLogits(state: DdxState, rows = this.vocabulary.rowsForState(state)): Float64Array {
    const C = this.conditionCount;
    const out = Float64Array.from(this.bias);
    for (const row of rows) {
      const base = row * C;
      for (let c = 0; c < C; c++) out[c]! += this.weights[base + c]!;
    }
    for (const term of this.structureTerms(state)) {
      for (const c of term.conditions) out[c]! -= this.structurePenalty;
    }
    return out;
  }

  scores(state: DdxState): Float64Array {
    const out = this.rawLogits(state);
    for (let c = 0; c < out.length; c++) out[c]! /= this.temperature;
    return out;
  }

  /** Calibrated probability that each condition is the patient's condition. */
  predict(state: DdxState): Float64Array {
    return softmax(this.scores(state));
  }

  /** Differential head: how much each condition belongs in the differential (sums to 1). */
  differential(state: DdxState, rows = this.vocabulary.rowsForState(state)): Float64Array {
    return this.differentialWith(state, this.differentialMixture, this.differentialSharpening, rows);
  }

  /**
   * The differential-list weights: α · head + (1 − α) · Σ_c P(c | state) · meanDifferential_c, raised to the power
   * γ and renormalised (γ > 1 sharpens). α and γ are fitted on calibration patients to maximise DDF1.
   */
  differentialWith(
    state: DdxState,
    alpha: number,
    gamma: number,
    rows = this.vocabulary.rowsForState(state),
  ): Float64Array {
    const C = this.conditionCount;
    const logits = this.differentialLogits(state, rows);
    for (let c = 0; c < C; c++) logits[c]! /= this.differentialTemperature;
    const head = softmax(logits);
    const out = new Float64Array(C);
    const means = this.classDifferentials;
    if (alpha < 1 && means) {
      const posterior = this.predict(state);
      for (let c = 0; c < C; c++) {
        const p = posterior[c]!;
        if (p < 1e-6) continue;
        for (let k = 0; k < C; k++) out[k]! += p * means[c * C + k]!;
      }
    }
    let sum = 0;
    for (let k = 0; k < C; k++) {
      const mixed = alpha * head[k]! + (alpha < 1 && means ? (1 - alpha) * out[k]! : 0);
      out[k] = mixed ** gamma;
      sum += out[k]!;
    }
    for (let k = 0; k < C; k++) out[k]! /= sum;
    return out;
  }

  /** Differential head logits before its temperature. */
  differentialLogits(_state: DdxState, rows: readonly number[]): Float64Array {
    const C = this.conditionCount;
    const out = Float64Array.from(this.differentialBias);
    for (const row of rows) {
      const base = row * C;
      for (let c = 0; c < C; c++) out[c]! += this.differentialWeights[base + c]!;
    }
    return out;
  }

  answerDelta(state: DdxState, code: string, answer: readonly string[]): Float64Array {
    const question = this.index.question(code);
    const children = this.index.childrenOf.get(code) ?? [];
    const childKnown = children.some((child) => state.answers.has(child.code));
    const key = `${code}:${answer.join('|')}`;
    if (!childKnown) {
      const cached = this.deltaCache.get(key);
      if (cached) return cached;
    }
    const C = this.conditionCount;
    const rows = this.vocabulary.rowsForAnswer(question, answer);
    const present = this.index.isPresent(question, answer);
    if (!present) {
      for (const child of children) {
        if (!state.answers.has(child.code)) {
          this.vocabulary.rowsForAnswer(child, this.index.impliedByAbsentParent(child), rows);
        }
      }
    }
    const out = new Float64Array(C);
    for (const row of rows) {
      const base = row * C;
      for (let c = 0; c < C; c++) out[c]! += this.weights[base + c]!;
    }
    if (present) for (const c of this.unlinked.get(code) ?? []) out[c]! -= this.structurePenalty;
    for (let c = 0; c < C; c++) out[c]! /= this.temperature;
    if (!childKnown) this.deltaCache.set(key, out);
    return out;
  }

  /**
   * The signed terms of condition `c`'s calibrated score: bias, one per known answer slot, one per reported
   * finding not linked to `c`. They add up to `scores(state)[c]` exactly.
   */
  terms(state: DdxState, c: number): ScoreTerm[] {
    const C = this.conditionCount;
    const T = this.temperature;
    const terms: ScoreTerm[] = [{ row: 'bias', contribution: this.bias[c]! / T }];
    for (const row of this.vocabulary.demographicRows(state)) {
      terms.push({ row, contribution: this.weights[row * C + c]! / T });
    }
    for (const [code, answer] of state.answers) {
      for (const row of this.vocabulary.rowsForAnswer(this.index.question(code), answer)) {
        terms.push({ row, code, contribution: this.weights[row * C + c]! / T });
      }
    }
    for (const term of this.structureTerms(state)) {
      if (term.conditions.includes(c))
        terms.push({ row: 'structure', code: term.code, contribution: -this.structurePenalty / T });
    }
    return terms;
  }

  /** Terms of the most probable condition. */
  explain(state: DdxState): readonly ScoreTerm[] {
    const p = this.predict(state);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
    return this.terms(state, best);
  }

  /** Encodes a state for training (rows set and structure penalties). */
  encode(state: DdxState, label: number, target?: Float64Array): EncodedExample {
    const penalised: number[] = [];
    for (const term of this.structureTerms(state)) penalised.push(...term.conditions);
    return { rows: this.vocabulary.rowsForState(state), penalised, label, ...(target ? { target } : {}) };
  }

  /**
   * Trains the posterior head on the given states as they are (the training script adds masked interview states
   * and the differential head; see `trainDdxModel`). Plain SGD, `epochs` passes, seeded order.
   */
  fit(
    examples: readonly { features: DdxState; label: number }[],
    options: { epochs?: number; learningRate?: number; l2?: number } = {},
  ): void {
    const encoded = examples.map(({ features, label }) => this.encode(features, label));
    const epochs = options.epochs ?? 30;
    for (let epoch = 0; epoch < epochs; epoch++) {
      sgdPass({ bias: this.bias, weights: this.weights }, encoded, {
        learningRate: (options.learningRate ?? 0.05) / (1 + epoch / 10),
        l2: options.l2 ?? 1e-4,
        penalty: this.structurePenalty,
        soft: false,
      });
    }
    this.deltaCache.clear();
  }

  /** Forget cached answer deltas (after weights or temperature change). */
  clearCache(): void {
    this.deltaCache.clear();
  }

  evaluate(examples: readonly { features: DdxState; label: number }[]): { accuracy: number } {
    let correct = 0;
    for (const { features, label } of examples) {
      const p = this.predict(features);
      let best = 0;
      for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
      if (best === label) correct++;
    }
    return { accuracy: examples.length ? correct / examples.length : 0 };
  }
}

/** Explanation contributions of a condition, for the shared `Explanation` type. */
export type { Contribution, Explanation };
