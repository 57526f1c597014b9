import { groupSplit, stratifiedSplitIndices } from '../ml/split.js';
import { type DdtiCase, loadDdtiImage, readDdti } from './io/ddti.js';
import { medMnistSplits } from './io/medmnist.js';
import type { VisionTask } from './tasks.js';

/** Images at model size (0–255 grey floats) with their data-set labels. */
export interface LabelledImages {
  readonly images: readonly Float32Array[];
  readonly labels: readonly number[];
  readonly ids?: readonly string[];
}

/** The three splits training uses: fit on `train`, calibrate and choose on `calibration`, report on `validation`. */
export interface TaskSplits {
  readonly train: LabelledImages;
  readonly calibration: LabelledImages;
  readonly validation: LabelledImages;
  readonly description: string;
}

/** Share of the official train split held back for calibration and model choice. */
export const CALIBRATION_SHARE = 0.15;

function take(images: LabelledImages, indices: readonly number[]): LabelledImages {
  return {
    images: indices.map((i) => images.images[i] as Float32Array),
    labels: indices.map((i) => images.labels[i] as number),
    ...(images.ids ? { ids: indices.map((i) => images.ids?.[i] as string) } : {}),
  };
}

/** A MedMNIST split as model inputs. */
export function medMnistImages(path: string, split: 'train' | 'val' | 'test'): LabelledImages {
  const s = medMnistSplits(path).splits.get(split);
  if (!s) throw new Error(`${path} has no ${split} split`);
  const pixels = s.size * s.size;
  return {
    images: Array.from({ length: s.count }, (_, i) =>
      Float32Array.from(s.pixels.subarray(i * pixels, (i + 1) * pixels)),
    ),
    labels: Array.from(s.labels),
  };
}

/**
 * PneumoniaMNIST / BreastMNIST: the official train split minus a stratified seeded 15 % calibration split; the
 * official validation split untouched for reporting. The test split is never read.
 */
export function medMnistTaskSplits(path: string, seed: number): TaskSplits {
  const train = medMnistImages(path, 'train');
  const { kept: fit, heldOut: calibration } = stratifiedSplitIndices(train.labels, CALIBRATION_SHARE, seed);
  return {
    train: take(train, fit),
    calibration: take(train, calibration),
    validation: medMnistImages(path, 'val'),
    description: `official train split → ${fit.length} train / ${calibration.length} calibration (stratified, seed ${seed}); official val split (${
      medMnistSplits(path).splits.get('val')?.count
    }) for reporting; test split not used`,
  };
}

/** DDTI labelled crops as model inputs (grey, area-resized). */
export function ddtiImages(cases: readonly DdtiCase[], size: number): LabelledImages {
  return {
    images: cases.map((c) => loadDdtiImage(c, size).pixels),
    labels: cases.map((c) => c.label),
    ids: cases.map((c) => c.id),
  };
}

/**
 * DDTI: rows with a TI-RADS rating, split by patient (all nodules of one patient image in one split), stratified
 * by whether the patient has a TI-RADS 2–3 nodule, into 70 % train / 15 % calibration / 15 % validation, seeded.
 * DDTI has no official split.
 */
export function ddtiTaskSplits(dir: string, seed: number, size: number): TaskSplits {
  const cases = readDdti(dir);
  // Stratified by patient: patients with any TI-RADS 2–3 nodule and the rest are split separately, so the small
  // benign class reaches every split.
  const allPatients = [...new Set(cases.map((c) => c.patient))].sort();
  const hasBenign = new Set(cases.filter((c) => c.label === 0).map((c) => c.patient));
  const part = groupSplit(
    [allPatients.filter((p) => hasBenign.has(p)), allPatients.filter((p) => !hasBenign.has(p))],
    [0.7, 0.85],
    seed,
  );
  const parts = ['train', 'calibration', 'validation'] as const;
  const patients = allPatients;
  const pick = (g: (typeof parts)[number]) =>
    ddtiImages(
      cases.filter((c) => parts[part.get(c.patient) ?? -1] === g),
      size,
    );
  const splits = { train: pick('train'), calibration: pick('calibration'), validation: pick('validation') };
  return {
    ...splits,
    description: `${cases.length} crops with a TI-RADS rating from ${patients.length} patients, split by patient, stratified by any TI-RADS 2–3 nodule (seed ${seed}): ${splits.train.labels.length} train / ${splits.calibration.labels.length} calibration / ${splits.validation.labels.length} validation`,
  };
}

export function taskSplits(
  task: VisionTask,
  dataDir: (...parts: string[]) => string,
  seed: number,
  size: number,
): TaskSplits {
  if (task === 'pneumonia')
    return medMnistTaskSplits(dataDir('images', 'pneumoniamnist', 'pneumoniamnist_trainval.npz'), seed);
  if (task === 'breast')
    return medMnistTaskSplits(dataDir('images', 'breastmnist', 'breastmnist_trainval.npz'), seed);
  return ddtiTaskSplits(dataDir('images', 'ddti_thyroid'), seed, size);
}
