/**
 * Decode-size checks that run on the header bytes alone, before any decoder allocates: a small compressed file must
 * not expand into gigabytes or hold the server for minutes (issue 12: a 69-byte PNG declaring 1 × 40,000,000 pixels
 * exhausted the heap). Both a per-side and a total-pixel limit hold, for PNG and JPEG alike.
 */

/** Largest raster accepted (width × height). */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Longest side accepted, in pixels (the DICOM reader uses the same). */
export const MAX_IMAGE_SIDE_PX = 16_384;

/** A raster over the limits (the upload routes answer 413). */
export class ImageTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageTooLargeError';
  }
}

/** Throws `ImageTooLargeError` when a declared size breaks a limit; 0 × n is refused as broken. */
export function assertRasterSize(width: number, height: number, what = 'image'): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new Error(`${what} declares ${width}×${height} pixels`);
  if (width > MAX_IMAGE_SIDE_PX || height > MAX_IMAGE_SIDE_PX)
    throw new ImageTooLargeError(
      `${what} is ${width}×${height}: over the ${MAX_IMAGE_SIDE_PX}-pixel side limit`,
    );
  if (width * height > MAX_IMAGE_PIXELS)
    throw new ImageTooLargeError(`${what} is ${width}×${height}: over the ${MAX_IMAGE_PIXELS}-pixel limit`);
}

/** Width and height from a PNG's IHDR chunk (the first chunk, bytes 16–23). */
export function pngHeaderSize(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 24) throw new Error('truncated PNG header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR')
    throw new Error('PNG has no IHDR chunk first');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * Width and height from a JPEG's first start-of-frame marker (SOF0–SOF15 except DHT/JPG/DAC), walking the marker
 * segments without decoding (ITU-T T.81 §B.2). Undefined when no frame header is found.
 */
export function jpegHeaderSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = bytes[i + 1] as number;
    if (marker === 0xff) {
      i++;
      continue;
    }
    // Stand-alone markers have no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      i += 2;
      continue;
    }
    const length = ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (i + 9 > bytes.length) return undefined;
      const height = ((bytes[i + 5] as number) << 8) | (bytes[i + 6] as number);
      const width = ((bytes[i + 7] as number) << 8) | (bytes[i + 8] as number);
      return { width, height };
    }
    if (marker === 0xda) return undefined; // scan data before a frame header: broken
    i += 2 + length;
  }
  return undefined;
}
