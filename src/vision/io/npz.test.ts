import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readNpy, readNpz } from './npz.js';

/** A version-1 .npy file for a little-endian array (header padded to 64 bytes, as NumPy writes it). */
function npy(descr: string, shape: number[], data: Uint8Array): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header = `${header.padEnd(64 - 10 - 1, ' ')}\n`;
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(data, 10 + header.length);
  return out;
}

/** A ZIP archive (APPNOTE 4.3) with deflated members, as `numpy.savez_compressed` writes. */
function zip(members: Record<string, Uint8Array>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(members)) {
    const data = deflateRawSync(content);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((a, b) => a + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(members).length, 8);
  end.writeUInt16LE(Object.keys(members).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}

describe('npz reader', () => {
  it('reads uint8 images and int64 labels from a deflated archive', () => {
    const images = Uint8Array.from({ length: 2 * 3 * 3 }, (_, i) => i * 10);
    const labels = new Uint8Array(16);
    new DataView(labels.buffer).setBigInt64(8, 1n, true);
    const arrays = readNpz(
      zip({ 'val_images.npy': npy('|u1', [2, 3, 3], images), 'val_labels.npy': npy('<i8', [2, 1], labels) }),
    );
    expect(arrays.get('val_images')?.shape).toEqual([2, 3, 3]);
    expect(Array.from(arrays.get('val_images')?.data ?? [])).toEqual(Array.from(images));
    expect(Array.from(arrays.get('val_labels')?.data ?? [])).toEqual([0, 1]);
  });

  it('refuses a non-archive, a bad magic and a truncated array', () => {
    expect(() => readNpz(new TextEncoder().encode('not a zip'))).toThrow(/not a \.npz/);
    expect(() => readNpy(new Uint8Array(20))).toThrow(/bad magic/);
    expect(() => readNpy(npy('<f4', [4], new Uint8Array(8)))).toThrow(/truncated/);
  });
});
