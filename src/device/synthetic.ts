/**
 * A synthetic ultrasound cine for tests, the benchmark's stream check and the device page's demo: speckle-like
 * texture with one darker elliptical "nodule" that drifts a little from frame to frame, written as a multi-frame
 * DICOM (Explicit VR Little Endian, 8-bit grey, US modality) with a Sequence of Ultrasound Regions. No patient data.
 */

import {
  dicomPart10,
  dicomElement as element,
  dicomF64 as f64,
  dicomItem as item,
  dicomText as text,
  dicomU16 as u16,
  dicomU32 as u32,
} from '../vision/dicom/write-dicom.js';

export interface SyntheticCineOptions {
  readonly frames?: number;
  readonly width?: number;
  readonly height?: number;
  /** mm per pixel written as PhysicalDeltaX/Y (in cm, as DICOM stores it); omit for an uncalibrated file. */
  readonly mmPerPixel?: number;
  /** Nodule semi-axes in pixels. */
  readonly semiAxes?: readonly [number, number];
  readonly seed?: number;
}

/** Pixels of frame `f` and the nodule's true centre. */
export function syntheticFrame(
  f: number,
  options: SyntheticCineOptions = {},
): { pixels: Uint8Array; centre: { x: number; y: number }; semiAxes: readonly [number, number] } {
  const width = options.width ?? 256;
  const height = options.height ?? 256;
  const [a, b] = options.semiAxes ?? [40, 26];
  let state = ((options.seed ?? 7) * 2654435761 + f * 97) >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const cx = width / 2 + 6 * Math.sin(f / 5);
  const cy = height / 2 + 3 * Math.cos(f / 7);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = ((x + 0.5 - cx) / a) ** 2 + ((y + 0.5 - cy) / b) ** 2 <= 1;
      const base = inside ? 55 : 120 + 20 * Math.sin(x / 17) * Math.cos(y / 23);
      const speckle = (random() + random() + random() - 1.5) * 40;
      pixels[y * width + x] = Math.max(0, Math.min(255, Math.round(base + speckle)));
    }
  }
  return { pixels, centre: { x: cx, y: cy }, semiAxes: [a, b] };
}

/** A multi-frame DICOM of `syntheticFrame`s. */
export function syntheticCineDicom(options: SyntheticCineOptions = {}): Buffer {
  const frames = options.frames ?? 30;
  const width = options.width ?? 256;
  const height = options.height ?? 256;
  const pixelData = Buffer.concat(
    Array.from({ length: frames }, (_, f) =>
      Buffer.from(syntheticFrame(f, { ...options, width, height }).pixels),
    ),
  );
  const usMultiframe = '1.2.840.10008.5.1.4.1.1.3.1';
  const regions =
    options.mmPerPixel === undefined
      ? []
      : [
          element(
            0x0018,
            0x6011,
            'SQ',
            item(
              Buffer.concat([
                element(0x0018, 0x6012, 'US', u16(1)),
                element(0x0018, 0x6018, 'UL', u32(0)),
                element(0x0018, 0x601a, 'UL', u32(0)),
                element(0x0018, 0x601c, 'UL', u32(width - 1)),
                element(0x0018, 0x601e, 'UL', u32(height - 1)),
                element(0x0018, 0x6024, 'US', u16(3)),
                element(0x0018, 0x6026, 'US', u16(3)),
                element(0x0018, 0x602c, 'FD', f64(options.mmPerPixel / 10)),
                element(0x0018, 0x602e, 'FD', f64(options.mmPerPixel / 10)),
              ]),
            ),
          ),
        ];
  return dicomPart10(usMultiframe, '1.2.826.0.1.3680043.8.498.19', [
    element(0x0008, 0x0016, 'UI', text(usMultiframe)),
    element(0x0008, 0x0060, 'CS', text('US')),
    element(0x0018, 0x0015, 'CS', text('NECK')),
    element(0x0018, 0x1063, 'DS', text('66.7')),
    ...regions,
    element(0x0028, 0x0002, 'US', u16(1)),
    element(0x0028, 0x0004, 'CS', text('MONOCHROME2')),
    element(0x0028, 0x0008, 'IS', text(String(frames))),
    element(0x0028, 0x0010, 'US', u16(height)),
    element(0x0028, 0x0011, 'US', u16(width)),
    element(0x0028, 0x0100, 'US', u16(8)),
    element(0x0028, 0x0101, 'US', u16(8)),
    element(0x0028, 0x0102, 'US', u16(7)),
    element(0x0028, 0x0103, 'US', u16(0)),
    element(0x7fe0, 0x0010, 'OB', pixelData),
  ]);
}
