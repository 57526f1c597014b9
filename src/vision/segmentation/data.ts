import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { groupSplit } from '../../ml/split.js';
import { decodeGif } from '../io/gif.js';
import { decodePng } from '../io/raster.js';

/** One image with an expert outline in the DDTI layout (`cropped/<id>.png`, `mask/<id>.gif`). */
export interface SegmentationCase {
  readonly id: string;
  /** Patient (the DDTI image number before `_`): a patient's nodules stay in one split. */
  readonly patient: string;
  /** The TI-RADS rating from `diagnosis.csv` when it has one. */
  readonly tirads?: string;
  readonly imagePath: string;
  readonly maskPath: string;
}

/** A decoded case: 8-bit grey image and 0/1 mask of the same size. */
export interface LoadedCase {
  readonly id: string;
  readonly patient: string;
  readonly width: number;
  readonly height: number;
  readonly image: Uint8Array;
  readonly mask: Uint8Array;
}

/**
 * Lists the images of a DDTI-like folder that have an outline: every `cropped/*.png` with a `mask/<same id>.gif`.
 * `diagnosis.csv` (id, TI-RADS, binary; no header) is read when present for the ratings; its absence is not an error.
 */
export function readSegmentationSet(dir: string): SegmentationCase[] {
  const cropped = join(dir, 'cropped');
  const masks = join(dir, 'mask');
  if (!existsSync(cropped) || !existsSync(masks))
    throw new Error(`${dir} is not laid out like DDTI: it needs cropped/*.png and mask/*.gif`);
  const ratings = new Map<string, string>();
  const csv = join(dir, 'diagnosis.csv');
  if (existsSync(csv)) {
    for (const line of readFileSync(csv, 'utf8').split(/\r?\n/)) {
      const [id, tirads] = line.split(',').map((s) => s.trim());
      if (id && tirads && tirads.toLowerCase() !== 'none') ratings.set(id, tirads.toLowerCase());
    }
  }
  const cases: SegmentationCase[] = [];
  for (const file of readdirSync(cropped).sort()) {
    if (!file.toLowerCase().endsWith('.png')) continue;
    const id = basename(file, '.png');
    const maskPath = join(masks, `${id}.gif`);
    if (!existsSync(maskPath)) continue;
    const tirads = ratings.get(id);
    cases.push({
      id,
      patient: id.split('_')[0] ?? id,
      ...(tirads ? { tirads } : {}),
      imagePath: join(cropped, file),
      maskPath,
    });
  }
  if (cases.length === 0) throw new Error(`${dir} has no cropped/*.png with a matching mask/*.gif`);
  return cases;
}

/** Decodes a case; the mask is inside where its grey value is over 127. */
export function loadCase(c: SegmentationCase): LoadedCase {
  const image = decodePng(readFileSync(c.imagePath));
  const mask = decodeGif(readFileSync(c.maskPath));
  if (image.width !== mask.width || image.height !== mask.height)
    throw new Error(
      `${c.id}: image ${image.width}×${image.height} and mask ${mask.width}×${mask.height} differ`,
    );
  const grey = new Uint8Array(image.pixels.length);
  for (let i = 0; i < grey.length; i++) grey[i] = Math.round(image.pixels[i] as number);
  const binary = new Uint8Array(mask.pixels.length);
  for (let i = 0; i < binary.length; i++) binary[i] = (mask.pixels[i] as number) > 127 ? 1 : 0;
  return {
    id: c.id,
    patient: c.patient,
    width: image.width,
    height: image.height,
    image: grey,
    mask: binary,
  };
}

/** The split parts, by patient. */
export type SegmentationSplit = 'train' | 'validation' | 'test';

/**
 * Seeded by-patient split, 70 / 15 / 15 % of patients: `train` fits, `validation` picks the epoch, `test` is
 * reported. The same seed gives the same split on the same patient list.
 */
export function splitByPatient<T extends { readonly patient: string }>(
  cases: readonly T[],
  seed: number,
): Record<SegmentationSplit, T[]> {
  const patients = [...new Set(cases.map((c) => c.patient))];
  const part = groupSplit([patients], [0.7, 0.85], seed);
  const out: Record<SegmentationSplit, T[]> = { train: [], validation: [], test: [] };
  const names: SegmentationSplit[] = ['train', 'validation', 'test'];
  for (const c of cases) out[names[part.get(c.patient) ?? 0] as SegmentationSplit].push(c);
  return out;
}

/**
 * The cases a network is fitted on: the training patients, plus the validation patients for a final refit (its
 * settings already chosen on validation). The test patients are never among them.
 */
export function fittedCases<T>(split: Record<SegmentationSplit, T[]>, refit: boolean): T[] {
  return refit ? [...split.train, ...split.validation] : split.train;
}
