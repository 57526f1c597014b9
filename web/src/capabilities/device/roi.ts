/** An ROI in frame pixels. */
export interface Roi {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const MIN_SIDE = 16;

/** Keeps an ROI inside a `width`×`height` frame and at least 16 px a side. */
export function clampRoi(roi: Roi, width: number, height: number): Roi {
  const w = Math.max(MIN_SIDE, Math.min(width, Math.round(roi.width)));
  const h = Math.max(MIN_SIDE, Math.min(height, Math.round(roi.height)));
  const x = Math.max(0, Math.min(width - w, Math.round(roi.x)));
  const y = Math.max(0, Math.min(height - h, Math.round(roi.y)));
  return { x, y, width: w, height: h };
}

/** A box of 40 % of the frame's shorter side centred on a tapped point. */
export function roiAround(point: { x: number; y: number }, width: number, height: number): Roi {
  const side = Math.round(0.4 * Math.min(width, height));
  return clampRoi({ x: point.x - side / 2, y: point.y - side / 2, width: side, height: side }, width, height);
}

/** The box spanned by a pointer drag from `a` to `b`. */
export function roiFromDrag(
  a: { x: number; y: number },
  b: { x: number; y: number },
  width: number,
  height: number,
): Roi {
  return clampRoi(
    { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) },
    width,
    height,
  );
}

/**
 * Keyboard ROI placement: arrows move (Shift: ×4), + / − grow and shrink around the centre, W/S and A/D change
 * height and width alone. Returns undefined for keys it does not handle.
 */
export function roiForKey(
  roi: Roi,
  key: string,
  shift: boolean,
  width: number,
  height: number,
): Roi | undefined {
  const step = shift ? 16 : 4;
  const grow = (dw: number, dh: number) => ({
    x: roi.x - dw / 2,
    y: roi.y - dh / 2,
    width: roi.width + dw,
    height: roi.height + dh,
  });
  let next: Roi | undefined;
  switch (key) {
    case 'ArrowLeft':
      next = { ...roi, x: roi.x - step };
      break;
    case 'ArrowRight':
      next = { ...roi, x: roi.x + step };
      break;
    case 'ArrowUp':
      next = { ...roi, y: roi.y - step };
      break;
    case 'ArrowDown':
      next = { ...roi, y: roi.y + step };
      break;
    case '+':
    case '=':
      next = grow(2 * step, 2 * step);
      break;
    case '-':
    case '_':
      next = grow(-2 * step, -2 * step);
      break;
    case 'w':
      next = grow(0, 2 * step);
      break;
    case 's':
      next = grow(0, -2 * step);
      break;
    case 'd':
      next = grow(2 * step, 0);
      break;
    case 'a':
      next = grow(-2 * step, 0);
      break;
    default:
      return undefined;
  }
  return clampRoi(next, width, height);
}

/** The binary frame message of the device stream: uint32 LE header length, JSON header, 8-bit grey pixels. */
export function frameMessage(
  pixels: Uint8Array,
  width: number,
  height: number,
  extra: { seq: number; sentAt: number; spacingMm?: { x: number; y: number } },
): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify({ format: 'grey8', width, height, ...extra }));
  const out = new Uint8Array(4 + head.byteLength + pixels.byteLength);
  new DataView(out.buffer).setUint32(0, head.byteLength, true);
  out.set(head, 4);
  out.set(pixels, 4 + head.byteLength);
  return out;
}
