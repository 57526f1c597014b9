/**
 * Window/level by drag, as PACS viewers do it: dragging right widens the window (less contrast), dragging down
 * raises the level (darker image). The step scales with the starting width, so a CT (width ~1,500 HU) and an 8-bit
 * PNG (width 256) both respond in proportion.
 */
export interface DisplayWindow {
  readonly center: number;
  readonly width: number;
}

export function dragWindow(start: DisplayWindow, dxPx: number, dyPx: number): DisplayWindow {
  const step = Math.max(start.width, 1) / 256;
  const width = Math.max(1, start.width + dxPx * step * 2);
  const center = start.center + dyPx * step;
  return { center: Number(center.toFixed(1)), width: Number(width.toFixed(1)) };
}

/** The frame after a wheel step (one frame per notch), kept within the series. */
export function nextFrame(current: number, deltaY: number, frames: number): number {
  if (frames <= 1 || deltaY === 0) return current;
  return Math.min(frames - 1, Math.max(0, current + Math.sign(deltaY)));
}

/** The image to show first: the one just uploaded, else the newest on the case (images are appended in order). */
export function imageToShow(
  images: readonly { readonly id: string }[],
  selected: string | undefined,
): string | undefined {
  if (selected && images.some((i) => i.id === selected)) return selected;
  return images[images.length - 1]?.id;
}
