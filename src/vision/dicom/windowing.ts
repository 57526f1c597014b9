import type { DicomImage } from './read-dicom.js';
import { modalityFrame } from './read-dicom.js';

/** A VOI window: centre and width in modality units (HU for CT). */
export interface Window {
  readonly center: number;
  readonly width: number;
}

/**
 * CT window presets in Hounsfield units (Radiopaedia, "Windowing (CT)", https://radiopaedia.org/articles/windowing-ct):
 * lung W1500 L−600, mediastinum W350 L50, bone W1800 L400.
 */
export const WINDOW_PRESETS = {
  lung: { center: -600, width: 1500 },
  mediastinum: { center: 50, width: 350 },
  bone: { center: 400, width: 1800 },
} as const satisfies Record<string, Window>;

export type WindowPreset = keyof typeof WINDOW_PRESETS;
export const WINDOW_PRESET_NAMES = Object.keys(WINDOW_PRESETS) as WindowPreset[];

/**
 * The linear VOI LUT of PS3.3 §C.11.2.1.2.1 mapping a modality value to 0…255:
 * x ≤ c − ½ − (w−1)/2 → 0; x > c − ½ + (w−1)/2 → 255; else ((x − (c − ½)) / (w − 1) + ½) · 255.
 */
export function applyWindow(value: number, window: Window): number {
  const { center: c, width } = window;
  const w = Math.max(1, width);
  if (value <= c - 0.5 - (w - 1) / 2) return 0;
  if (value > c - 0.5 + (w - 1) / 2) return 255;
  return ((value - (c - 0.5)) / (w - 1) + 0.5) * 255;
}

/** The window a frame is shown with by default: the file's first VOI window, else the frame's min–max. */
export function defaultWindow(image: DicomImage, values: Float32Array): Window {
  if (image.windowCenter !== undefined && image.windowWidth !== undefined && image.windowWidth > 0) {
    return { center: image.windowCenter, width: image.windowWidth };
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { center: (min + max) / 2, width: Math.max(1, max - min + 1) };
}

/**
 * One frame as 0–255 grey for display or a model: grey images through the window (MONOCHROME1 inverted, PS3.3
 * §C.7.6.3.1.2), colour images through BT.601 luma.
 */
export function renderFrame(
  image: DicomImage,
  options: { frame?: number; window?: Window | WindowPreset } = {},
): Float32Array {
  const frame = options.frame ?? 0;
  const pixels = image.rows * image.columns;
  const out = new Float32Array(pixels);
  if (image.samplesPerPixel === 3) {
    const rgb = image.storedFrames[frame];
    if (!rgb) throw new Error(`frame ${frame + 1} does not exist`);
    const scale = image.bitsStored > 8 ? 255 / (2 ** image.bitsStored - 1) : 1;
    for (let i = 0; i < pixels; i++) {
      out[i] =
        ((rgb[3 * i] as number) * 0.299 +
          (rgb[3 * i + 1] as number) * 0.587 +
          (rgb[3 * i + 2] as number) * 0.114) *
        scale;
    }
    return out;
  }
  const values = modalityFrame(image, frame);
  const window =
    typeof options.window === 'string'
      ? WINDOW_PRESETS[options.window]
      : (options.window ?? defaultWindow(image, values));
  const invert = image.photometricInterpretation === 'MONOCHROME1';
  for (let i = 0; i < pixels; i++) {
    const v = applyWindow(values[i] as number, window);
    out[i] = invert ? 255 - v : v;
  }
  return out;
}

/** Distance in mm between two pixel positions (column x, row y), from the row and column spacing. */
export function distanceMm(
  spacingMm: readonly [number, number],
  a: { readonly x: number; readonly y: number },
  b: { readonly x: number; readonly y: number },
): number {
  const [rowSpacing, columnSpacing] = spacingMm;
  return Math.hypot((b.x - a.x) * columnSpacing, (b.y - a.y) * rowSpacing);
}
