import { createRequire } from 'node:module';
import jpeg from 'jpeg-js';

const require = createRequire(import.meta.url);

/** Transfer syntaxes HealthGPT reads (PS3.6 Annex A), by UID. */
export const TRANSFER_SYNTAXES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian (retired)',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline (Process 1)',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless (Process 14)',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1 (Process 14, selection value 1)',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-Lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
};

/** Transfer syntaxes known but not decoded here, with the reason (returned in the error). */
export const UNSUPPORTED_TRANSFER_SYNTAXES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2.4.51':
    'JPEG Extended (Process 2 & 4, 12-bit): no maintained pure-JS/wasm 12-bit lossy JPEG decoder on npm that works in Node (jpeg-js is 8-bit only)',
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 is not supported',
  '1.2.840.10008.1.2.4.202': 'High-Throughput JPEG 2000 is not supported',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000 is not supported',
};

/** An error for a transfer syntax this reader cannot decode (mapped to 415 by the API). */
export class UnsupportedTransferSyntaxError extends Error {
  constructor(
    readonly transferSyntaxUid: string,
    reason?: string,
  ) {
    super(`unsupported transfer syntax ${transferSyntaxUid}${reason ? `: ${reason}` : ''}`);
    this.name = 'UnsupportedTransferSyntaxError';
  }
}

/** A decoded frame from a compressed codec. */
export interface CodecFrame {
  readonly width: number;
  readonly height: number;
  readonly bitsPerSample: number;
  readonly componentCount: number;
  /** Little-endian sample bytes (8-bit: one byte per sample; 16-bit: two), interleaved by pixel. */
  readonly bytes: Uint8Array;
  /** JPEG baseline colour frames come back already converted to RGB. */
  readonly convertedToRgb?: boolean;
}

interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number };
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}
type WasmModule = { JpegLSDecoder?: new () => WasmDecoder; J2KDecoder?: new () => WasmDecoder };

type WasmFactory = (options: {
  print: (text: string) => void;
  printErr: (text: string) => void;
}) => Promise<WasmModule>;
/** The codecs log progress ("[INFO] …") through Emscripten's print: silence it so `--json` output stays clean. */
const QUIET = { print: () => undefined, printErr: () => undefined };

let charls: Promise<WasmModule> | undefined;
let openjpeg: Promise<WasmModule> | undefined;

async function wasmDecode(
  module: Promise<WasmModule>,
  kind: 'JpegLSDecoder' | 'J2KDecoder',
  data: Uint8Array,
): Promise<CodecFrame> {
  const m = await module;
  const Decoder = m[kind];
  if (!Decoder) throw new Error(`${kind} missing from codec module`);
  const decoder = new Decoder();
  try {
    decoder.getEncodedBuffer(data.length).set(data);
    try {
      decoder.decode();
    } catch (error) {
      // Emscripten C++ exceptions surface as numbers: report a clear message instead.
      throw new Error(
        `${kind === 'J2KDecoder' ? 'JPEG 2000' : 'JPEG-LS'} decoder rejected the frame (${error instanceof Error ? error.message : 'corrupt or truncated stream'})`,
      );
    }
    const info = decoder.getFrameInfo();
    return { ...info, bytes: decoder.getDecodedBuffer().slice() };
  } finally {
    decoder.delete();
  }
}

/** JPEG-LS via CharLS compiled to wasm (`@cornerstonejs/codec-charls`, as used by Cornerstone3D / OHIF). */
export function decodeJpegLs(data: Uint8Array): Promise<CodecFrame> {
  charls ??= (require('@cornerstonejs/codec-charls/decodewasmjs') as WasmFactory)(QUIET);
  return wasmDecode(charls, 'JpegLSDecoder', data);
}

/** JPEG 2000 via OpenJPEG compiled to wasm (`@cornerstonejs/codec-openjpeg`). */
export function decodeJpeg2000(data: Uint8Array): Promise<CodecFrame> {
  openjpeg ??= (require('@cornerstonejs/codec-openjpeg/decodewasmjs') as WasmFactory)(QUIET);
  return wasmDecode(openjpeg, 'J2KDecoder', data);
}

/** JPEG lossless (processes 14/SV1) via `jpeg-lossless-decoder-js` (rii-mango, used by Cornerstone). */
export function decodeJpegLossless(data: Uint8Array, bitsAllocated: number): CodecFrame {
  const { Decoder } = require('jpeg-lossless-decoder-js') as {
    Decoder: new () => {
      decode(buffer: ArrayBufferLike, offset: number, length: number, numBytes: number): ArrayBufferView;
      xDim: number;
      yDim: number;
      precision: number;
      numComp: number;
    };
  };
  const decoder = new Decoder();
  const copy = data.slice();
  const bytesPerSample = bitsAllocated <= 8 ? 1 : 2;
  const out = decoder.decode(copy.buffer, 0, copy.length, bytesPerSample);
  return {
    width: decoder.xDim,
    height: decoder.yDim,
    bitsPerSample: decoder.precision,
    componentCount: decoder.numComp,
    bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength),
  };
}

/** Sample precision from the first SOF marker of a JPEG stream (8 for baseline, 12 for extended). */
export function jpegPrecision(data: Uint8Array): number | undefined {
  for (let i = 2; i + 4 < data.length; ) {
    if (data[i] !== 0xff) return undefined;
    const marker = data[i + 1] as number;
    const length = ((data[i + 2] as number) << 8) | (data[i + 3] as number);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return data[i + 4];
    i += 2 + length;
  }
  return undefined;
}

/** JPEG baseline (8-bit) via jpeg-js; colour frames are converted from YCbCr to RGB by the decoder. */
export function decodeJpegBaseline(data: Uint8Array, componentCount: number, maxPixels: number): CodecFrame {
  const precision = jpegPrecision(data);
  if (precision !== undefined && precision !== 8) {
    throw new UnsupportedTransferSyntaxError(
      '1.2.840.10008.1.2.4.50',
      `${precision}-bit JPEG in a baseline file`,
    );
  }
  const image = jpeg.decode(data, {
    useTArray: true,
    formatAsRGBA: false,
    colorTransform: componentCount === 3 ? undefined : false,
    maxResolutionInMP: maxPixels / 1e6,
  });
  const channels = image.data.length / (image.width * image.height);
  let bytes: Uint8Array = image.data;
  if (componentCount === 1 && channels !== 1) {
    bytes = new Uint8Array(image.width * image.height);
    for (let i = 0; i < bytes.length; i++) bytes[i] = image.data[i * channels] as number;
  }
  return {
    width: image.width,
    height: image.height,
    bitsPerSample: 8,
    componentCount,
    bytes,
    convertedToRgb: componentCount === 3,
  };
}
