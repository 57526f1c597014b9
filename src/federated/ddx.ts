import type { DdxplusPatient } from '../diagnosis/ddxplus/patients.js';
import { AnswerTable, patternKey, type QuestionAnswerCounts } from '../diagnosis/model/answer-table.js';
import { DdxLogisticModel } from '../diagnosis/model/logistic.js';
import { sgdPass } from '../diagnosis/model/sgd.js';
import { type DdxSpec, SpecIndex } from '../diagnosis/model/spec.js';
import { fullAnswers } from '../diagnosis/model/state.js';
import {
  keptMultiValues,
  type PreparedPatient,
  preparePatients,
  sampleState,
  type TrainOptions,
} from '../diagnosis/model/train.js';
import { seededRandom, shuffle } from '../ml/random.js';

/**
 * Federated training of the DDXPlus diagnosis model (`src/diagnosis/model`, a masked softmax regression with a
 * structure prior, trained by SGD). What the central trainer (`trainDdxModel`) computes over all patients is split
 * into what sums across sites and what FedAvg averages:
 *
 * - sufficient statistics, summed: patients per condition, answer-pattern counts per condition (the answer table
 *   behind the structure prior and the interview), the multi-choice values seen (a value is kept when its summed
 *   count is > 0), and per condition the summed ground-truth differentials (the class mean differentials);
 * - weights (both heads), by FedAvg: each round every site runs one local epoch of the same SGD (the same masked
 *   states per patient, the same learning-rate decay by round as the central trainer's by epoch) from the global
 *   weights, and the global weights become the patient-weighted mean.
 *
 * This runs in one process (no HTTP): it measures what federation costs the model; the transport, secure aggregation
 * and DP are those of the logistic protocol and are not applied here.
 */
export interface FederatedDdxOptions {
  readonly rounds: number;
  readonly train: TrainOptions;
}

function siteCounts(index: SpecIndex, prepared: readonly PreparedPatient[]) {
  return AnswerTable.count(
    index,
    prepared.map((p) => ({ answers: p.answers, condition: p.condition })),
  );
}

/** Sums per-site answer tables pattern by pattern (union of patterns, counts added). */
export function sumAnswerTables(
  tables: readonly Record<string, QuestionAnswerCounts>[],
): Record<string, QuestionAnswerCounts> {
  const out: Record<string, { patterns: string[][]; counts: number[][]; keys: Map<string, number> }> = {};
  for (const table of tables) {
    for (const [code, entry] of Object.entries(table)) {
      if (!out[code]) out[code] = { patterns: [], counts: [], keys: new Map() };
      const target = out[code];
      entry.patterns.forEach((pattern, p) => {
        const key = patternKey(pattern);
        let at = target.keys.get(key);
        if (at === undefined) {
          at = target.patterns.length;
          target.keys.set(key, at);
          target.patterns.push([...pattern]);
          target.counts.push(new Array<number>((entry.counts[p] as number[]).length).fill(0));
        }
        const row = target.counts[at] as number[];
        (entry.counts[p] as readonly number[]).forEach((c, k) => {
          row[k] = (row[k] as number) + c;
        });
      });
    }
  }
  return Object.fromEntries(
    Object.entries(out).map(([code, e]) => [code, { patterns: e.patterns, counts: e.counts }]),
  );
}

