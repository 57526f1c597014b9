import type { DdxplusPatient } from '../diagnosis/ddxplus/patients.js';
import { patternKey, type QuestionAnswerCounts } from '../diagnosis/model/answer-table.js';
import { DdxLogisticModel } from '../diagnosis/model/logistic.js';
import { type EncodedExample, type SoftmaxHead, sgdPass } from '../diagnosis/model/sgd.js';
import { SlotVocabulary } from '../diagnosis/model/slots.js';
import { type DdxSpec, SpecIndex } from '../diagnosis/model/spec.js';
import { fullAnswers } from '../diagnosis/model/state.js';
import {
  type PreparedPatient,
  preparePatients,
  sampleState,
  type TrainOptions,
} from '../diagnosis/model/train.js';
import { HealthGptError } from '../engine/errors.js';
import { seededRandom, shuffle } from '../ml/random.js';
import type { Coordinator, RunConfig, RunState } from './coordinator.js';
import { runLoopback } from './heart-run.js';
import type { Task } from './protocol.js';
import type { SiteData } from './site.js';

/**
 * Federated training of the DDXPlus diagnosis model (`src/diagnosis/model`, a masked softmax regression with a
 * structure prior, trained by SGD) through the site/coordinator protocol of `coordinator.ts` / `site.ts`: the same
 * HTTP rounds, site tokens, secure aggregation and refusals as the heart-disease model. What the central trainer
 * (`trainDdxModel`) computes over all patients splits into
 *
 * - round 0, statistics: one vector per site whose layout is fixed by the DDXPlus release specification alone
 *   (`DdxLayout`, never by the data): per multi-choice value of the spec, the patients reporting it; patients per
 *   condition; per condition the summed ground-truth differentials; and per question, per answer pattern the spec
 *   defines (yes / no, each categorical or scale value, each multi-choice value) and per condition, the patients
 *   giving it. Summed (masked) by the coordinator, it is everything the model needs besides its weights;
 * - rounds 1…R, FedAvg of both heads' weights over the spec's full slot vocabulary (fixed length): each site runs
 *   one local epoch of the central trainer's SGD (same masked states per patient, learning rate decayed by round as
 *   the central trainer decays it by epoch) on the vocabulary of the values seen at any site (which the coordinator
 *   tells the sites after round 0, as 0/1 per spec value), and sends its model times its patient count; the rows of
 *   values no site saw stay zero.
 *
 * Exact for everything except the five multi-choice questions' answer table: the central trainer counts each exact
 * combination of values a patient reported, which has no size fixed by the spec (2^165 combinations), so the
 * federated model counts each value on its own. That table feeds the interview's answer predictions, not the
 * scores (GTPA@1). No DP-SGD for this model: a DP run is declined by its sites.
 */
export const DDX_RUN_DEFAULTS = { roundTimeoutMs: 120_000 } as const;
/** FedProx μ for the DDXPlus model: chosen before any run (FedProx's grid 0.001…1, the middle), not tuned. */
export const DDX_FEDPROX_MU = 0.01;

/** The fixed layout of the shared vectors, from the spec alone. */
export class DdxLayout {
  readonly index: SpecIndex;
  readonly conditions: number;
  /** Multi-choice values of the spec, in spec order (block 1 of the statistics). */
  readonly multiValues: readonly { code: string; value: string }[];
  readonly conditionOffset: number;
  readonly differentialOffset: number;
  readonly tableOffset: number;
  /** The answer patterns the spec defines, per question, in spec order (block 4, `conditions` counts each). */
  readonly patterns: readonly { code: string; pattern: readonly string[] }[];
  private readonly patternAt = new Map<string, number>();
  readonly statsLength: number;
  /** Rows of the full slot vocabulary (every value of the spec). */
  readonly fullRows: number;
  /** bias[C], weights[fullRows × C], differential bias[C], differential weights[fullRows × C]. */
  readonly modelLength: number;
  private readonly fullSlot: Map<string, number>;

  constructor(readonly spec: DdxSpec) {
    this.index = new SpecIndex(spec);
    const C = spec.conditions.length;
    this.conditions = C;
    this.multiValues = this.index.spec.questions.flatMap((q) =>
      q.type === 'multi' ? (q.values ?? []).map((value) => ({ code: q.code, value })) : [],
    );
    this.conditionOffset = this.multiValues.length;
    this.differentialOffset = this.conditionOffset + C;
    this.tableOffset = this.differentialOffset + C * C;
    const patterns: { code: string; pattern: readonly string[] }[] = [];
    for (const q of this.index.spec.questions) {
      const list = q.type === 'binary' ? [['yes'], []] : (q.values ?? []).map((v) => [v]);
      for (const pattern of list) {
        this.patternAt.set(`${q.code}:${patternKey(pattern)}`, patterns.length);
        patterns.push({ code: q.code, pattern });
      }
    }
    this.patterns = patterns;
    this.statsLength = this.tableOffset + patterns.length * C + 1;
    const full = new SlotVocabulary(this.index);
    this.fullRows = full.rowCount;
    this.fullSlot = new Map(full.slotNames.map((name, i) => [name, i]));
    this.modelLength = 2 * C + 2 * this.fullRows * C;
  }

