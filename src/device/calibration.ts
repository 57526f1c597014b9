import dicomParser from 'dicom-parser';

/**
 * How many millimetres one pixel spans, and where that figure came from. Ultrasound frames carry it in the
 * Sequence of Ultrasound Regions (0018,6011: PhysicalDeltaX/Y with PhysicalUnitsX/YDirection, DICOM PS3.3
 * §C.8.5.5), sometimes in PixelSpacing (0028,0030); a device stream sends it in the frame header. Without any, sizes
 * stay in pixels and every measurement says so.
 */
export interface Calibration {
  /** Millimetres per pixel along x (columns) and y (rows). */
  readonly mmPerPixel?: { readonly x: number; readonly y: number };
  readonly source: 'ultrasound-region' | 'pixel-spacing' | 'frame-header' | 'none';
  /** Why there is no calibration, or a caveat about the one in use. */
  readonly warning?: string;
}

/** One calibrated region of an ultrasound image (a 2D B-mode area; Doppler strips have other units). */
export interface UltrasoundRegion {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  /** 1 = 2D tissue or colour flow (PS3.3 C.8.5.5.1.1); other formats (M-mode, spectral) are not spatial. */
  readonly spatialFormat: number;
  /** Units code (C.8.5.5.1.15): 3 = cm; 0 none, 1 percent, 2 dB, 4 seconds, 5 hertz … */
  readonly unitsX: number;
  readonly unitsY: number;
  readonly deltaX: number;
  readonly deltaY: number;
}

export const NO_CALIBRATION: Calibration = {
  source: 'none',
  warning:
    'No pixel calibration (no ultrasound region with physical units, no pixel spacing): sizes are in pixels and cannot drive the ACR size thresholds until a calibration is given.',
};

/** Reads the Sequence of Ultrasound Regions of a DICOM file (empty when it has none). */
export function ultrasoundRegions(bytes: Uint8Array): UltrasoundRegion[] {
  let ds: dicomParser.DataSet;
  try {
    ds = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
  } catch {
    return [];
  }
  const seq = ds.elements.x00186011;
  const items = seq?.items ?? [];
  const regions: UltrasoundRegion[] = [];
  for (const item of items) {
    const d = item.dataSet;
    if (!d) continue;
    const u32 = (tag: string) => (d.elements[tag] ? d.uint32(tag) : undefined);
    const u16 = (tag: string) => (d.elements[tag] ? d.uint16(tag) : undefined);
    const f64 = (tag: string) => (d.elements[tag] ? d.double(tag) : undefined);
    const region = {
      minX: u32('x00186018'),
      minY: u32('x0018601a'),
      maxX: u32('x0018601c'),
      maxY: u32('x0018601e'),
      spatialFormat: u16('x00186012'),
      unitsX: u16('x00186024'),
      unitsY: u16('x00186026'),
      deltaX: f64('x0018602c'),
      deltaY: f64('x0018602e'),
    };
    if (Object.values(region).some((v) => v === undefined || !Number.isFinite(v))) continue;
    regions.push(region as UltrasoundRegion);
  }
  return regions;
}

/**
 * The calibration for a point of a frame: the 2D region (units cm) that contains it, else the pixel spacing,
 * else none. Regions in other units (seconds, hertz for Doppler) never give a length.
 */
export function calibrationAt(
  point: { readonly x: number; readonly y: number },
  regions: readonly UltrasoundRegion[],
  pixelSpacingMm?: readonly [number, number],
): Calibration {
  const spatial = regions.filter((r) => r.spatialFormat === 1 && r.unitsX === 3 && r.unitsY === 3);
  const inside = spatial.find(
    (r) => point.x >= r.minX && point.x <= r.maxX && point.y >= r.minY && point.y <= r.maxY,
  );
  if (inside && inside.deltaX > 0 && inside.deltaY > 0) {
    return {
      mmPerPixel: { x: Math.abs(inside.deltaX) * 10, y: Math.abs(inside.deltaY) * 10 },
      source: 'ultrasound-region',
    };
  }
  if (pixelSpacingMm && pixelSpacingMm[0] > 0 && pixelSpacingMm[1] > 0) {
    return {
      mmPerPixel: { x: pixelSpacingMm[1], y: pixelSpacingMm[0] },
      source: 'pixel-spacing',
      ...(regions.length > 0
        ? { warning: 'The ROI lies in no calibrated 2D ultrasound region; the file’s PixelSpacing was used.' }
        : {}),
    };
  }
  if (spatial.length > 0)
    return {
      source: 'none',
      warning:
        'The ROI lies outside every calibrated ultrasound region of this image: sizes are in pixels. Place the ROI on the B-mode image.',
    };
  return NO_CALIBRATION;
}

/** A calibration a device states in its frame header (mm per pixel), checked for sense. */
export function headerCalibration(spacing: { x: number; y: number } | undefined): Calibration {
  if (!spacing) return NO_CALIBRATION;
  const ok = (v: number) => Number.isFinite(v) && v > 0.005 && v < 5;
  if (!ok(spacing.x) || !ok(spacing.y))
    return {
      source: 'none',
      warning: `The frame's spacing ${spacing.x} × ${spacing.y} mm per pixel is not plausible for ultrasound (0.005–5 mm): sizes are in pixels.`,
    };
  return { mmPerPixel: { x: spacing.x, y: spacing.y }, source: 'frame-header' };
}
