/**
 * Trains the DDXPlus differential-diagnosis model (`npm run train:ddx`): reads the dev patients through
 * HEALTHGPT_DATA_DIR, makes the project's deterministic 80/20 split stratified by pathology (seed 6), fits the
 * temperatures on an inner 15 % calibration part of the training patients (states from simulated interviews plus
 * random partial and full states), retrains on all training patients and writes `models/ddx/ddx-model.json`.
 * Validation patients are never used here. Options: `--epochs N`, `--out FILE`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { requireDataset } from '../src/app/datasets.js';
import { readDdxplusPatients } from '../src/diagnosis/ddxplus/patients.js';
import { readDdxplusSpec } from '../src/diagnosis/ddxplus/release.js';
import { DIFFERENTIAL_CUT, ddxMetrics } from '../src/diagnosis/eval/metrics.js';
import { simulateInterview } from '../src/diagnosis/eval/simulate.js';
import { DDX_SPLIT } from '../src/diagnosis/eval/split.js';
import { DEFAULT_INTERVIEW_OPTIONS } from '../src/diagnosis/interview/options.js';
import type { DdxLogisticModel } from '../src/diagnosis/model/logistic.js';
import { SpecIndex } from '../src/diagnosis/model/spec.js';
import { type DdxState, fullState } from '../src/diagnosis/model/state.js';
import {
  DEFAULT_TRAIN_OPTIONS,
  fitTemperature,
  preparePatients,
  sampleState,
  type TrainOptions,
  trainDdxModel,
} from '../src/diagnosis/model/train.js';
import { seededRandom } from '../src/ml/random.js';
import { stratifiedSplit } from '../src/ml/split.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const out = option('out') ?? 'models/ddx/ddx-model.json';
const options: TrainOptions = {
  ...DEFAULT_TRAIN_OPTIONS,
  epochs: Number(option('epochs') ?? DEFAULT_TRAIN_OPTIONS.epochs),
  log: (line) => process.stderr.write(`  ${line}\n`),
};

const dir = requireDataset('ddxplus');
const spec = readDdxplusSpec(dir);
const patients = readDdxplusPatients(join(dir, 'patients_dev.csv'));
const { train } = stratifiedSplit(patients, (p) => p.pathology, DDX_SPLIT.validationFraction, DDX_SPLIT.seed);
const inner = stratifiedSplit(train, (p) => p.pathology, 0.15, DDX_SPLIT.seed + 1);
console.log(
  `patients: ${patients.length}; training ${train.length} (inner fit ${inner.train.length}, calibration ${inner.validation.length})`,
);

const started = performance.now();
console.log('1/2 inner model for calibration');
const innerModel = trainDdxModel(spec, inner.train, options);
const { temperature, differentialTemperature, calibrationStates } = calibrate(innerModel, inner.validation);
console.log(
  `temperature ${temperature.toFixed(3)}, differential temperature ${differentialTemperature.toFixed(3)} from ${calibrationStates} states`,
);
innerModel.temperature = temperature;
innerModel.differentialTemperature = differentialTemperature;
innerModel.clearCache();
const listFit = fitDifferentialList(innerModel, inner.validation);
console.log(
  `differential list: mixture ${listFit.alpha}, sharpening ${listFit.gamma} (calibration DDF1 ${listFit.ddf1.toFixed(4)})`,
);

console.log('2/2 final model on all training patients');
const model = trainDdxModel(spec, train, options);
model.temperature = temperature;
model.differentialTemperature = differentialTemperature;
model.differentialMixture = listFit.alpha;
model.differentialSharpening = listFit.gamma;
model.clearCache();
model.modelVersion = `ddx-logistic-${new Date().toISOString().slice(0, 10)}-e${options.epochs}`;
model.trainedAt = new Date().toISOString();
model.training = {
  data: 'DDXPlus patients_dev.csv (2,000 synthetic patients), project split: 80/20 stratified by pathology, seed 6',
  trainingPatients: train.length,
  calibrationPatients: inner.validation.length,
  epochs: options.epochs,
  statesPerPatient: options.statesPerPatient,
  fullStateShare: options.fullStateShare,
  unknownShare: options.unknownShare,
  learningRate: options.learningRate,
  l2: options.l2,
  structurePenalty: options.structurePenalty,
  differentialListCalibrationDdf1: Number(listFit.ddf1.toFixed(4)),
  seconds: Math.round((performance.now() - started) / 1000),
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(model.toJSON())}\n`);
console.log(`wrote ${out} (${model.modelVersion}) in ${model.training.seconds} s`);

function calibrate(
  calibrationModel: DdxLogisticModel,
  patientsForCalibration: typeof train,
): { temperature: number; differentialTemperature: number; calibrationStates: number } {
  const index = new SpecIndex(spec);
  const prepared = preparePatients(index, patientsForCalibration);
  const random = seededRandom(DDX_SPLIT.seed + 2);
  const logits: Float64Array[] = [];
  const labels: number[] = [];
  const differentialLogits: Float64Array[] = [];
  const targets: Float64Array[] = [];
  const add = (state: DdxState, p: (typeof prepared)[number]) => {
    const rows = calibrationModel.vocabulary.rowsForState(state);
    logits.push(calibrationModel.rawLogits(state, rows));
    labels.push(p.condition);
    differentialLogits.push(calibrationModel.differentialLogits(state, rows));
    targets.push(p.target);
  };
  prepared.forEach((p) => {
    simulateInterview(
      calibrationModel,
      calibrationModel.table,
      p.patient,
      { ...DEFAULT_INTERVIEW_OPTIONS, mustNotMiss: index.mustNotMiss },
      (state) => add({ ...state, answers: new Map(state.answers) }, p),
    );
    for (let k = 0; k < 3; k++) add(sampleState(index, p, random, options), p);
    add(sampleState(index, p, random, { ...options, fullStateShare: 1 }), p);
  });
  return {
    temperature: fitTemperature(logits, labels),
    differentialTemperature: fitTemperature(differentialLogits, targets),
    calibrationStates: logits.length,
  };
}

/**
 * Chooses the differential list's mixture α and sharpening γ on the calibration patients (never the validation
 * split): the grid point with the best mean DDF1 over full-evidence states and the states simulated interviews end in.
 */