  /** One site's statistics vector (patients last). */
  statistics(prepared: readonly PreparedPatient[]): number[] {
    const C = this.conditions;
    const out = new Array<number>(this.statsLength).fill(0);
    const valueAt = new Map(this.multiValues.map((m, i) => [`${m.code}:${m.value}`, i]));
    for (const p of prepared) {
      out[this.conditionOffset + p.condition]! += 1;
      for (let k = 0; k < C; k++) out[this.differentialOffset + p.condition * C + k]! += p.target[k]!;
      for (const [code, answer] of p.answers) {
        for (const value of answer) {
          const at = valueAt.get(`${code}:${value}`);
          if (at !== undefined) out[at]! += 1;
        }
      }
      // The answer table as `AnswerTable.count` builds it: a follow-up only when its parent answer is present.
      for (const question of this.index.spec.questions) {
        const answer = p.answers.get(question.code);
        if (!answer) continue;
        if (question.parent) {
          const parent = p.answers.get(question.parent);
          if (!parent || !this.index.isPresent(this.index.question(question.parent), parent)) continue;
        }
        const keys = question.type === 'binary' ? [patternKey(answer)] : answer;
        for (const key of keys) {
          const at = this.patternAt.get(`${question.code}:${key}`);
          if (at !== undefined) out[this.tableOffset + at * C + p.condition]! += 1;
        }
      }
    }
    out[this.statsLength - 1] = prepared.length;
    return out;
  }

  /** The multi-choice values kept (seen at any site, and each question's default), from the 0/1 `shared` vector. */
  keptValues(shared: readonly number[]): Record<string, string[]> {
    if (shared.length !== this.multiValues.length)
      throw new HealthGptError(
        'invalid',
        `wrong shape: ${shared.length} shared values, the DDXPlus layout has ${this.multiValues.length}`,
      );
    const kept: Record<string, string[]> = {};
    for (const q of this.index.spec.questions) if (q.type === 'multi') kept[q.code] = [];
    this.multiValues.forEach(({ code, value }, i) => {
      if ((shared[i] as number) > 0 || value === this.index.question(code).defaultValue)
        kept[code]?.push(value);
    });
    return kept;
  }

  /** Full-vocabulary row of each row of a model over `keptValues`. */
  rowMap(model: DdxLogisticModel): Int32Array {
    const names = model.vocabulary.slotNames;
    const map = new Int32Array(names.length * 2);
    names.forEach((name, slot) => {
      const full = this.fullSlot.get(name);
      if (full === undefined)
        throw new HealthGptError('internal', `slot ${name} is not in the spec's vocabulary`);
      map[2 * slot] = 2 * full;
      map[2 * slot + 1] = 2 * full + 1;
    });
    return map;
  }

  /** Copies the full-vocabulary vector's heads into `model` (over its kept vocabulary). */
  load(model: DdxLogisticModel, vector: readonly number[], rows = this.rowMap(model)): void {
    const C = this.conditions;
    const second = C + this.fullRows * C;
    for (let c = 0; c < C; c++) {
      model.bias[c] = vector[c] as number;
      model.differentialBias[c] = vector[second + c] as number;
    }
    rows.forEach((full, r) => {
      for (let c = 0; c < C; c++) {
        model.weights[r * C + c] = vector[C + full * C + c] as number;
        model.differentialWeights[r * C + c] = vector[second + C + full * C + c] as number;
      }
    });
  }

  /** `model`'s heads as a full-vocabulary vector times `scale` (rows of values not kept are zero). */
  store(model: DdxLogisticModel, scale: number, rows = this.rowMap(model)): number[] {
    const C = this.conditions;
    const out = new Array<number>(this.modelLength).fill(0);
    const second = C + this.fullRows * C;
    for (let c = 0; c < C; c++) {
      out[c] = scale * (model.bias[c] as number);
      out[second + c] = scale * (model.differentialBias[c] as number);
    }
    rows.forEach((full, r) => {
      for (let c = 0; c < C; c++) {
        out[C + full * C + c] = scale * (model.weights[r * C + c] as number);
        out[second + C + full * C + c] = scale * (model.differentialWeights[r * C + c] as number);
      }
    });
    return out;
  }

