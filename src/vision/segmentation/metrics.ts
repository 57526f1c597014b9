/**
 * Segmentation metrics on binary masks (row-major, 1 = inside): overlap (Dice, IoU), boundary distance (HD95) and
 * the caliper measurements a sonographer takes (longest diameter and the widest extent perpendicular to it).
 */

/** A binary mask, row-major, 1 = inside. */
export interface BinaryMask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Thresholds a map (probabilities, or 0–255 grey) into a mask: inside when value > `threshold`. */
export function threshold(
  map: { readonly width: number; readonly height: number; readonly pixels: ArrayLike<number> },
  at: number,
): BinaryMask {
  const data = new Uint8Array(map.width * map.height);
  for (let i = 0; i < data.length; i++) data[i] = (map.pixels[i] as number) > at ? 1 : 0;
  return { width: map.width, height: map.height, data };
}

function sameSize(a: BinaryMask, b: BinaryMask): void {
  if (a.width !== b.width || a.height !== b.height)
    throw new Error(`mask sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
}

function counts(a: BinaryMask, b: BinaryMask): { both: number; sa: number; sb: number } {
  sameSize(a, b);
  let both = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i] as number;
    const y = b.data[i] as number;
    sa += x;
    sb += y;
    both += x & y;
  }
  return { both, sa, sb };
}

/** Dice = 2|A∩B| / (|A| + |B|); 1 when both masks are empty. */
export function dice(a: BinaryMask, b: BinaryMask): number {
  const { both, sa, sb } = counts(a, b);
  return sa + sb === 0 ? 1 : (2 * both) / (sa + sb);
}

/** IoU (Jaccard) = |A∩B| / |A∪B|; 1 when both masks are empty. */
export function iou(a: BinaryMask, b: BinaryMask): number {
  const { both, sa, sb } = counts(a, b);
  const union = sa + sb - both;
  return union === 0 ? 1 : both / union;
}

/** Boundary pixels: inside pixels with a 4-neighbour outside the mask or on the image edge. */
export function boundary(mask: BinaryMask): BinaryMask {
  const { width: w, height: h, data } = mask;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!data[i]) continue;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) out[i] = 1;
      else if (!data[i - 1] || !data[i + 1] || !data[i - w] || !data[i + w]) out[i] = 1;
    }
  }
  return { width: w, height: h, data: out };
}

const FAR = 1e20;

/** 1-D squared distance transform (Felzenszwalb & Huttenlocher 2012) of `f` into `d`; background is `FAR`. */
function edt1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = Number.NEGATIVE_INFINITY;
  z[1] = Number.POSITIVE_INFINITY;
  for (let q = 1; q < n; q++) {
    let s = 0;
    for (;;) {
      const p = v[k] as number;
      s = ((f[q] as number) + q * q - ((f[p] as number) + p * p)) / (2 * q - 2 * p);
      if (s <= (z[k] as number) && k > 0) k--;
      else break;
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Number.POSITIVE_INFINITY;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while ((z[k + 1] as number) < q) k++;
    const p = v[k] as number;
    d[q] = (q - p) * (q - p) + (f[p] as number);
  }
}

/** Euclidean distance (in pixels) from every pixel to the nearest set pixel of `mask`; +∞ when it is empty. */
export function distanceTransform(mask: BinaryMask): Float64Array {
  const { width: w, height: h } = mask;
  const n = Math.max(w, h);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  const grid = new Float64Array(w * h);
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) f[y] = mask.data[y * w + x] ? 0 : FAR;
    edt1d(f, h, d, v, z);
    for (let y = 0; y < h; y++) grid[y * w + x] = d[y] as number;
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) f[x] = grid[y * w + x] as number;
    edt1d(f, w, d, v, z);
    for (let x = 0; x < w; x++) {
      const sq = d[x] as number;
      grid[y * w + x] = sq >= FAR / 2 ? Number.POSITIVE_INFINITY : Math.sqrt(sq);
    }
  }
  return grid;
}

function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = values.sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/**
 * 95th-percentile Hausdorff distance between the boundaries of `a` and `b`, in pixels: the larger of the two
 * directed 95th percentiles of boundary-to-boundary distances (the MONAI / medpy convention). 0 when both are
 * empty; NaN when exactly one is empty (undefined; callers decide the penalty).
 */
export function hd95(a: BinaryMask, b: BinaryMask): number {
  sameSize(a, b);
  const ba = boundary(a);
  const bb = boundary(b);
  const anyA = ba.data.includes(1);
  const anyB = bb.data.includes(1);
  if (!anyA && !anyB) return 0;
  if (!anyA || !anyB) return Number.NaN;
  const toA = distanceTransform(ba);
  const toB = distanceTransform(bb);
  const ab: number[] = [];
  const ba2: number[] = [];
  for (let i = 0; i < ba.data.length; i++) {
    if (ba.data[i]) ab.push(toB[i] as number);
    if (bb.data[i]) ba2.push(toA[i] as number);
  }
  return Math.max(percentile(ab, 0.95), percentile(ba2, 0.95));
}

/** A point in physical or pixel units (x right, y down). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Caliper measurements of a mask. */
export interface Diameters {
  /** Longest distance across the outline. */
  readonly longest: number;
  /** Widest extent perpendicular to the longest diameter. */
  readonly perpendicular: number;
  /** End points of the longest diameter, in pixel coordinates. */
  readonly longestAxis: readonly [Point, Point];
  /** End points of the perpendicular extent (through the middle of the longest axis), in pixel coordinates. */
  readonly perpendicularAxis: readonly [Point, Point];
  /** Area inside the outline (pixel count × pixel area). */
  readonly area: number;
}

function cross(o: Point, a: Point, b: Point): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/** Convex hull (Andrew's monotone chain), counter-clockwise, without collinear points. */
export function convexHull(points: Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (sorted.length < 3) return sorted;
  const lower: Point[] = [];
  for (const p of sorted) {
    while (
      lower.length >= 2 &&
      cross(lower[lower.length - 2] as Point, lower[lower.length - 1] as Point, p) <= 0
    )
      lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i] as Point;
    while (
      upper.length >= 2 &&
      cross(upper[upper.length - 2] as Point, upper[upper.length - 1] as Point, p) <= 0
    )
      upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/**
 * Longest diameter and perpendicular extent of all inside pixels, each pixel taken as
 * a square (so a single pixel measures 1 × 1), scaled by the pixel spacing (`spacing.x` per column, `spacing.y` per
 * row; 1 = pixels). Undefined for an empty mask.
 */
export function diameters(
  mask: BinaryMask,
  spacing: { x: number; y: number } = { x: 1, y: 1 },
): Diameters | undefined {
  // The hull of the pixel squares is the hull of each row's outermost corners (≤ 4 points a row).
  const corners: Point[] = [];
  let inside = 0;
  const { width: w, height: h } = mask;
  for (let y = 0; y < h; y++) {
    let first = -1;
    let last = -1;
    for (let x = 0; x < w; x++) {
      if (!mask.data[y * w + x]) continue;
      inside++;
      if (first < 0) first = x;
      last = x;
    }
    if (first < 0) continue;
    corners.push(
      { x: first * spacing.x, y: y * spacing.y },
      { x: first * spacing.x, y: (y + 1) * spacing.y },
      { x: (last + 1) * spacing.x, y: y * spacing.y },
      { x: (last + 1) * spacing.x, y: (y + 1) * spacing.y },
    );
  }
  if (corners.length === 0) return undefined;
  const hull = convexHull(corners);
  let best = 0;
  let p0 = hull[0] as Point;
  let p1 = hull[0] as Point;
  for (let i = 0; i < hull.length; i++) {
    for (let j = i + 1; j < hull.length; j++) {
      const a = hull[i] as Point;
      const b = hull[j] as Point;
      const d = (a.x - b.x) ** 2 + (a.y - b.y) ** 2;
      if (d > best) {
        best = d;
        p0 = a;
        p1 = b;
      }
    }
  }
  const longest = Math.sqrt(best);
  const ux = longest > 0 ? (p1.x - p0.x) / longest : 1;
  const uy = longest > 0 ? (p1.y - p0.y) / longest : 0;
  // Perpendicular unit vector; extent of the hull's projection onto it.
  const nx = -uy;
  const ny = ux;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const p of hull) {
    const t = p.x * nx + p.y * ny;
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  const mid = { x: (p0.x + p1.x) / 2, y: (p0.y + p1.y) / 2 };
  const midT = mid.x * nx + mid.y * ny;
  const toPixels = (p: Point): Point => ({ x: p.x / spacing.x, y: p.y / spacing.y });
  return {
    longest,
    perpendicular: hi - lo,
    longestAxis: [toPixels(p0), toPixels(p1)],
    perpendicularAxis: [
      toPixels({ x: mid.x + (lo - midT) * nx, y: mid.y + (lo - midT) * ny }),
      toPixels({ x: mid.x + (hi - midT) * nx, y: mid.y + (hi - midT) * ny }),
    ],
    area: inside * spacing.x * spacing.y,
  };
}

/**
 * Keeps the largest 4-connected component of a mask (a nodule is one region; specks are dropped); of equal largest
 * ones, the first in row order. Flood fill over one preallocated stack (no per-pixel allocation: it runs per frame).
 */
export function largestComponent(mask: BinaryMask): BinaryMask {
  const { width: w, height: h, data } = mask;
  const n = w * h;
  const label = new Int32Array(n);
  const stack = new Int32Array(n);
  let bestLabel = 0;
  let bestSize = 0;
  let next = 0;
  for (let start = 0; start < n; start++) {
    if (!data[start] || label[start]) continue;
    next++;
    let size = 0;
    let top = 0;
    label[start] = next;
    stack[top++] = start;
    while (top > 0) {
      const i = stack[--top] as number;
      size++;
      const x = i % w;
      if (x > 0 && data[i - 1] && !label[i - 1]) {
        label[i - 1] = next;
        stack[top++] = i - 1;
      }
      if (x < w - 1 && data[i + 1] && !label[i + 1]) {
        label[i + 1] = next;
        stack[top++] = i + 1;
      }
      if (i >= w && data[i - w] && !label[i - w]) {
        label[i - w] = next;
        stack[top++] = i - w;
      }
      if (i < n - w && data[i + w] && !label[i + w]) {
        label[i + w] = next;
        stack[top++] = i + w;
      }
    }
    if (size > bestSize) {
      bestSize = size;
      bestLabel = next;
    }
  }
  const out = new Uint8Array(n);
  if (bestLabel) for (let i = 0; i < n; i++) out[i] = label[i] === bestLabel ? 1 : 0;
  return { width: w, height: h, data: out };
}

/** Fills the holes of a mask: background regions (4-connected) that do not reach the image edge become inside. */
export function fillHoles(mask: BinaryMask): BinaryMask {
  const { width: w, height: h, data } = mask;
  const outside = new Uint8Array(w * h);
  const stack: number[] = [];
  const reach = (i: number) => {
    if (!data[i] && !outside[i]) {
      outside[i] = 1;
      stack.push(i);
    }
  };
  for (let x = 0; x < w; x++) {
    reach(x);
    reach((h - 1) * w + x);
  }
  for (let y = 0; y < h; y++) {
    reach(y * w);
    reach(y * w + w - 1);
  }
  while (stack.length > 0) {
    const i = stack.pop() as number;
    const x = i % w;
    if (x > 0) reach(i - 1);
    if (x < w - 1) reach(i + 1);
    if (i >= w) reach(i - w);
    if (i < (h - 1) * w) reach(i + w);
  }
  const out = new Uint8Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = outside[i] ? 0 : 1;
  return { width: w, height: h, data: out };
}

/** The convex hull of a mask's inside pixel centres, filled (every pixel whose centre lies in the hull). */
export function convexFill(mask: BinaryMask): BinaryMask {
  const { width: w, height: h, data } = mask;
  const inside: Point[] = [];
  for (let i = 0; i < data.length; i++) if (data[i]) inside.push({ x: i % w, y: Math.floor(i / w) });
  const hull = convexHull(inside);
  if (hull.length < 3) return mask;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const p = { x, y };
      // The hull turns one way throughout: a point is inside when it is on that side of (or on) every edge.
      out[y * w + x] = hull.every((a, k) => cross(a, hull[(k + 1) % hull.length] as Point, p) >= -1e-9)
        ? 1
        : 0;
    }
  return { width: w, height: h, data: out };
}
