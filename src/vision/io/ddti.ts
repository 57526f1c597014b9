import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GreyImage, resizeArea } from '../preprocess.js';
import { decodePng } from './raster.js';

/** One labelled DDTI nodule crop. */
export interface DdtiCase {
  readonly id: string;
  /** Patient/image number (the part before `_`), for splits that keep a patient's nodules together. */
  readonly patient: string;
  readonly tirads: string;
  /** 1 = TI-RADS 4a–5, 0 = TI-RADS 2–3 (TI-RADS-derived, not cytology). */
  readonly label: 0 | 1;
  readonly imagePath: string;
  readonly maskPath: string;
}

const SUSPICIOUS = new Set(['4a', '4b', '4c', '5']);
const BENIGN = new Set(['2', '3']);

/**
 * Reads `diagnosis.csv` (no header: id, TI-RADS, binary) of the DDTI layout (Pedraza et al., SPIE 2015, as
 * preprocessed by xuao575/DDTI_preprocessing) and keeps rows with a TI-RADS rating and an image in `cropped/`.
 */
export function readDdti(dir: string): DdtiCase[] {
  const csv = join(dir, 'diagnosis.csv');
  if (!existsSync(csv))
    throw new Error(`${dir} has no diagnosis.csv (DDTI layout: cropped/<id>.png + diagnosis.csv)`);
  const cases: DdtiCase[] = [];
  for (const line of readFileSync(csv, 'utf8').split(/\r?\n/)) {
    const [id, tirads] = line.split(',').map((s) => s.trim());
    if (!id || !tirads) continue;
    const rating = tirads.toLowerCase();
    const label = SUSPICIOUS.has(rating) ? 1 : BENIGN.has(rating) ? 0 : undefined;
    if (label === undefined) continue;
    const imagePath = join(dir, 'cropped', `${id}.png`);
    if (!existsSync(imagePath)) continue;
    cases.push({
      id,
      patient: id.split('_')[0] ?? id,
      tirads: rating,
      label,
      imagePath,
      maskPath: join(dir, 'mask', `${id}.gif`),
    });
  }
  return cases;
}

/** A DDTI crop as model input: grey, resized by area averaging to `size`². */
export function loadDdtiImage(c: DdtiCase, size: number): GreyImage {
  return resizeArea(decodePng(readFileSync(c.imagePath)), size, size);
}
