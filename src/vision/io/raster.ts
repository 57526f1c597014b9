import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { GreyImage } from '../preprocess.js';

/** Largest raster accepted (width × height), so a small compressed file cannot expand into gigabytes. */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** ITU-R BT.601 luma of an RGB pixel, the grey conversion PIL's `convert('L')` uses (MedMNIST, DDTI crops). */
export function luma(r: number, g: number, b: number): number {
  return (r * 299 + g * 587 + b * 114) / 1000;
}

function fromRgba(width: number, height: number, data: Uint8Array | Buffer): GreyImage {
  const pixels = new Float32Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    pixels[i] = luma(data[4 * i] as number, data[4 * i + 1] as number, data[4 * i + 2] as number);
  }
  return { width, height, pixels };
}

/** Reads the width and height from a PNG IHDR chunk without decoding (to enforce the size limit first). */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 24) throw new Error('truncated PNG header');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Decodes a PNG (any bit depth and colour type, via pngjs) to grey; 16-bit samples are scaled to 0–255. */
export function decodePng(bytes: Uint8Array): GreyImage {
  const { width, height } = pngSize(bytes);
  if (width * height > MAX_IMAGE_PIXELS)
    throw new Error(`image is ${width}×${height}, over the ${MAX_IMAGE_PIXELS}-pixel limit`);
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return fromRgba(png.width, png.height, png.data);
}

/** Decodes a baseline or progressive JPEG (jpeg-js) to grey, with the pixel limit enforced before allocation. */
export function decodeJpeg(bytes: Uint8Array): GreyImage {
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