function fitDifferentialList(calibrationModel: DdxLogisticModel, patientsForCalibration: typeof train) {
  const index = calibrationModel.index;
  const interviewOptions = { ...DEFAULT_INTERVIEW_OPTIONS, mustNotMiss: index.mustNotMiss };
  const cases = patientsForCalibration.flatMap((patient) => [
    {
      patient,
      state: simulateInterview(calibrationModel, calibrationModel.table, patient, interviewOptions).state,
    },
    { patient, state: fullState(index, patient) },
  ]);
  const posteriors = cases.map(({ state }) => calibrationModel.predict(state));
  let best = { alpha: 1, gamma: 1, ddf1: -1 };
  for (const alpha of [0, 0.25, 0.5, 0.75, 1]) {
    for (const gamma of [1, 1.25, 1.5, 1.75, 2, 2.5]) {
      const outcomes = cases.map(({ patient, state }, i) => {
        const weights = calibrationModel.differentialWith(state, alpha, gamma);
        const posterior = posteriors[i]!;
        const predicted = spec.conditions
          .map((c, k) => ({ name: c.name, probability: posterior[k]!, weight: weights[k]! }))
          .filter((e) => e.probability > DIFFERENTIAL_CUT || e.weight > DIFFERENTIAL_CUT)
          .sort((a, b) => b.probability - a.probability);
        return {
          pathology: patient.pathology,
          groundTruth: patient.differential,
          predicted,
          turns: 0,
          mustNotMiss: false,
        };
      });
      const ddf1 = ddxMetrics(outcomes).ddf1;
      if (ddf1 > best.ddf1 + 1e-9) best = { alpha, gamma, ddf1 };
    }
  }
  return best;
}
