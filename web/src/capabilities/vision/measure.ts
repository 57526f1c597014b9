/** A point in image pixel coordinates (column x, row y). */
export interface ImagePoint {
  readonly x: number;
  readonly y: number;
}

/**
 * Maps a click on the displayed (scaled, zoomed) image to original image pixels: the offset within the element's
 * box, divided by the displayed size, times the image's real size in pixels.
 */
export function toImagePoint(
  click: { readonly clientX: number; readonly clientY: number },
  box: { readonly left: number; readonly top: number; readonly width: number; readonly height: number },
  imageSizePx: { readonly width: number; readonly height: number },
): ImagePoint {
  const x = ((click.clientX - box.left) / Math.max(1, box.width)) * imageSizePx.width;
  const y = ((click.clientY - box.top) / Math.max(1, box.height)) * imageSizePx.height;
  return { x: Math.min(imageSizePx.width, Math.max(0, x)), y: Math.min(imageSizePx.height, Math.max(0, y)) };
}

/**
 * Distance between two points in mm from the DICOM pixel spacing [row spacing, column spacing] (PS3.3 §10.7.1.3:
 * row spacing is the vertical distance between rows), or in pixels when the file has no spacing.
 */
export function measureDistance(
  a: ImagePoint,
  b: ImagePoint,
  pixelSpacingMm?: readonly [number, number],
): { value: number; unit: 'mm' | 'px' } {
  if (!pixelSpacingMm) return { value: Math.hypot(b.x - a.x, b.y - a.y), unit: 'px' };
  const [rowSpacing, columnSpacing] = pixelSpacingMm;
  return { value: Math.hypot((b.x - a.x) * columnSpacing, (b.y - a.y) * rowSpacing), unit: 'mm' };
}

/** The risk models read a nodule diameter from this finding (src/risk/case-inputs.ts, NODULE_VALUE_CONCEPTS). */
export const NODULE_DIAMETER_CONCEPT = 'lung-nodule.diameter-mm';
