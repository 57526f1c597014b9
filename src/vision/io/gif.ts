import { GifReader } from 'omggif';
import type { GreyImage } from '../preprocess.js';
import { luma, MAX_IMAGE_PIXELS } from './raster.js';

/** Decodes the first frame of a GIF (omggif) to grey; used for the DDTI lesion masks. */
export function decodeGif(bytes: Uint8Array): GreyImage {
  const reader = new GifReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const { width, height } = reader;
  if (width * height > MAX_IMAGE_PIXELS) throw new Error(`GIF is ${width}×${height}, over the pixel limit`);
  const rgba = new Uint8Array(width * height * 4);
  reader.decodeAndBlitFrameRGBA(0, rgba);
  const pixels = new Float32Array(width * height);
  for (let i = 0; i < pixels.length; i++)
    pixels[i] = luma(rgba[4 * i] as number, rgba[4 * i + 1] as number, rgba[4 * i + 2] as number);
  return { width, height, pixels };
}
