import { z } from 'zod';
import { HealthGptError } from '../engine/errors.js';
import { decodeJpeg, decodePng } from '../vision/io/raster.js';
import type { GreyRaster } from '../vision/segmentation/model.js';

/** Largest frame side a device may send (pixels), and largest message (bytes). */
export const MAX_FRAME_SIDE = 2048;
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/**
 * Header of a binary frame message: `uint32 LE header length`, the header as UTF-8 JSON, then the payload (raw
 * 8-bit grey pixels row by row for `grey8`, or a PNG / JPEG file).
 */
export const frameHeaderSchema = z
  .object({
    format: z.enum(['grey8', 'png', 'jpeg']),
    width: z.number().int().positive().max(MAX_FRAME_SIDE).optional(),
    height: z.number().int().positive().max(MAX_FRAME_SIDE).optional(),
    /** Millimetres per pixel (x = columns, y = rows), from the device's calibration. */
    spacingMm: z.object({ x: z.number(), y: z.number() }).strict().optional(),
    /** The device's frame number, echoed back. */
    seq: z.number().int().nonnegative().optional(),
    /** The device's send time (ms, its own clock), echoed back so it can compute the round trip. */
    sentAt: z.number().optional(),
  })
  .strict();
export type FrameHeader = z.infer<typeof frameHeaderSchema>;

/** A decoded frame. */
export interface Frame {
  readonly image: GreyRaster;
  readonly header: FrameHeader;
}

const bad = (detail: string) => new HealthGptError('invalid', detail, { title: 'Bad frame' });

/** Splits a binary frame message into header and payload and decodes it; throws `invalid` on any defect. */
export function decodeFrameMessage(message: Uint8Array): Frame {
  if (message.byteLength > MAX_FRAME_BYTES)
    throw new HealthGptError(
      'too-large',
      `frame of ${message.byteLength} bytes is over the ${MAX_FRAME_BYTES}-byte limit`,
    );
  if (message.byteLength < 4) throw bad('a binary frame starts with a 4-byte header length');
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const headerLength = view.getUint32(0, true);
  if (headerLength < 2 || headerLength > 4096 || 4 + headerLength > message.byteLength)
    throw bad(`header length ${headerLength} does not fit the ${message.byteLength}-byte message`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(message.subarray(4, 4 + headerLength)));
  } catch {
    throw bad('the frame header is not JSON');
  }
  const parsed = frameHeaderSchema.safeParse(json);
  if (!parsed.success)
    throw bad(
      `frame header: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
    );
  return decodeFrame(parsed.data, message.subarray(4 + headerLength));
}

/** Decodes a payload described by `header`. */
export function decodeFrame(header: FrameHeader, payload: Uint8Array): Frame {
  if (header.format === 'grey8') {
    const { width, height } = header;
    if (!width || !height) throw bad('a grey8 frame needs width and height in its header');
    if (payload.byteLength !== width * height)
      throw bad(`a ${width}×${height} grey8 frame has ${width * height} bytes; ${payload.byteLength} came`);
    return { image: { width, height, pixels: payload }, header };
  }
  let image: GreyRaster;
  try {
    image = header.format === 'png' ? decodePng(payload) : decodeJpeg(payload);
  } catch (error) {
    throw bad(`the ${header.format.toUpperCase()} payload cannot be decoded: ${(error as Error).message}`);
  }
  if (image.width > MAX_FRAME_SIDE || image.height > MAX_FRAME_SIDE)
    throw bad(`frame ${image.width}×${image.height} is over ${MAX_FRAME_SIDE} px a side`);
  if ((header.width && header.width !== image.width) || (header.height && header.height !== image.height))
    throw bad(`header says ${header.width}×${header.height} but the image is ${image.width}×${image.height}`);
  return { image, header };
}

/** Builds a binary frame message (for devices, tests and the web page). */
export function encodeFrameMessage(header: FrameHeader, payload: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(4 + head.byteLength + payload.byteLength);
  new DataView(out.buffer).setUint32(0, head.byteLength, true);
  out.set(head, 4);
  out.set(payload, 4 + head.byteLength);
  return out;
}
