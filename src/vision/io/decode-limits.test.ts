import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeImage, ImageInputError } from '../image-input.js';
import { assertRasterSize, jpegHeaderSize, MAX_IMAGE_SIDE_PX, pngHeaderSize } from './decode-limits.js';
import { decodeJpeg, decodePng } from './raster.js';

/** A PNG that declares `width × height` grey pixels but carries almost no data: a decode bomb if trusted. */
export function bombPng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    return out; // CRC left zero: the size check must fire before any decoder reads further
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.alloc(16))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** A JPEG with only SOI and a baseline SOF0 declaring `width × height`. */
function bombJpeg(width: number, height: number): Uint8Array {
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    0x01,
    0x01,
    0x11,
    0x00,
    0xff,
    0xd9,
  ]);
}

describe('decode-size limits before decoding', () => {
  it('reads PNG and JPEG header sizes', () => {
    expect(pngHeaderSize(bombPng(3, 5))).toEqual({ width: 3, height: 5 });
    expect(jpegHeaderSize(bombJpeg(640, 480))).toEqual({ width: 640, height: 480 });
  });

  it('refuses a side over the limit even when the total is under it', () => {
    expect(() => assertRasterSize(1, 40_000_000)).toThrow(/side limit/);
    expect(() => assertRasterSize(MAX_IMAGE_SIDE_PX + 1, 1)).toThrow(/side limit/);
    expect(() => assertRasterSize(8000, 6000)).toThrow(/pixel limit/);
    expect(() => assertRasterSize(8000, 5000)).not.toThrow();
  });

  it('answers the 69-byte 1 × 40,000,000 PNG with 413 in milliseconds', async () => {
    const bomb = bombPng(1, 40_000_000);
    expect(bomb.length).toBeLessThan(100);
    const started = performance.now();
    const error = await decodeImage(bomb).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageInputError);
    expect((error as ImageInputError).status).toBe(413);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(() => decodePng(bombPng(40_000, 40_000))).toThrow(/limit/);
  });

  it('refuses a JPEG declaring 65,535 × 65,535 before jpeg-js allocates', () => {
    expect(() => decodeJpeg(bombJpeg(65_535, 65_535))).toThrow(/side limit/);
    expect(() => decodeJpeg(bombJpeg(16_000, 2_600))).toThrow(/pixel limit/);
  });
});