export function trainFederatedDdx(
  spec: DdxSpec,
  sites: ReadonlyMap<string, readonly DdxplusPatient[]>,
  options: FederatedDdxOptions,
): DdxLogisticModel {
  const index = new SpecIndex(spec);
  const C = spec.conditions.length;
  const prepared = new Map([...sites].map(([name, patients]) => [name, preparePatients(index, patients)]));
  // 1. Sufficient statistics, summed over sites.
  const conditionCounts = new Array<number>(C).fill(0);
  const differentialSums = new Float64Array(C * C);
  const kept: Record<string, Set<string>> = {};
  for (const list of prepared.values()) {
    for (const p of list) {
      conditionCounts[p.condition] = (conditionCounts[p.condition] as number) + 1;
      for (let k = 0; k < C; k++)
        differentialSums[p.condition * C + k] =
          (differentialSums[p.condition * C + k] as number) + (p.target[k] as number);
    }
    for (const [code, values] of Object.entries(keptMultiValues(index, list))) {
      if (!kept[code]) kept[code] = new Set();
      const set = kept[code];
      for (const v of values) set.add(v);
    }
  }
  const keptValues = Object.fromEntries(
    Object.entries(kept).map(([code, set]) => [
      code,
      (index.question(code).values ?? []).filter((v) => set.has(v)),
    ]),
  );
  const answerCounts = sumAnswerTables([...prepared.values()].map((list) => siteCounts(index, list)));
  const model = DdxLogisticModel.empty(spec, keptValues, answerCounts, conditionCounts);
  model.structurePenalty = options.train.structurePrior ? options.train.structurePenalty : 0;

  // 2. FedAvg of both heads.
  const randoms = new Map(
    [...prepared.keys()].map((name, i) => [name, seededRandom(options.train.seed + 101 * (i + 1))]),
  );
  const total = [...prepared.values()].reduce((n, l) => n + l.length, 0);
  for (let round = 0; round < options.rounds; round++) {
    const learningRate = options.train.learningRate / (1 + round / 8);
    const sums = {
      bias: new Float64Array(model.bias.length),
      weights: new Float64Array(model.weights.length),
      differentialBias: new Float64Array(model.differentialBias.length),
      differentialWeights: new Float64Array(model.differentialWeights.length),
    };
    for (const [name, list] of prepared) {
      if (list.length === 0) continue;
      const random = randoms.get(name) as () => number;
      const local = {
        bias: Float64Array.from(model.bias),
        weights: Float64Array.from(model.weights),
        differentialBias: Float64Array.from(model.differentialBias),
        differentialWeights: Float64Array.from(model.differentialWeights),
      };
      const examples = list.flatMap((p) =>
        Array.from({ length: options.train.statesPerPatient }, () =>
          model.encode(sampleState(index, p, random, options.train), p.condition, p.target),
        ),
      );
      const order = shuffle(examples, random);
      sgdPass({ bias: local.bias, weights: local.weights }, order, {
        learningRate,
        l2: options.train.l2,
        penalty: model.structurePenalty,
        soft: false,
      });
      if (options.train.differentialHead)
        sgdPass({ bias: local.differentialBias, weights: local.differentialWeights }, order, {
          learningRate,
          l2: options.train.l2,
          penalty: 0,
          soft: true,
        });
      const n = list.length;
      for (const key of ['bias', 'weights', 'differentialBias', 'differentialWeights'] as const) {
        const s = sums[key];
        const l = local[key];
        for (let i = 0; i < s.length; i++) s[i] = (s[i] as number) + n * (l[i] as number);
      }
    }
    for (const key of ['bias', 'weights', 'differentialBias', 'differentialWeights'] as const) {
      const target = model[key];
      const s = sums[key];
      for (let i = 0; i < target.length; i++) target[i] = (s[i] as number) / total;
    }
  }
  const means = new Float64Array(C * C);
  for (let c = 0; c < C; c++)
    for (let k = 0; k < C; k++)
      means[c * C + k] =
        (conditionCounts[c] as number) > 0
          ? (differentialSums[c * C + k] as number) / (conditionCounts[c] as number)
          : 0;
  model.classDifferentials = means;
  model.clearCache();
  return model;
}

/** GTPA@1 on full-evidence states: the share of patients whose pathology is the model's top condition. */
export function top1FullEvidence(model: DdxLogisticModel, patients: readonly DdxplusPatient[]): number {
  const index = model.index;
  let right = 0;
  for (const patient of patients) {
    const state = {
      ageYears: patient.ageYears,
      sex: patient.sex,
      answers: fullAnswers(index, patient.evidences),
    };
    const logits = model.rawLogits(state, model.vocabulary.rowsForState(state));
    let best = 0;
    for (let c = 1; c < logits.length; c++) if ((logits[c] as number) > (logits[best] as number)) best = c;
    if (index.spec.conditions[best]?.name === patient.pathology) right++;
  }
  return patients.length ? right / patients.length : Number.NaN;
}

/** Four sites by age group (non-identical distributions): children, 18–39, 40–59, 60 and over. */
export function sitesByAge(patients: readonly DdxplusPatient[]): Map<string, DdxplusPatient[]> {
  const groups = new Map<string, DdxplusPatient[]>([
    ['age-0-17', []],
    ['age-18-39', []],
    ['age-40-59', []],
    ['age-60-plus', []],
  ]);
  for (const p of patients) {
    const key =
      p.ageYears < 18
        ? 'age-0-17'
        : p.ageYears < 40
          ? 'age-18-39'
          : p.ageYears < 60
            ? 'age-40-59'
            : 'age-60-plus';
    groups.get(key)?.push(p);
  }
  return groups;
}

/**
 * GTPA@1 on partial states: `perPatient` states per patient drawn as in training (`sampleState`, seeded), the share
 * whose top condition is the pathology — closer to what an interview leaves than full evidence.
 */
export function top1PartialStates(
  model: DdxLogisticModel,
  patients: readonly DdxplusPatient[],
  options: TrainOptions,
  perPatient = 3,
  seed = 61,
): number {
  const index = model.index;
  const random = seededRandom(seed);
  let right = 0;
  let total = 0;
  for (const p of preparePatients(index, patients)) {
    for (let k = 0; k < perPatient; k++) {
      const state = sampleState(index, p, random, options);
      const logits = model.rawLogits(state, model.vocabulary.rowsForState(state));
      let best = 0;
      for (let c = 1; c < logits.length; c++) if ((logits[c] as number) > (logits[best] as number)) best = c;
      if (best === p.condition) right++;
      total++;
    }
  }
  return total ? right / total : Number.NaN;
}
