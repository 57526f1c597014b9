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
import { mulberry32, stratifiedSplit } from '../src/diagnosis/ddxplus/split.js';
import { simulateInterview } from '../src/diagnosis/eval/simulate.js';
import { DDX_SPLIT } from '../src/diagnosis/eval/split.js';
import { DEFAULT_INTERVIEW_OPTIONS } from '../src/diagnosis/interview/options.js';
import type { DdxLogisticModel } from '../src/diagnosis/model/logistic.js';
import { SpecIndex } from '../src/diagnosis/model/spec.js';
import type { DdxState } from '../src/diagnosis/model/state.js';
import {
  DEFAULT_TRAIN_OPTIONS,
  fitTemperature,
  preparePatients,
  sampleState,
  type TrainOptions,
  trainDdxModel,
} from '../src/diagnosis/model/train.js';

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

console.log('2/2 final model on all training patients');
const model = trainDdxModel(spec, train, options);
model.temperature = temperature;
model.differentialTemperature = differentialTemperature;
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
  const random = mulberry32(DDX_SPLIT.seed + 2);
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
