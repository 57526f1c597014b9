import { HealthGptError } from '../engine/errors.js';
import { UnsupportedTransferSyntaxError } from './dicom/codecs.js';
import { DicomError, type DicomImage, readDicom } from './dicom/read-dicom.js';
import { renderFrame, type Window, type WindowPreset } from './dicom/windowing.js';
import { decodeJpeg, decodePng, MAX_IMAGE_PIXELS } from './io/raster.js';
import type { GreyImage } from './preprocess.js';

/** Largest upload accepted by the API and CLI: 32 MiB (a 512×512×100 CT series is ≈ 50 MB; send frames singly). */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

export type ImageFormat = 'dicom' | 'png' | 'jpeg';

/** Why an upload cannot be read, as a `HealthGptError` code (invalid, too-large, unsupported-media-type, unprocessable). */
export class ImageInputError extends HealthGptError {
  constructor(code: 'invalid' | 'too-large' | 'unsupported-media-type' | 'unprocessable', message: string) {
    super(code, message);
    this.name = 'ImageInputError';
  }
}

/** A decoded image ready for display and analysis. */
export interface DecodedImage {
  readonly format: ImageFormat;
  readonly contentType: string;
  /** The displayed frame in 0–255 grey (DICOM: through the window; MONOCHROME1 inverted). */
  readonly grey: GreyImage;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly frames: number;
  readonly pixelSpacingMm?: readonly [number, number];
  readonly modality?: string;
  /** DICOM Body Part Examined (CHEST, BREAST, NECK …), when the file says. */
  readonly bodyPartExamined?: string;
  /** Share of pixels carrying colour (0 for grey images); the models read grey images only. */
  readonly colourFraction: number;
  readonly dicom?: DicomImage;
}

/** Share of pixels of an RGB-interleaved DICOM frame whose channels differ by more than 24 of 255 (8-bit). */
function dicomColourFraction(dicom: DicomImage, frame: number): number {
  if (dicom.samplesPerPixel !== 3) return 0;
  const values = dicom.storedFrames[frame];
  if (!values || values.length === 0) return 0;
  const scale = dicom.bitsStored > 8 ? 255 / (2 ** dicom.bitsStored - 1) : 1;
  let coloured = 0;
  for (let i = 0; i < values.length; i += 3) {
    const r = values[i] as number;
    const g = values[i + 1] as number;
    const b = values[i + 2] as number;
    if ((Math.max(r, g, b) - Math.min(r, g, b)) * scale > 24) coloured++;
  }
  return coloured / (values.length / 3);
}

const CONTENT_TYPES: Record<ImageFormat, string> = {
  dicom: 'application/dicom',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** The format from the bytes' signature: PNG magic, JPEG SOI, DICOM "DICM" at 128 (or a declared DICOM type). */
export function sniffFormat(bytes: Uint8Array, declaredType?: string): ImageFormat | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length >= 132 &&
    String.fromCharCode(bytes[128] ?? 0, bytes[129] ?? 0, bytes[130] ?? 0, bytes[131] ?? 0) === 'DICM'
  )
    return 'dicom';
  if (declaredType?.split(';')[0]?.trim().toLowerCase() === 'application/dicom') return 'dicom';
  return undefined;
}

/**
 * Decodes an uploaded image (DICOM, PNG or JPEG). Errors become `ImageInputError`s: `too-large` over the size limits,
 * `unsupported-media-type` not an image or an unsupported transfer syntax, `unprocessable` a broken file.
 */
export async function decodeImage(
  bytes: Uint8Array,
  options: { contentType?: string; frame?: number; window?: Window | WindowPreset } = {},
): Promise<DecodedImage> {
  if (bytes.length === 0) throw new ImageInputError('invalid', 'empty upload');
  if (bytes.length > MAX_UPLOAD_BYTES)
    throw new ImageInputError(
      'too-large',
      `upload is ${bytes.length} bytes; the limit is ${MAX_UPLOAD_BYTES}`,
    );
  const format = sniffFormat(bytes, options.contentType);
  if (!format)
    throw new ImageInputError(
      'unsupported-media-type',
      'not a DICOM, PNG or JPEG image (unrecognised file signature)',
    );
  try {
    if (format === 'dicom') {
      const dicom = await readDicom(bytes);
      const frame = options.frame ?? 0;
      if (frame < 0 || frame >= dicom.frames)
        throw new ImageInputError('invalid', `frame ${frame} does not exist (0…${dicom.frames - 1})`);
      const grey = {
        width: dicom.columns,
        height: dicom.rows,
        pixels: renderFrame(dicom, { frame, ...(options.window ? { window: options.window } : {}) }),
      };
      return {
        format,
        contentType: CONTENT_TYPES.dicom,
        grey,
        widthPx: dicom.columns,
        heightPx: dicom.rows,
        frames: dicom.frames,
        ...(dicom.pixelSpacingMm ? { pixelSpacingMm: dicom.pixelSpacingMm } : {}),
        ...(dicom.modality ? { modality: dicom.modality } : {}),
        ...(dicom.bodyPartExamined ? { bodyPartExamined: dicom.bodyPartExamined } : {}),
        colourFraction: dicomColourFraction(dicom, frame),
        dicom,
      };
    }
    const { colourFraction, ...grey } = format === 'png' ? decodePng(bytes) : decodeJpeg(bytes);
    return {
      format,
      contentType: CONTENT_TYPES[format],
      grey,
      widthPx: grey.width,
      heightPx: grey.height,
      frames: 1,
      colourFraction,
    };
  } catch (error) {
    if (error instanceof ImageInputError) throw error;
    if (error instanceof UnsupportedTransferSyntaxError)
      throw new ImageInputError('unsupported-media-type', error.message);
    const message = error instanceof Error ? error.message : String(error);
    if (/limit|over the|maxResolution|exceed/i.test(message)) throw new ImageInputError('too-large', message);
    if (error instanceof DicomError) throw new ImageInputError('unprocessable', message);
    throw new ImageInputError('unprocessable', `cannot decode ${format.toUpperCase()}: ${message}`);
  }
}

export { MAX_IMAGE_PIXELS };
