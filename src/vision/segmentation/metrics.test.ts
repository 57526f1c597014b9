import { describe, expect, it } from 'vitest';
import {
  type BinaryMask,
  boundary,
  convexFill,
  diameters,
  dice,
  distanceTransform,
  fillHoles,
  hd95,
  iou,
  largestComponent,
} from './metrics.js';

function mask(width: number, height: number, inside: (x: number, y: number) => boolean): BinaryMask {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = inside(x, y) ? 1 : 0;
  return { width, height, data };
}
const rect = (x0: number, y0: number, x1: number, y1: number) =>
  mask(40, 40, (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1);

describe('overlap', () => {
  it('Dice and IoU of two overlapping squares by hand', () => {
    const a = rect(0, 0, 10, 10); // 100 px
    const b = rect(5, 0, 15, 10); // 100 px, 50 shared
    expect(dice(a, b)).toBeCloseTo((2 * 50) / 200, 10);
    expect(iou(a, b)).toBeCloseTo(50 / 150, 10);
    expect(dice(a, a)).toBe(1);
    expect(dice(a, rect(20, 20, 30, 30))).toBe(0);
  });
  it('two empty masks agree perfectly; differing sizes throw', () => {
    const empty = rect(0, 0, 0, 0);
    expect(dice(empty, empty)).toBe(1);
    expect(iou(empty, empty)).toBe(1);
    expect(() =>
      dice(
        empty,
        mask(3, 3, () => false),
      ),
    ).toThrow(/sizes differ/);
  });
});

describe('boundary distances', () => {
  it('the boundary of a filled square is its ring', () => {
    const b = boundary(rect(10, 10, 15, 15));
    expect(b.data.reduce((s, v) => s + v, 0)).toBe(16);
  });
  it('distance transform is Euclidean', () => {
    const d = distanceTransform(mask(20, 20, (x, y) => x === 3 && y === 4));
    expect(d[4 * 20 + 3]).toBe(0);
    expect(d[8 * 20 + 6]).toBeCloseTo(5, 10); // 3-4-5 triangle
    expect(distanceTransform(mask(5, 5, () => false))[0]).toBe(Number.POSITIVE_INFINITY);
  });
  it('HD95 of a square and the same square shifted by 3 px is 3', () => {
    expect(hd95(rect(5, 5, 25, 25), rect(8, 5, 28, 25))).toBeCloseTo(3, 10);
    expect(hd95(rect(5, 5, 25, 25), rect(5, 5, 25, 25))).toBe(0);
  });
  it('HD95 of nested squares 4 px apart: the outer ring corners are farther (by hand: 5)', () => {
    // Outer ring 124 px: 96 at 4, then per corner 4.12 ×2, 4.47 ×2, 5 ×2, 5.66 ×1; the 95th percentile (index
    // 116.85 of 124 sorted) falls among the 5s. Inner ring → outer: all 4.
    expect(hd95(rect(4, 4, 36, 36), rect(8, 8, 32, 32))).toBeCloseTo(5, 10);
  });
  it('HD95 is undefined when one outline is empty', () => {
    expect(hd95(rect(4, 4, 10, 10), rect(0, 0, 0, 0))).toBeNaN();
  });
});

describe('diameters', () => {
  it('a 20 × 10 rectangle: longest is the diagonal, perpendicular is the width across it', () => {
    const d = diameters(rect(5, 5, 25, 15));
    expect(d?.longest).toBeCloseTo(Math.hypot(20, 10), 10);
    // Width of a 20 × 10 rectangle across its diagonal: 2 · area / diagonal.
    expect(d?.perpendicular).toBeCloseTo((2 * 200) / Math.hypot(20, 10), 10);
    expect(d?.area).toBe(200);
  });
  it('an ellipse with semi-axes 30 and 12 measures about 60 × 24', () => {
    const e = mask(100, 100, (x, y) => ((x + 0.5 - 50) / 30) ** 2 + ((y + 0.5 - 50) / 12) ** 2 <= 1);
    const d = diameters(e);
    expect(d?.longest).toBeGreaterThan(59);
    expect(d?.longest).toBeLessThan(61.5);
    expect(d?.perpendicular).toBeGreaterThan(23);
    expect(d?.perpendicular).toBeLessThan(26);
    const [p0, p1] = d?.longestAxis ?? [];
    expect(Math.abs((p0?.y ?? 0) - (p1?.y ?? 0))).toBeLessThan(6); // the long axis is horizontal
  });
  it('pixel spacing scales each axis', () => {
    const d = diameters(rect(0, 0, 10, 4), { x: 0.1, y: 0.1 });
    expect(d?.longest).toBeCloseTo(Math.hypot(1, 0.4), 10);
    const tall = diameters(rect(0, 0, 10, 10), { x: 0.1, y: 0.3 });
    expect(tall?.longest).toBeCloseTo(Math.hypot(1, 3), 10);
  });
  it('an empty mask has no diameters', () => {
    expect(diameters(rect(0, 0, 0, 0))).toBeUndefined();
  });
});

describe('largest component', () => {
  it('keeps the bigger region and drops a speck', () => {
    const m = mask(30, 30, (x, y) => (x >= 2 && x < 12 && y >= 2 && y < 12) || (x === 25 && y === 25));
    const kept = largestComponent(m);
    expect(kept.data.reduce((s, v) => s + v, 0)).toBe(100);
    expect(kept.data[25 * 30 + 25]).toBe(0);
  });
});

describe('boundary post-processing', () => {
  const count = (m: BinaryMask) => m.data.reduce((s, v) => s + v, 0);
  it('fills a hole but not a notch open to the edge', () => {
    const ring = mask(
      40,
      40,
      (x, y) => x >= 10 && x < 30 && y >= 10 && y < 30 && !(x >= 15 && x < 25 && y >= 15 && y < 25),
    );
    expect(count(ring)).toBe(400 - 100);
    expect(Array.from(fillHoles(ring).data)).toEqual(Array.from(rect(10, 10, 30, 30).data));
    // A U open to the top edge: the notch reaches the border, so nothing changes.
    const u = mask(40, 40, (x, y) => x >= 10 && x < 30 && y < 30 && !(x >= 15 && x < 25 && y < 25));
    expect(Array.from(fillHoles(u).data)).toEqual(Array.from(u.data));
  });
  it('the convex fill of an L adds the triangle under its cut corner; a convex mask is unchanged', () => {
    const square = rect(10, 10, 20, 20);
    expect(Array.from(convexFill(square).data)).toEqual(Array.from(square.data));
    // L: the 10×10 square minus its top-right 5×5 quarter (75 px). Pixel centres: the hull edge runs from (14, 10)
    // to (19, 15), so it adds the quarter's pixels with x − y ≤ 4: rows y = 10…14 give 0 + 1 + 2 + 3 + 4 = 10.
    const l = mask(40, 40, (x, y) => x >= 10 && x < 20 && y >= 10 && y < 20 && !(x >= 15 && y < 15));
    expect(count(l)).toBe(75);
    const filled = convexFill(l);
    expect(count(filled)).toBe(75 + 10);
    for (let i = 0; i < l.data.length; i++) if (l.data[i]) expect(filled.data[i]).toBe(1);
  });
});
