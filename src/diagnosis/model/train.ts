import { seededRandom, shuffle } from '../../ml/random.js';
import type { DdxplusPatient } from '../ddxplus/patients.js';
import { splitEvidence } from '../ddxplus/patients.js';
import { AnswerTable } from './answer-table.js';
import { DdxLogisticModel } from './logistic.js';
import { softmax } from './scorer.js';
import type { EncodedExample } from './sgd.js';
import { sgdPass } from './sgd.js';
import { type Answer, type DdxSpec, SpecIndex } from './spec.js';
import { type DdxState, fullAnswers, withAnswer } from './state.js';

export interface TrainOptions {
  readonly seed: number;
  readonly epochs: number;
  /** Masked states drawn per patient per epoch. */
  readonly statesPerPatient: number;
  /** Share of states with every answer known (full evidence). */
  readonly fullStateShare: number;
  /** Share of revealed answers turned into "don't know". */
  readonly unknownShare: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly structurePenalty: number;
  /** Train the differential head too. */
  readonly differentialHead: boolean;
  /** Use the structure prior (condition↔evidence links); off gives the plain masked logistic regression. */
  readonly structurePrior: boolean;
  /** No masking: full-evidence states only (the logistic-regression baseline). */
  readonly fullEvidenceOnly: boolean;
  /** Extra states (e.g. from simulated interviews) to train on each epoch. */
  readonly extraStates?: readonly { state: DdxState; patient: number }[];
  readonly log?: (line: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 6,
  epochs: 40,
  statesPerPatient: 4,
  fullStateShare: 0.15,
  unknownShare: 0.03,
  learningRate: 0.05,
  l2: 2e-5,
  structurePenalty: 8,
  differentialHead: true,
  structurePrior: true,
  fullEvidenceOnly: false,
};

/** A training patient, prepared once. */
export interface PreparedPatient {
  readonly patient: DdxplusPatient;
  readonly answers: ReadonlyMap<string, readonly string[]>;
  readonly condition: number;
  readonly target: Float64Array;
}

export function preparePatients(index: SpecIndex, patients: readonly DdxplusPatient[]): PreparedPatient[] {
  return patients.map((patient) => {
    const condition = index.conditionIndex.get(patient.pathology);
    if (condition === undefined) throw new Error(`unknown DDXPlus pathology '${patient.pathology}'`);
    const target = new Float64Array(index.spec.conditions.length);
    for (const [name, p] of patient.differential) {
      const c = index.conditionIndex.get(name);
      if (c !== undefined) target[c]! += p;
    }
    const sum = target.reduce((a, b) => a + b, 0);
    if (sum > 0) for (let c = 0; c < target.length; c++) target[c]! /= sum;
    else target[condition] = 1;
    return { patient, answers: fullAnswers(index, patient.evidences), condition, target };
  });
}

/**
 * A random partial state of a patient, as an interview could leave it: age, sex and the initial evidence always;
 * each other root question revealed with probability `revealPresent` if the patient reports it, `revealAbsent`
 * otherwise (drawn per state, so sparse and dense states both occur); follow-ups of a revealed present parent with
 * their own draw; a few revealed answers turned into "don't know".
 */
export function sampleState(
  index: SpecIndex,
  prepared: PreparedPatient,
  random: () => number,
  options: Pick<TrainOptions, 'fullStateShare' | 'unknownShare'>,
): DdxState {
  const { patient, answers: truth } = prepared;
  const answers = new Map<string, Answer>();
  if (random() < options.fullStateShare) {
    for (const [code, answer] of truth) answers.set(code, answer);
    return { ageYears: patient.ageYears, sex: patient.sex, answers };
  }
  const initial = index.question(splitEvidence(patient.initialEvidence).code);
  if (initial.parent) withAnswer(index, answers, initial.parent, truth.get(initial.parent)!);
  withAnswer(index, answers, initial.code, truth.get(initial.code)!);
  const revealPresent = random();
  const revealAbsent = random() ** 2 * 0.5;
  const revealChild = random();
  const reveal = (code: string, answer: readonly string[]) => {
    withAnswer(index, answers, code, random() < options.unknownShare ? 'unknown' : answer);
  };
  for (const question of index.spec.questions) {
    if (question.parent || answers.has(question.code)) continue;
    const answer = truth.get(question.code)!;
    const present = index.isPresent(question, answer);
    if (random() < (present ? revealPresent : revealAbsent)) reveal(question.code, answer);
  }
  for (const question of index.spec.questions) {
    if (!question.parent || answers.has(question.code)) continue;
    const parent = answers.get(question.parent);
    if (!parent || !index.isPresent(index.question(question.parent), parent)) continue;
    if (random() < revealChild) reveal(question.code, truth.get(question.code)!);
  }
  return { ageYears: patient.ageYears, sex: patient.sex, answers };
}

/** Values of multi-choice questions seen in training (the rest carry no weights). */
export function keptMultiValues(
  index: SpecIndex,
  prepared: readonly PreparedPatient[],
): Record<string, string[]> {
  const kept: Record<string, Set<string>> = {};
  for (const question of index.spec.questions) {
    if (question.type === 'multi') kept[question.code] = new Set([question.defaultValue!]);
  }
  for (const { answers } of prepared) {
    for (const [code, answer] of answers) for (const value of answer) kept[code]?.add(value);
  }
  return Object.fromEntries(
    Object.entries(kept).map(([code, values]) => [
      code,
      index.question(code).values!.filter((value) => values.has(value)),
    ]),
  );
}

/** Trains the model (both heads) from scratch on the training patients. */
export function trainDdxModel(
  spec: DdxSpec,
  patients: readonly DdxplusPatient[],
  options: TrainOptions,
): DdxLogisticModel {
  const index = new SpecIndex(spec);
  const prepared = preparePatients(index, patients);
  const conditionCounts = spec.conditions.map(() => 0);
  for (const p of prepared) conditionCounts[p.condition]!++;
  const answerCounts = AnswerTable.count(
    index,
    prepared.map((p) => ({ answers: p.answers, condition: p.condition })),
  );
  const model = DdxLogisticModel.empty(spec, keptMultiValues(index, prepared), answerCounts, conditionCounts);
  model.structurePenalty = options.structurePrior ? options.structurePenalty : 0;
  const random = seededRandom(options.seed);
  const fullStates = prepared.map((p) => ({
    ageYears: p.patient.ageYears,
    sex: p.patient.sex,
    answers: p.answers as ReadonlyMap<string, Answer>,
  }));
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const examples: EncodedExample[] = [];
    prepared.forEach((p, i) => {
      if (options.fullEvidenceOnly) {
        examples.push(model.encode(fullStates[i]!, p.condition, p.target));
        return;
      }
      for (let k = 0; k < options.statesPerPatient; k++) {
        examples.push(model.encode(sampleState(index, p, random, options), p.condition, p.target));
      }
    });
    for (const extra of options.extraStates ?? []) {
      const p = prepared[extra.patient]!;
      examples.push(model.encode(extra.state, p.condition, p.target));
    }
    const order = shuffle(examples, random);
    const learningRate = options.learningRate / (1 + epoch / 8);
    const loss = sgdPass({ bias: model.bias, weights: model.weights }, order, {
      learningRate,
      l2: options.l2,
      penalty: model.structurePenalty,
      soft: false,
    });
    let differentialLoss = 0;
    if (options.differentialHead) {
      differentialLoss = sgdPass(
        { bias: model.differentialBias, weights: model.differentialWeights },
        order,
        {
          learningRate,
          l2: options.l2,
          penalty: 0,
          soft: true,
        },
      );
    }
    options.log?.(
      `epoch ${epoch + 1}/${options.epochs}: loss ${loss.toFixed(4)} differential ${differentialLoss.toFixed(4)}`,
    );
  }
  const C = spec.conditions.length;
  const means = new Float64Array(C * C);
  for (const p of prepared)
    for (let k = 0; k < C; k++) means[p.condition * C + k]! += p.target[k]! / conditionCounts[p.condition]!;
  model.classDifferentials = means;
  model.clearCache();
  return model;
}

/**
 * Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks", ICML): the T > 0 minimising
 * the cross-entropy of the targets (a label index, or a distribution) under softmax(logits / T), by golden-section
 * search on log T over [0.05, 20].
 */
export function fitTemperature(
  logits: readonly Float64Array[],
  targets: readonly (number | Float64Array)[],
): number {
  const nll = (logT: number) => {
    const T = Math.exp(logT);
    let total = 0;
    logits.forEach((z, i) => {
      const p = softmax(Array.from(z, (v) => v / T));
      const target = targets[i]!;
      if (typeof target === 'number') total -= Math.log(Math.max(p[target]!, 1e-12));
      else
        for (let c = 0; c < p.length; c++)
          if (target[c]! > 0) total -= target[c]! * Math.log(Math.max(p[c]!, 1e-12));
    });
    return total / Math.max(1, logits.length);
  };
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 50; i++) {
    const a = hi - ratio * (hi - lo);
    const b = lo + ratio * (hi - lo);
    if (nll(a) < nll(b)) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}
