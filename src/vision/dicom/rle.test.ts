import { expect, it } from 'vitest';
import { decodeRleFrame } from './rle.js';

/** One RLE segment header (PS3.5 G.5): segment count, then 15 offsets. */
function frame(segments: number[][]): Uint8Array {
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((s, i) => {
    view.setUint32(4 + 4 * i, offset, true);
    offset += s.length;
  });
  return Uint8Array.from([...header, ...segments.flat()]);
}

it('decodes literal and replicate runs of 16-bit RLE, high byte segment first', () => {
  // 4 pixels: 0x0102, 0x0102, 0x0103, 0x00ff. High bytes: replicate 0x01 ×3 then literal 0x00; low: literal 4.
  const data = frame([
    [0xfe, 0x01, 0x00, 0x00],
    [0x03, 0x02, 0x02, 0x03, 0xff],
  ]);
  const out = decodeRleFrame(data, 2, 2, 1, 16);
  const view = new DataView(out.buffer);
  expect([0, 1, 2, 3].map((i) => view.getUint16(2 * i, true))).toEqual([0x0102, 0x0102, 0x0103, 0x00ff]);
});

it('reports a truncated segment instead of returning short pixel data', () => {
  expect(() => decodeRleFrame(frame([[0x01, 0x05, 0x06]]), 2, 2, 1, 8)).toThrow(/truncated/);
  expect(() => decodeRleFrame(new Uint8Array(10), 2, 2, 1, 8)).toThrow(/header/);
});
