import { inflateRawSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import {
  type CodecFrame,
  decodeJpeg2000,
  decodeJpegBaseline,
  decodeJpegLossless,
  decodeJpegLs,
  TRANSFER_SYNTAXES,
  UNSUPPORTED_TRANSFER_SYNTAXES,
  UnsupportedTransferSyntaxError,
} from './codecs.js';
import { decodeRleFrame } from './rle.js';

/** Largest image accepted: rows × columns × frames × samples (≈ 400 MB as float32), and 16,384 px per side. */
export const MAX_DICOM_SAMPLES = 100_000_000;
export const MAX_DICOM_SIDE_PX = 16_384;
/** Most frames accepted in one object (a 512 × 512 CT series of 4,096 slices is 1 Gi samples: refused anyway). */
export const MAX_DICOM_FRAMES = 4_096;

/** A DICOM file that cannot be read: malformed, truncated, or missing what an image needs (mapped to 422). */
export class DicomError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DicomError';
  }
}

/** A decoded DICOM image: header facts and every frame's stored values. */
export interface DicomImage {
  readonly transferSyntaxUid: string;
  readonly transferSyntax: string;
  readonly modality?: string;
  /** Body Part Examined (0018,0015), e.g. CHEST, BREAST, NECK. */
  readonly bodyPartExamined?: string;
  /** Patient's Age (0010,1010, e.g. `004Y`, `018M`) in years, when the file states it. */
  readonly patientAgeYears?: number;
  /** Patient's Sex (0010,0040): F or M, when the file states it. */
  readonly patientSex?: 'female' | 'male';
  readonly sopClassUid?: string;
  readonly rows: number;
  readonly columns: number;
  readonly frames: number;
  readonly samplesPerPixel: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  /** 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: 0 | 1;
  readonly photometricInterpretation: string;
  readonly rescaleSlope: number;
  readonly rescaleIntercept: number;
  /** First VOI window in the file, if any. */
  readonly windowCenter?: number;
  readonly windowWidth?: number;
  /** Row and column spacing in mm: PixelSpacing, else ImagerPixelSpacing, else from the shared functional groups. */
  readonly pixelSpacingMm?: readonly [number, number];
  readonly pixelSpacingSource?: 'PixelSpacing' | 'ImagerPixelSpacing' | 'SharedFunctionalGroups';
  /**
   * Stored values per frame (before rescale), sign-extended from `bitsStored`; colour frames are RGB interleaved.
   */
  readonly storedFrames: readonly Int32Array[];
}

type DataSet = dicomParser.DataSet;

function str(ds: DataSet, tag: string): string | undefined {
  try {
    const v = ds.string(tag);
    return v === undefined || v === '' ? undefined : v.trim();
  } catch {
    return undefined;
  }
}

function num(ds: DataSet, tag: string, index = 0): number | undefined {
  const v = str(ds, tag);
  if (v === undefined) return undefined;
  const n = Number(v.split('\\')[index]);
  return Number.isFinite(n) ? n : undefined;
}

function firstItem(ds: DataSet, ...path: string[]): DataSet | undefined {
  let current: DataSet | undefined = ds;
  for (const tag of path) current = current?.elements[tag]?.items?.[0]?.dataSet;
  return current;
}

function inflater(bytes: Uint8Array, position: number): Uint8Array {
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(bytes.subarray(position), { maxOutputLength: MAX_DICOM_SAMPLES * 4 });
  } catch (error) {
    throw new DicomError(`deflated data set cannot be inflated: ${(error as Error).message}`);
  }
  const full = new Uint8Array(position + inflated.length);
  full.set(bytes.subarray(0, position), 0);
  full.set(inflated, position);
  return full;
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  // dicom-parser throws { exception, dataSet } when it stops part-way through a data set.
  const inner = (error as { exception?: unknown } | undefined)?.exception;
  return inner !== undefined ? errorText(inner) : String(error);
}

