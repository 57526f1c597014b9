import type { DdxLogisticModel } from '../diagnosis/model/logistic.js';
import type { DdxSpec } from '../diagnosis/model/spec.js';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions, trainDdxModel } from '../diagnosis/model/train.js';
import { dataHash, dedupeRecords, expandByWeight, isCheckRecord, type TrainingRecord } from './dataset.js';

/**
 * Training a candidate diagnosis model: the project's own trainer (`trainDdxModel`, what `npm run train:ddx` runs,
 * same options) on the deduplicated, weighted training records that are not in the check part. The temperatures and
 * the differential list's mixture and sharpening are carried over from the model the candidate would replace (they
 * were fitted on calibration patients by `train:ddx`; refitting them needs patients outside both parts).
 */
export interface CandidateOptions {
  readonly seed?: number;
  readonly train?: Partial<TrainOptions>;
  /** The model whose calibration the candidate keeps (normally the active one). */
  readonly calibrationFrom?: DdxLogisticModel;
  readonly version: string;
  readonly now?: () => Date;
  /** Train on the check part too (comparisons that measure on a separate test set, e.g. repair). */
  readonly includeCheckPart?: boolean;
}

export interface TrainedCandidate {
  readonly model: DdxLogisticModel;
  readonly dataHash: string;
  readonly trainingRecords: number;
  readonly confirmedRecords: number;
  readonly baseRecords: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

export function trainCandidate(
  spec: DdxSpec,
  records: readonly TrainingRecord[],
  options: CandidateOptions,
): TrainedCandidate {
  const usable = dedupeRecords(records).filter(
    (r) => (options.includeCheckPart || !isCheckRecord(r)) && r.weight > 0,
  );
  if (usable.length === 0) throw new Error('no training records outside the check part');
  const seed = options.seed ?? DEFAULT_TRAIN_OPTIONS.seed;
  const patients = expandByWeight(usable, seed);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const trainOptions: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, seed, ...options.train };
  const { log: _log, extraStates: _extra, ...recorded } = trainOptions;
  const model = trainDdxModel(spec, patients, trainOptions);
  const spent = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  const from = options.calibrationFrom;
  if (from) {
    model.temperature = from.temperature;
    model.differentialTemperature = from.differentialTemperature;
    model.differentialMixture = from.differentialMixture;
    model.differentialSharpening = from.differentialSharpening;
  }
  const hash = dataHash(usable);
  model.modelVersion = options.version;
  model.trainedAt = (options.now?.() ?? new Date()).toISOString();
  const confirmed = usable.filter((r) => r.source === 'confirmed').length;
  model.training = {
    data: 'learning loop: base training records plus clinician-confirmed cases (check part held out)',
    dataHash: hash,
    trainingRecords: usable.length,
    baseRecords: usable.length - confirmed,
    confirmedRecords: confirmed,
    expandedPatients: patients.length,
    calibrationFrom: from?.modelVersion ?? 'none (temperature 1)',
    ...recorded,
    seconds: Number(seconds.toFixed(1)),
  };
  model.clearCache();
  return {
    model,
    dataHash: hash,
    trainingRecords: usable.length,
    confirmedRecords: confirmed,
    baseRecords: usable.length - confirmed,
    seconds,
    cpuSeconds: (spent.user + spent.system) / 1e6,
  };
}
