import { describe, expect, it } from 'vitest';
import { bombJpeg, bombPng } from '../../../test/security/bombs.js';
import { decodeImage, ImageInputError } from '../image-input.js';
import { assertRasterSize, jpegHeaderSize, MAX_IMAGE_SIDE_PX, pngHeaderSize } from './decode-limits.js';
import { decodeJpeg, decodePng } from './raster.js';

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

  // How long the refusal takes is measured by `npm run bench:guards`, not asserted here.
  it('answers the 69-byte 1 × 40,000,000 PNG with 413 before decoding it', async () => {
    const bomb = bombPng(1, 40_000_000);
    expect(bomb.length).toBeLessThan(100);
    const error = await decodeImage(bomb).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageInputError);
    expect((error as ImageInputError).code).toBe('too-large');
    expect(() => decodePng(bombPng(40_000, 40_000))).toThrow(/limit/);
  });

  it('refuses a JPEG declaring 65,535 × 65,535 before jpeg-js allocates', () => {
    expect(() => decodeJpeg(bombJpeg(65_535, 65_535))).toThrow(/side limit/);
    expect(() => decodeJpeg(bombJpeg(16_000, 2_600))).toThrow(/pixel limit/);
  });
});