  /**
   * The answer table from the summed statistics: per question the patterns someone gave (yes / no always, as
   * `AnswerTable.count` does), counts per condition.
   */
  answerCounts(sum: readonly number[]): Record<string, QuestionAnswerCounts> {
    const C = this.conditions;
    const table: Record<string, { patterns: string[][]; counts: number[][] }> = {};
    for (const q of this.index.spec.questions) table[q.code] = { patterns: [], counts: [] };
    this.patterns.forEach(({ code, pattern }, p) => {
      const counts = Array.from({ length: C }, (_, c) =>
        Math.round(sum[this.tableOffset + p * C + c] as number),
      );
      const binary = this.index.question(code).type === 'binary';
      if (!binary && counts.every((n) => n === 0)) return;
      table[code]?.patterns.push([...pattern]);
      table[code]?.counts.push(counts);
    });
    return table;
  }

  /** The federated model of a finished run: the summed statistics and the averaged full-vocabulary heads. */
  model(state: RunState, train: TrainOptions): DdxLogisticModel {
    const sum = state.statistics;
    if (!sum || sum.length !== this.statsLength || !state.shared)
      throw new HealthGptError('precondition-failed', 'the run has no DDXPlus statistics of this layout');
    if (state.model.length !== this.modelLength)
      throw new HealthGptError('precondition-failed', "the run's model is not a DDXPlus model of this spec");
    const C = this.conditions;
    const conditionCounts = Array.from({ length: C }, (_, c) =>
      Math.round(sum[this.conditionOffset + c] as number),
    );
    const model = DdxLogisticModel.empty(
      this.spec,
      this.keptValues(state.shared),
      this.answerCounts(sum),
      conditionCounts,
    );
    model.structurePenalty = train.structurePrior ? train.structurePenalty : 0;
    this.load(model, state.model);
    const means = new Float64Array(C * C);
    for (let c = 0; c < C; c++)
      for (let k = 0; k < C; k++)
        means[c * C + k] =
          (conditionCounts[c] as number) > 0
            ? (sum[this.differentialOffset + c * C + k] as number) / (conditionCounts[c] as number)
            : 0;
    model.classDifferentials = means;
    model.modelVersion = `federated-ddx-${state.config.runId}`;
    model.training = {
      federated: true,
      runId: state.config.runId,
      sites: state.config.sites,
      rounds: state.config.rounds,
      algorithm: state.config.training.algorithm,
      secureAggregation: state.config.secure,
    };
    model.clearCache();
    return model;
  }
}

/**
 * A site's side for the DDXPlus model: its patients stay here; it sends the statistics vector in round 0 and, each
 * training round, one local epoch of SGD from the global heads (times its patient count, then the count and the
 * loss times the count). `random` seeds the masked states (the benchmark passes seeded streams).
 */
export function ddxSiteData(
  layout: DdxLayout,
  patients: readonly DdxplusPatient[],
  train: TrainOptions,
  random: () => number,
): SiteData {
  const prepared = preparePatients(layout.index, patients);
  let local: { key: string; model: DdxLogisticModel; rows: Int32Array } | undefined;
  return {
    statistics: () => layout.statistics(prepared),
    train(task: Task): number[] {
      const global = task.model;
      const plan = task.training;
      if (!global || !plan || !task.shared)
        throw new HealthGptError(
          'precondition-failed',
          'a DDXPlus training task needs the model and the kept values',
        );
      if (global.length !== layout.modelLength)
        throw new HealthGptError(
          'invalid',
          `wrong shape: the global model has ${global.length} values, the DDXPlus layout ${layout.modelLength}`,
        );
      const key = task.shared.join('');
      if (!local || local.key !== key) {
        const model = DdxLogisticModel.empty(layout.spec, layout.keptValues(task.shared), {}, []);
        model.structurePenalty = train.structurePrior ? train.structurePenalty : 0;
        local = { key, model, rows: layout.rowMap(model) };
      }
      const { model, rows } = local;
      layout.load(model, global, rows);
      const n = prepared.length;
      if (n === 0) return new Array<number>(layout.modelLength + 2).fill(0);
      // Round r (1-based) uses the central trainer's learning rate of epoch r − 1.
      const learningRate = plan.learningRate / (1 + (task.round - 1) / 8);
      const examples = prepared.flatMap((p) =>
        Array.from({ length: train.statesPerPatient }, () =>
          model.encode(sampleState(layout.index, p, random, train), p.condition, p.target),
        ),
      );
      const order = shuffle(examples, random);
      const mu = plan.algorithm === 'fedprox' ? plan.mu : 0;
      const loss = localEpoch({ bias: model.bias, weights: model.weights }, order, {
        learningRate,
        l2: plan.lambda,
        penalty: model.structurePenalty,
        soft: false,
        mu,
      });
      if (train.differentialHead)
        localEpoch({ bias: model.differentialBias, weights: model.differentialWeights }, order, {
          learningRate,
          l2: plan.lambda,
          penalty: 0,
          soft: true,
          mu,
        });
      return [...layout.store(model, n, rows), n, loss * n];
    },
  };
}

