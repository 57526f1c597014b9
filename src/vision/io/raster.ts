import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { GreyImage } from '../preprocess.js';
import { assertRasterSize, jpegHeaderSize, MAX_IMAGE_PIXELS, pngHeaderSize } from './decode-limits.js';

export { MAX_IMAGE_PIXELS } from './decode-limits.js';

/** ITU-R BT.601 luma of an RGB pixel, the grey conversion PIL's `convert('L')` uses (MedMNIST, DDTI crops). */
export function luma(r: number, g: number, b: number): number {
  return (r * 299 + g * 587 + b * 114) / 1000;
}

/** A decoded raster in grey, with the share of its pixels that carry colour (for the models' grey-only check). */
export interface RasterImage extends GreyImage {
  /** Share of pixels whose channels differ by more than 24 of 255 (colour Doppler, photos, coloured overlays). */
  readonly colourFraction: number;
}

function fromRgba(width: number, height: number, data: Uint8Array | Buffer): RasterImage {
  const pixels = new Float32Array(width * height);
  let coloured = 0;
  for (let i = 0; i < pixels.length; i++) {
    const r = data[4 * i] as number;
    const g = data[4 * i + 1] as number;
    const b = data[4 * i + 2] as number;
    pixels[i] = luma(r, g, b);
    if (Math.max(r, g, b) - Math.min(r, g, b) > 24) coloured++;
  }
  return { width, height, pixels, colourFraction: pixels.length === 0 ? 0 : coloured / pixels.length };
}

/** Decodes a PNG (any bit depth and colour type, via pngjs) to grey; 16-bit samples are scaled to 0–255. */
export function decodePng(bytes: Uint8Array): RasterImage {
  const { width, height } = pngHeaderSize(bytes);
  assertRasterSize(width, height, 'PNG');
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return fromRgba(png.width, png.height, png.data);
}

/** Decodes a baseline or progressive JPEG (jpeg-js) to grey, with the pixel limit enforced before allocation. */
export function decodeJpeg(bytes: Uint8Array): RasterImage {
  const declared = jpegHeaderSize(bytes);
  if (!declared) throw new Error('no JPEG frame header (SOF) before the image data');
  assertRasterSize(declared.width, declared.height, 'JPEG');
  const image = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6,
    maxMemoryUsageInMB: 1024,
  });
  return fromRgba(image.width, image.height, image.data);
}

/** Encodes 8-bit RGBA pixels as a PNG. */
export function encodePngRgba(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return new Uint8Array(PNG.sync.write(png));
}