function parse(bytes: Uint8Array): DataSet {
  try {
    return dicomParser.parseDicom(bytes, { inflater });
  } catch (first) {
    const message = errorText(first);
    // Files without the 128-byte preamble and File Meta group: a bare data set (PS3.10 §7.1 makes the meta
    // mandatory, but such files are common). Explicit VR if bytes 4–5 look like a VR, else Implicit VR LE.
    if (/DICM prefix not found/i.test(message)) {
      const vr = String.fromCharCode(bytes[4] ?? 0, bytes[5] ?? 0);
      const explicit = /^[A-Z]{2}$/.test(vr);
      try {
        const ds = dicomParser.parseDicom(bytes, {
          TransferSyntaxUID: explicit ? '1.2.840.10008.1.2.1' : '1.2.840.10008.1.2',
        });
        if (Object.keys(ds.elements).length > 2) return ds;
      } catch {
        // fall through to the error below
      }
      throw new DicomError('not a DICOM file: no "DICM" prefix and not a readable bare data set');
    }
    const hint = /buffer overrun/i.test(message)
      ? ' (the file is truncated or a length field is corrupt)'
      : '';
    throw new DicomError(`malformed DICOM: ${message.replace(/^dicomParser[.:]\w+: /, '')}${hint}`);
  }
}

function isExplicitBare(bytes: Uint8Array): boolean {
  return (
    /^[A-Z]{2}$/.test(String.fromCharCode(bytes[4] ?? 0, bytes[5] ?? 0)) &&
    String.fromCharCode(bytes[128] ?? 0, bytes[129] ?? 0, bytes[130] ?? 0, bytes[131] ?? 0) !== 'DICM'
  );
}

/** Sign-extends or masks stored values to `bitsStored` (PS3.5 §8.1.1). */
function storedValue(raw: number, bitsStored: number, signed: boolean): number {
  const mask = bitsStored >= 32 ? 0xffffffff : 2 ** bitsStored - 1;
  const v = bitsStored >= 32 ? raw : raw & mask;
  if (!signed) return v >>> 0 === v ? v : v >>> 0;
  const signBit = 2 ** (bitsStored - 1);
  return v >= signBit ? v - 2 ** bitsStored : v;
}

function unpackNative(
  bytes: Uint8Array,
  pixels: number,
  samples: number,
  bitsAllocated: number,
  bitsStored: number,
  signed: boolean,
  bigEndian: boolean,
): Int32Array {
  const count = pixels * samples;
  const out = new Int32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bitsAllocated === 1) {
    for (let i = 0; i < count; i++) out[i] = ((bytes[i >> 3] as number) >> (i & 7)) & 1;
    return out;
  }
  for (let i = 0; i < count; i++) {
    const raw =
      bitsAllocated === 8
        ? (bytes[i] as number)
        : bitsAllocated === 16
          ? view.getUint16(i * 2, !bigEndian)
          : view.getUint32(i * 4, !bigEndian);
    out[i] = storedValue(raw, bitsStored, signed);
  }
  return out;
}

/** Reorders planar (R…G…B…) samples to interleaved (PlanarConfiguration 1 → 0). */
function interleave(values: Int32Array, pixels: number): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < pixels; i++) {
    out[3 * i] = values[i] as number;
    out[3 * i + 1] = values[pixels + i] as number;
    out[3 * i + 2] = values[2 * pixels + i] as number;
  }
  return out;
}

/** YCbCr (full range, ITU-R BT.601 as in PS3.3 C.7.6.3.1.2) → RGB. */
function ybrFullToRgb(values: Int32Array): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i += 3) {
    const y = values[i] as number;
    const cb = (values[i + 1] as number) - 128;
    const cr = (values[i + 2] as number) - 128;
    out[i] = Math.max(0, Math.min(255, Math.round(y + 1.402 * cr)));
    out[i + 1] = Math.max(0, Math.min(255, Math.round(y - 0.344136 * cb - 0.714136 * cr)));
    out[i + 2] = Math.max(0, Math.min(255, Math.round(y + 1.772 * cb)));
  }
  return out;
}

