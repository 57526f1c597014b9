import { inflateRawSync } from 'node:zlib';

/** One array read from a `.npy` file: its data as a typed array, shape and NumPy dtype string. */
export interface NpyArray {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data: Uint8Array | Int16Array | Uint16Array | Int32Array | Float32Array | Float64Array;
}

/** Largest archive member this reader inflates (MedMNIST 28 px files are a few MB; 224 px ones stay under this). */
export const NPZ_MAX_MEMBER_BYTES = 512 * 2 ** 20;

/**
 * Reads a NumPy `.npy` array (format versions 1–3, https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
 * magic `\x93NUMPY`, header dict with `descr`, `fortran_order`, `shape`. C order, little-endian numeric dtypes only.
 */
export function readNpy(bytes: Uint8Array): NpyArray {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b))
    throw new Error('not a .npy array (bad magic)');
  const major = bytes[6] ?? 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  if (headerStart + headerLength > bytes.length) throw new Error('truncated .npy header');
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shapeText === undefined) throw new Error(`unreadable .npy header: ${header.slice(0, 80)}`);
  if (/'fortran_order':\s*True/.test(header))
    throw new Error('Fortran-ordered .npy arrays are not supported');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const body = bytes.slice(headerStart + headerLength);
  const make = (ctor: new (b: ArrayBuffer, o: number, n: number) => NpyArray['data'], size: number) => {
    if (body.byteLength < count * size) throw new Error(`truncated .npy data: need ${count * size} bytes`);
    return new ctor(body.buffer, body.byteOffset, count);
  };
  const kind = descr.replace(/^[<|=]/, '');
  if (descr.startsWith('>') && !['u1', 'i1', 'b1'].includes(kind))
    throw new Error(`big-endian dtype ${descr} not supported`);
  const data =
    kind === 'u1' || kind === 'b1'
      ? make(Uint8Array, 1)
      : kind === 'i2'
        ? make(Int16Array, 2)
        : kind === 'u2'
          ? make(Uint16Array, 2)
          : kind === 'i4'
            ? make(Int32Array, 4)
            : kind === 'f4'
              ? make(Float32Array, 4)
              : kind === 'f8'
                ? make(Float64Array, 8)
                : kind === 'i8' || kind === 'u8'
                  ? int64ToInt32(body, count)
                  : undefined;
  if (!data) throw new Error(`unsupported .npy dtype ${descr}`);
  return { dtype: descr, shape, data };
}

function int64ToInt32(body: Uint8Array, count: number): Int32Array {
  if (body.byteLength < count * 8) throw new Error('truncated .npy data');
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = Number(view.getBigInt64(i * 8, true));
  return out;
}

/**
 * Reads a `.npz` archive (a ZIP of `.npy` members, stored or deflated; APPNOTE.TXT §4.3) through its central
 * directory, so sizes written after the data (bit 3) are read correctly. Member names lose their `.npy` suffix.
 */
export function readNpz(bytes: Uint8Array): Map<string, NpyArray> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a .npz (ZIP) archive: no end-of-central-directory record');
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const arrays = new Map<string, NpyArray>();
  for (let e = 0; e < entries; e++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      throw new Error('corrupt ZIP central directory');
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // ZIP64 extra field (NumPy writes it for members over 4 GiB; read it when present).
    let x = at + 46 + nameLength;
    const extraEnd = x + extraLength;
    while (x + 4 <= extraEnd) {
      const id = view.getUint16(x, true);
      const len = view.getUint16(x + 2, true);
      if (id === 0x0001) {
        let p = x + 4;
        if (size === 0xffffffff) {
          size = Number(view.getBigUint64(p, true));
          p += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(view.getBigUint64(p, true));
          p += 8;
        }
        if (localOffset === 0xffffffff) localOffset = Number(view.getBigUint64(p, true));
      }
      x += 4 + len;
    }
    at = extraEnd + commentLength;
    if (size > NPZ_MAX_MEMBER_BYTES)
      throw new Error(`.npz member ${name} is ${size} bytes, over the ${NPZ_MAX_MEMBER_BYTES} limit`);
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== 0x04034b50)
      throw new Error(`corrupt ZIP entry ${name}`);
    const dataStart =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.length) throw new Error(`truncated .npz member ${name}`);
    const raw = bytes.subarray(dataStart, dataStart + compressedSize);
    const member =
      method === 0
        ? raw
        : method === 8
          ? new Uint8Array(inflateRawSync(raw, { maxOutputLength: NPZ_MAX_MEMBER_BYTES }))
          : undefined;
    if (!member)
      throw new Error(
        `.npz member ${name} uses ZIP method ${method}; only stored and deflated are supported`,
      );
    arrays.set(name.replace(/\.npy$/, ''), readNpy(member));
  }
  return arrays;
}
