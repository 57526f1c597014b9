import dicomParser from 'dicom-parser';
import { HealthGptError } from '../engine/errors.js';
import { DicomError, readDicom } from '../vision/dicom/read-dicom.js';
import { renderFrame } from '../vision/dicom/windowing.js';
import { type Calibration, calibrationAt, type UltrasoundRegion, ultrasoundRegions } from './calibration.js';

/** Largest cine accepted for replay: total pixels over all frames. */
export const MAX_CINE_PIXELS = 48_000_000;

/** A DICOM multi-frame ultrasound clip decoded for replay through the live pipeline. */
export interface Cine {
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  /** Frame Time (0018,1063) in ms, else from Cine Rate / Recommended Display Frame Rate, else 1000/15. */
  readonly frameTimeMs: number;
  readonly regions: readonly UltrasoundRegion[];
  readonly pixelSpacingMm?: readonly [number, number];
  /** Calibration at the image centre (the ROI's own centre decides during replay). */
  readonly calibration: Calibration;
  readonly modality?: string;
  /** Frame `i` as 8-bit grey, row-major. */
  frame(i: number): Uint8Array;
}

function frameTime(bytes: Uint8Array): number | undefined {
  try {
    const ds = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
    const ft = Number(ds.string('x00181063'));
    if (Number.isFinite(ft) && ft > 0) return ft;
    for (const tag of ['x00180040', 'x00082144']) {
      const rate = Number(ds.string(tag));
      if (Number.isFinite(rate) && rate > 0) return 1000 / rate;
    }
  } catch {
    // The full reader below reports a broken file.
  }
  return undefined;
}

/** Decodes a DICOM file (one or many frames) as a cine; `invalid` / `unsupported-media-type` on a bad file. */
export async function readCine(bytes: Uint8Array): Promise<Cine> {
  let image: Awaited<ReturnType<typeof readDicom>>;
  try {
    image = await readDicom(bytes);
  } catch (error) {
    if (error instanceof DicomError || error instanceof Error)
      throw new HealthGptError('unsupported-media-type', `not a readable DICOM file: ${error.message}`);
    throw error;
  }
  if (image.rows * image.columns * image.frames > MAX_CINE_PIXELS)
    throw new HealthGptError(
      'too-large',
      `the clip has ${image.frames} frames of ${image.columns}×${image.rows}: over ${MAX_CINE_PIXELS} pixels in all`,
    );
  const regions = ultrasoundRegions(bytes);
  const centre = { x: image.columns / 2, y: image.rows / 2 };
  const rendered = new Map<number, Uint8Array>();
  return {
    width: image.columns,
    height: image.rows,
    frames: image.frames,
    frameTimeMs: frameTime(bytes) ?? 1000 / 15,
    regions,
    ...(image.pixelSpacingMm ? { pixelSpacingMm: image.pixelSpacingMm } : {}),
    calibration: calibrationAt(centre, regions, image.pixelSpacingMm),
    ...(image.modality ? { modality: image.modality } : {}),
    frame(i: number) {
      if (!Number.isInteger(i) || i < 0 || i >= image.frames)
        throw HealthGptError.invalid(`frame ${i} does not exist (${image.frames} frames)`);
      let out = rendered.get(i);
      if (!out) {
        const grey = renderFrame(image, { frame: i });
        out = new Uint8Array(grey.length);
        for (let k = 0; k < grey.length; k++) out[k] = Math.round(grey[k] as number);
        rendered.set(i, out);
      }
      return out;
    },
  };
}