function codecFrameToValues(
  frame: CodecFrame,
  expected: { rows: number; columns: number; samples: number; bitsStored: number; signed: boolean },
): Int32Array {
  if (frame.width !== expected.columns || frame.height !== expected.rows) {
    throw new DicomError(
      `compressed frame is ${frame.width}×${frame.height}; header says ${expected.columns}×${expected.rows}`,
    );
  }
  const pixels = expected.rows * expected.columns;
  const bytesPerSample = frame.bitsPerSample > 8 ? 2 : 1;
  if (frame.bytes.length < pixels * expected.samples * bytesPerSample)
    throw new DicomError('compressed frame decoded to fewer samples than the header says');
  return unpackNative(
    frame.bytes,
    pixels,
    expected.samples,
    bytesPerSample * 8,
    expected.bitsStored,
    expected.signed,
    false,
  );
}

/** The image-pixel module of the header (PS3.3 C.7.6.3), checked before any pixel is decoded. */
interface PixelHeader {
  readonly transferSyntaxUid: string;
  readonly transferSyntax: string;
  readonly rows: number;
  readonly columns: number;
  readonly frames: number;
  readonly samplesPerPixel: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly pixelRepresentation: 0 | 1;
  readonly photometricInterpretation: string;
  readonly planar: number;
  readonly pixelElement: dicomParser.Element;
}