/** Examples between two L2-decay steps of `sgdPass`, and between two proximal steps of FedProx. */
const DECAY_EVERY = 64;

/**
 * One local epoch of the central trainer's SGD (`sgdPass`). With FedProx (μ > 0) the proximal term μ/2·|θ − θ_global|²
 * is applied as the L2 decay is, every 64 examples, as one step of its gradient summed over them:
 * θ ← θ − lr·μ·64·(θ − θ_global), to every weight and bias. With μ = 0 it is exactly `sgdPass` over the epoch.
 */
function localEpoch(
  head: SoftmaxHead,
  order: readonly EncodedExample[],
  options: { learningRate: number; l2: number; penalty: number; soft: boolean; mu: number },
): number {
  const { mu, ...pass } = options;
  if (mu <= 0) return sgdPass(head, order, { ...pass, decayEvery: DECAY_EVERY });
  const globalBias = Float64Array.from(head.bias);
  const globalWeights = Float64Array.from(head.weights);
  const pull = options.learningRate * mu * DECAY_EVERY;
  let loss = 0;
  for (let start = 0; start < order.length; start += DECAY_EVERY) {
    const chunk = order.slice(start, start + DECAY_EVERY);
    loss += sgdPass(head, chunk, { ...pass, decayEvery: DECAY_EVERY }) * chunk.length;
    if (chunk.length < DECAY_EVERY) break;
    for (let i = 0; i < head.bias.length; i++)
      head.bias[i]! -= pull * ((head.bias[i] as number) - (globalBias[i] as number));
    for (let i = 0; i < head.weights.length; i++)
      head.weights[i]! -= pull * ((head.weights[i] as number) - (globalWeights[i] as number));
  }
  return order.length ? loss / order.length : 0;
}

export interface FederatedDdxOptions {
  /** FedAvg, or FedProx with `mu` (default 0.01, not tuned). */
  readonly algorithm?: 'fedavg' | 'fedprox';
  readonly mu?: number;
  readonly rounds: number;
  readonly train: TrainOptions;
  readonly secure?: boolean;
  readonly roundTimeoutMs?: number;
  readonly onRound?: Coordinator['onRound'];
}

/** The coordinator's run configuration for the DDXPlus model (FedAvg or FedProx; no DP). */
export function ddxRunConfig(
  layout: DdxLayout,
  runId: string,
  sites: readonly string[],
  options: FederatedDdxOptions,
): RunConfig {
  const secure = options.secure ?? true;
  return {
    runId,
    task: 'ddx',
    sites,
    rounds: options.rounds,
    modelLength: layout.modelLength,
    statsLength: layout.statsLength,
    sharedLength: layout.multiValues.length,
    training: {
      algorithm: options.algorithm ?? 'fedavg',
      localSteps: 1,
      learningRate: options.train.learningRate,
      lambda: options.train.l2,
      mu: options.algorithm === 'fedprox' ? (options.mu ?? DDX_FEDPROX_MU) : 0,
    },
    secure,
    roundTimeoutMs: options.roundTimeoutMs ?? DDX_RUN_DEFAULTS.roundTimeoutMs,
    minSites: secure ? 2 : 1,
    maxAttempts: 3,
    maxWeight: 1000,
  };
}

/**
 * One federated run of the DDXPlus model over loopback HTTP (the coordinator's server and one `Site` client per
 * site in this process, each with its own token, key pair and patients; secure aggregation on by default). Site `i`
 * draws its masked states from `seededRandom(train.seed + 101·i)`.
 */
export async function runFederatedDdx(
  spec: DdxSpec,
  sites: ReadonlyMap<string, readonly DdxplusPatient[]>,
  options: FederatedDdxOptions,
): Promise<{ state: RunState; model: DdxLogisticModel; layout: DdxLayout }> {
  const layout = new DdxLayout(spec);
  const names = [...sites.keys()];
  const data = new Map(
    names.map((name, i) => [
      name,
      ddxSiteData(
        layout,
        sites.get(name) ?? [],
        options.train,
        seededRandom(options.train.seed + 101 * (i + 1)),
      ),
    ]),
  );
  const run = await runLoopback({
    sites: data,
    rounds: options.rounds,
    config: (runId) => ddxRunConfig(layout, runId, names, options),
    ...(options.onRound ? { onRound: options.onRound } : {}),
  });
  if (run.state.status !== 'done')
    throw new HealthGptError(
      'unavailable',
      `the federated DDXPlus run ${run.state.status}: ${run.state.reason ?? ''}`,
    );
  return { state: run.state, model: layout.model(run.state, options.train), layout };
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
