import { diameters, type Point } from '../vision/segmentation/metrics.js';
import type { Segmentation } from '../vision/segmentation/model.js';
import type { Calibration } from './calibration.js';

/** Caliper measurements of an outlined nodule, in millimetres when calibrated, else in pixels. */
export interface NoduleMeasurement {
  readonly unit: 'mm' | 'px';
  /** Longest diameter across the outline. */
  readonly longest: number;
  /** Widest extent perpendicular to the longest diameter. */
  readonly perpendicular: number;
  /** Horizontal (transverse on a transverse view) and vertical (antero-posterior) extents of the outline. */
  readonly widthExtent: number;
  readonly heightExtent: number;
  readonly areaMm2?: number;
  /** End points in image pixels (x right, y down), for drawing calipers. */
  readonly longestAxis: readonly [Point, Point];
  readonly perpendicularAxis: readonly [Point, Point];
  readonly calibration: Calibration['source'];
  readonly warnings: readonly string[];
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/** Measures the outline of a segmentation (ROI coordinates) in image coordinates with the given calibration. */
export function measureOutline(seg: Segmentation, calibration: Calibration): NoduleMeasurement | undefined {
  const spacing = calibration.mmPerPixel ?? { x: 1, y: 1 };
  const d = diameters(seg.mask, spacing);
  if (!d) return undefined;
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const w = seg.mask.width;
  for (let i = 0; i < seg.mask.data.length; i++) {
    if (!seg.mask.data[i]) continue;
    const x = i % w;
    const y = (i - x) / w;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const shift = (p: Point): Point => ({ x: round(p.x + seg.roi.x), y: round(p.y + seg.roi.y) });
  const warnings: string[] = [];
  if (!calibration.mmPerPixel) warnings.push(calibration.warning ?? 'no calibration: sizes are in pixels');
  else if (calibration.warning) warnings.push(calibration.warning);
  const touches = minX === 0 || minY === 0 || maxX === seg.mask.width - 1 || maxY === seg.mask.height - 1;
  if (touches)
    warnings.push(
      'The outline reaches the edge of the ROI: the nodule may extend beyond it; enlarge the ROI.',
    );
  return {
    unit: calibration.mmPerPixel ? 'mm' : 'px',
    longest: round(d.longest),
    perpendicular: round(d.perpendicular),
    widthExtent: round((maxX - minX + 1) * spacing.x),
    heightExtent: round((maxY - minY + 1) * spacing.y),
    ...(calibration.mmPerPixel ? { areaMm2: round(d.area) } : {}),
    longestAxis: [shift(d.longestAxis[0]), shift(d.longestAxis[1])],
    perpendicularAxis: [shift(d.perpendicularAxis[0]), shift(d.perpendicularAxis[1])],
    calibration: calibration.source,
    warnings,
  };
}