function readPixelHeader(ds: DataSet, bytes: Uint8Array): PixelHeader {
  const transferSyntaxUid =
    str(ds, 'x00020010') ??
    (ds.elements.x00020010 === undefined && isExplicitBare(bytes)
      ? '1.2.840.10008.1.2.1'
      : '1.2.840.10008.1.2');
  const rows = ds.uint16('x00280010');
  const columns = ds.uint16('x00280011');
  const pixelElement = ds.elements.x7fe00010 ?? ds.elements.x7fe00008 ?? ds.elements.x7fe00009;
  if (!pixelElement) {
    const modality = str(ds, 'x00080060');
    throw new DicomError(
      `no pixel data in this DICOM object${modality ? ` (modality ${modality})` : ''}: nothing to display or analyse`,
    );
  }
  if (pixelElement.tag !== 'x7fe00010')
    throw new DicomError('float pixel data (Float/Double Float Pixel Data) is not supported');
  if (!rows || !columns) throw new DicomError('missing Rows/Columns');
  if (rows > MAX_DICOM_SIDE_PX || columns > MAX_DICOM_SIDE_PX)
    throw new DicomError(`image is ${columns}×${rows}: over the ${MAX_DICOM_SIDE_PX}-pixel side limit`);
  const samplesPerPixel = ds.uint16('x00280002') ?? 1;
  const bitsAllocated = ds.uint16('x00280100') ?? 0;
  const bitsStored = ds.uint16('x00280101') ?? bitsAllocated;
  const pixelRepresentation = (ds.uint16('x00280103') ?? 0) === 1 ? 1 : 0;
  const photometricInterpretation = str(ds, 'x00280004') ?? (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2');
  const planar = ds.uint16('x00280006') ?? 0;
  const frames = Math.max(1, num(ds, 'x00280008') ?? 1);
  if (![1, 8, 16, 32].includes(bitsAllocated))
    throw new DicomError(`unsupported Bits Allocated ${bitsAllocated}`);
  if (![1, 3].includes(samplesPerPixel))
    throw new DicomError(`unsupported Samples per Pixel ${samplesPerPixel}`);
  if (bitsStored < 1 || bitsStored > bitsAllocated)
    throw new DicomError(`Bits Stored ${bitsStored} is outside 1…${bitsAllocated}`);
  if (frames > MAX_DICOM_FRAMES)
    throw new DicomError(`object declares ${frames} frames: over the ${MAX_DICOM_FRAMES}-frame limit`);
  if (rows * columns * frames * samplesPerPixel > MAX_DICOM_SAMPLES) {
    throw new DicomError(
      `image has ${rows * columns * frames * samplesPerPixel} samples: over the ${MAX_DICOM_SAMPLES} limit`,
    );
  }
  if (photometricInterpretation === 'PALETTE COLOR')
    throw new DicomError('PALETTE COLOR images are not supported (no palette lookup)');
  if (samplesPerPixel === 1 && !photometricInterpretation.startsWith('MONOCHROME')) {
    throw new DicomError(
      `Photometric Interpretation ${photometricInterpretation} does not fit 1 sample per pixel`,
    );
  }
  if (samplesPerPixel === 3 && photometricInterpretation.startsWith('MONOCHROME')) {
    throw new DicomError(
      `Photometric Interpretation ${photometricInterpretation} does not fit 3 samples per pixel`,
    );
  }
  const known = TRANSFER_SYNTAXES[transferSyntaxUid];
  if (!known)
    throw new UnsupportedTransferSyntaxError(
      transferSyntaxUid,
      UNSUPPORTED_TRANSFER_SYNTAXES[transferSyntaxUid] ?? 'not a transfer syntax this reader decodes',
    );
  if (pixelElement.encapsulatedPixelData !== true && photometricInterpretation === 'YBR_FULL_422') {
    throw new DicomError('uncompressed YBR_FULL_422 (chroma-subsampled) pixel data is not supported');
  }
  return {
    transferSyntaxUid,
    transferSyntax: known,
    rows,
    columns,
    frames,
    samplesPerPixel,
    bitsAllocated,
    bitsStored,
    pixelRepresentation,
    photometricInterpretation,
    planar,
    pixelElement,
  };
}

/** Native (uncompressed) frames: 1/8/16/32-bit, little or big endian, planar or interleaved, YBR_FULL → RGB. */
function decodeNativeFrames(ds: DataSet, h: PixelHeader): Int32Array[] {
  const { rows, columns, frames, samplesPerPixel, bitsAllocated, bitsStored, pixelElement } = h;
  const signed = h.pixelRepresentation === 1;
  const pixels = rows * columns;
  const frameBytes =
    bitsAllocated === 1
      ? Math.ceil((pixels * samplesPerPixel) / 8)
      : pixels * samplesPerPixel * (bitsAllocated / 8);
  const available = Math.min(pixelElement.length, ds.byteArray.length - pixelElement.dataOffset);
  const needed =
    bitsAllocated === 1 ? Math.ceil((pixels * samplesPerPixel * frames) / 8) : frameBytes * frames;
  if (available < needed)
    throw new DicomError(
      `pixel data truncated: ${Math.max(0, available)} bytes present, ${needed} needed for ${frames} frame(s) of ${columns}×${rows}`,
    );
  const bigEndian = h.transferSyntaxUid === '1.2.840.10008.1.2.2';
  const storedFrames: Int32Array[] = [];
  for (let f = 0; f < frames; f++) {
    let values: Int32Array;
    if (bitsAllocated === 1) {
      const all = unpackNative(
        ds.byteArray.subarray(pixelElement.dataOffset),
        pixels * frames,
        samplesPerPixel,
        1,
        1,
        false,
        false,
      );
      values = all.slice(f * pixels, (f + 1) * pixels);
    } else {
      const start = pixelElement.dataOffset + f * frameBytes;
      values = unpackNative(
        ds.byteArray.subarray(start, start + frameBytes),
        pixels,
        samplesPerPixel,
        bitsAllocated,
        bitsStored,
        signed,
        bigEndian,
      );
    }
    if (samplesPerPixel === 3 && h.planar === 1) values = interleave(values, pixels);
    if (h.photometricInterpretation === 'YBR_FULL') values = ybrFullToRgb(values);
    storedFrames.push(values);
  }
  return storedFrames;
}

/** The bytes of one encapsulated frame, with or without a Basic Offset Table. */
function encapsulatedFrameBytes(ds: DataSet, h: PixelHeader, f: number): Uint8Array {
  const { pixelElement, frames } = h;
  const fragments = pixelElement.fragments ?? [];
  try {
    return frames === 1
      ? dicomParser.readEncapsulatedPixelDataFromFragments(ds, pixelElement, 0, fragments.length)
      : pixelElement.basicOffsetTable && pixelElement.basicOffsetTable.length > 0
        ? dicomParser.readEncapsulatedImageFrame(ds, pixelElement, f)
        : fragments.length === frames
          ? dicomParser.readEncapsulatedPixelDataFromFragments(ds, pixelElement, f, 1)
          : dicomParser.readEncapsulatedImageFrame(
              ds,
              pixelElement,
              f,
              dicomParser.createJPEGBasicOffsetTable(ds, pixelElement),
            );
  } catch (error) {
    throw new DicomError(
      `cannot read frame ${f + 1} of the encapsulated pixel data: ${typeof error === 'string' ? error : (error as Error).message}`,
    );
  }
}

/** One compressed frame through its codec (RLE, JPEG baseline, lossless, JPEG-LS, JPEG 2000). */
async function decodeCompressedFrame(frameData: Uint8Array, h: PixelHeader): Promise<Int32Array> {
  const { rows, columns, samplesPerPixel, bitsAllocated, bitsStored, transferSyntaxUid: uid } = h;
  const signed = h.pixelRepresentation === 1;
  const expected = { rows, columns, samples: samplesPerPixel, bitsStored, signed };
  if (uid === '1.2.840.10008.1.2.5') {
    const values = unpackNative(
      decodeRleFrame(frameData, rows, columns, samplesPerPixel, bitsAllocated),
      rows * columns,
      samplesPerPixel,
      bitsAllocated,
      bitsStored,
      signed,
      false,
    );
    return h.photometricInterpretation === 'YBR_FULL' ? ybrFullToRgb(values) : values;
  }
  if (uid === '1.2.840.10008.1.2.4.50')
    return codecFrameToValues(decodeJpegBaseline(frameData, samplesPerPixel, MAX_DICOM_SAMPLES), expected);
  if (uid === '1.2.840.10008.1.2.4.57' || uid === '1.2.840.10008.1.2.4.70')
    return codecFrameToValues(decodeJpegLossless(frameData, bitsAllocated), expected);
  if (uid === '1.2.840.10008.1.2.4.80' || uid === '1.2.840.10008.1.2.4.81')
    return codecFrameToValues(await decodeJpegLs(frameData), expected);
  if (uid === '1.2.840.10008.1.2.4.90' || uid === '1.2.840.10008.1.2.4.91')
    return codecFrameToValues(await decodeJpeg2000(frameData), expected);
  throw new UnsupportedTransferSyntaxError(uid, 'encapsulated pixel data in a native transfer syntax');
}

async function decodeEncapsulatedFrames(ds: DataSet, h: PixelHeader): Promise<Int32Array[]> {
  if ((h.pixelElement.fragments ?? []).length === 0)
    throw new DicomError('encapsulated pixel data has no fragments');
  const storedFrames: Int32Array[] = [];
  for (let f = 0; f < h.frames; f++) {
    const frameData = encapsulatedFrameBytes(ds, h, f);
    try {
      storedFrames.push(await decodeCompressedFrame(frameData, h));
    } catch (error) {
      if (error instanceof DicomError || error instanceof UnsupportedTransferSyntaxError) throw error;
      throw new DicomError(
        `cannot decode frame ${f + 1} (${h.transferSyntax}): ${
          typeof error === 'string' || typeof error === 'number'
            ? `codec error ${error}`
            : error instanceof TypeError || error instanceof RangeError
              ? 'the compressed data is corrupt or truncated'
              : (error as Error).message
        }`,
      );
    }
  }
  return storedFrames;
}

/** Rescale, VOI window and pixel spacing: top level, else the Shared Functional Groups of enhanced objects. */
function readGeometry(ds: DataSet) {
  const shared = 'x52009229';
  const transformation = firstItem(ds, shared, 'x00289145');
  const measures = firstItem(ds, shared, 'x00289110');
  const voi = firstItem(ds, shared, 'x00289132');
  const rescaleSlope = num(ds, 'x00281053') ?? (transformation && num(transformation, 'x00281053')) ?? 1;
  const rescaleIntercept = num(ds, 'x00281052') ?? (transformation && num(transformation, 'x00281052')) ?? 0;
  const windowCenter = num(ds, 'x00281050') ?? (voi && num(voi, 'x00281050'));
  const windowWidth = num(ds, 'x00281051') ?? (voi && num(voi, 'x00281051'));
  const spacing = (set: DataSet | undefined, tag: string): [number, number] | undefined => {
    if (!set) return undefined;
    const r = num(set, tag, 0);
    const c = num(set, tag, 1);
    return r && c && r > 0 && c > 0 ? [r, c] : undefined;
  };
  const pixelSpacing = spacing(ds, 'x00280030');
  const imagerSpacing = spacing(ds, 'x00181164');
  const sharedSpacing = spacing(measures, 'x00280030');
  const pixelSpacingMm = pixelSpacing ?? imagerSpacing ?? sharedSpacing;
  return {
    rescaleSlope,
    rescaleIntercept,
    ...(windowCenter !== undefined && windowWidth !== undefined ? { windowCenter, windowWidth } : {}),
    ...(pixelSpacingMm
      ? {
          pixelSpacingMm,
          pixelSpacingSource: pixelSpacing
            ? ('PixelSpacing' as const)
            : imagerSpacing
              ? ('ImagerPixelSpacing' as const)
              : ('SharedFunctionalGroups' as const),
        }
      : {}),
  };
}

/** An Age String (PS3.5 §6.2, `nnnD|W|M|Y`) in years; undefined when absent or malformed. */
export function ageYearsOf(value: string | undefined): number | undefined {
  const match = value ? /^(\d{3})([DWMY])$/.exec(value.trim()) : null;
  if (!match) return undefined;
  const n = Number(match[1]);
  const perYear = { D: 365.25, W: 52.18, M: 12, Y: 1 }[match[2] as 'D' | 'W' | 'M' | 'Y'];
  return n / perYear;
}

/**
 * Reads a DICOM Part 10 file (or a bare Implicit VR data set) with `dicom-parser` and decodes its pixel data:
 * native (little/big endian, 1/8/16/32-bit, signed or not), deflated, RLE, JPEG baseline, JPEG lossless, JPEG-LS
 * and JPEG 2000 (PS3.5 §8 and Annex A). Throws `DicomError` or `UnsupportedTransferSyntaxError`, never crashes.
 */
export async function readDicom(input: Uint8Array): Promise<DicomImage> {
  const ds = parse(input);
  const h = readPixelHeader(ds, input);
  const storedFrames =
    h.pixelElement.encapsulatedPixelData === true
      ? await decodeEncapsulatedFrames(ds, h)
      : decodeNativeFrames(ds, h);
  const modality = str(ds, 'x00080060');
  const bodyPartExamined = str(ds, 'x00180015');
  const patientAgeYears = ageYearsOf(str(ds, 'x00101010'));
  const sexCode = str(ds, 'x00100040')?.toUpperCase();
  const patientSex = sexCode === 'F' ? 'female' : sexCode === 'M' ? 'male' : undefined;
  const sopClassUid = str(ds, 'x00080016');
  return {
    transferSyntaxUid: h.transferSyntaxUid,
    transferSyntax: h.transferSyntax,
    ...(modality ? { modality } : {}),
    ...(bodyPartExamined ? { bodyPartExamined } : {}),
    ...(patientAgeYears !== undefined ? { patientAgeYears } : {}),
    ...(patientSex ? { patientSex } : {}),
    ...(sopClassUid ? { sopClassUid } : {}),
    rows: h.rows,
    columns: h.columns,
    frames: h.frames,
    samplesPerPixel: h.samplesPerPixel,
    bitsAllocated: h.bitsAllocated,
    bitsStored: h.bitsStored,
    pixelRepresentation: h.pixelRepresentation,
    photometricInterpretation: h.photometricInterpretation,
    ...readGeometry(ds),
    storedFrames,
  };
}

/** Modality values (stored × slope + intercept; e.g. Hounsfield units for CT) of one grey frame. */
export function modalityFrame(image: DicomImage, frame = 0): Float32Array {
  const stored = image.storedFrames[frame];
  if (!stored) throw new DicomError(`frame ${frame + 1} does not exist (${image.frames} frames)`);
  if (image.samplesPerPixel !== 1) throw new DicomError('modality values are defined for grey images only');
  const out = new Float32Array(stored.length);
  for (let i = 0; i < stored.length; i++)
    out[i] = (stored[i] as number) * image.rescaleSlope + image.rescaleIntercept;
  return out;
}
