import { describe, expect, it } from 'vitest';
import { clampRoi, frameMessage, roiAround, roiForKey, roiFromDrag } from './roi.js';

describe('ROI placement', () => {
  it('a tap centres a box of 40 % of the shorter side, kept inside the frame', () => {
    expect(roiAround({ x: 100, y: 80 }, 200, 160)).toEqual({ x: 68, y: 48, width: 64, height: 64 });
    expect(roiAround({ x: 2, y: 2 }, 200, 160)).toMatchObject({ x: 0, y: 0 });
  });
  it('a drag spans the box in either direction', () => {
    expect(roiFromDrag({ x: 50, y: 60 }, { x: 10, y: 20 }, 200, 200)).toEqual({
      x: 10,
      y: 20,
      width: 40,
      height: 40,
    });
  });
  it('keys move, grow and shrink the box and never leave the frame', () => {
    const roi = { x: 40, y: 40, width: 40, height: 40 };
    expect(roiForKey(roi, 'ArrowRight', false, 200, 200)).toMatchObject({ x: 44 });
    expect(roiForKey(roi, 'ArrowUp', true, 200, 200)).toMatchObject({ y: 24 });
    expect(roiForKey(roi, '+', false, 200, 200)).toEqual({ x: 36, y: 36, width: 48, height: 48 });
    expect(roiForKey({ ...roi, x: 0 }, 'ArrowLeft', false, 200, 200)).toMatchObject({ x: 0 });
    expect(roiForKey({ x: 0, y: 0, width: 16, height: 16 }, '-', false, 200, 200)).toMatchObject({
      width: 16,
    });
    expect(roiForKey(roi, 'q', false, 200, 200)).toBeUndefined();
    expect(clampRoi({ x: -5, y: 190, width: 500, height: 30 }, 200, 200)).toEqual({
      x: 0,
      y: 170,
      width: 200,
      height: 30,
    });
  });
  it('frames are encoded as the stream expects', () => {
    const m = frameMessage(new Uint8Array([1, 2, 3, 4]), 2, 2, { seq: 7, sentAt: 1 });
    const len = new DataView(m.buffer).getUint32(0, true);
    expect(JSON.parse(new TextDecoder().decode(m.subarray(4, 4 + len)))).toMatchObject({
      format: 'grey8',
      width: 2,
      seq: 7,
    });
    expect([...m.subarray(4 + len)]).toEqual([1, 2, 3, 4]);
  });
});
