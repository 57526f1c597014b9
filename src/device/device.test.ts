import { describe, expect, it } from 'vitest';
import { type BinaryMask, largestComponent } from '../vision/segmentation/metrics.js';
import type { GreyRaster, Segmentation, Segmenter } from '../vision/segmentation/model.js';
import type { Roi } from '../vision/segmentation/roi.js';
import { calibrationAt, headerCalibration, NO_CALIBRATION, ultrasoundRegions } from './calibration.js';
import { readCine } from './cine.js';
import { decodeFrameMessage, encodeFrameMessage } from './frames.js';
import { measureOutline } from './measure.js';
import { DeviceSession, type ServerMessage } from './session.js';
import { syntheticCineDicom, syntheticFrame } from './synthetic.js';
import { tiradsSupport } from './tirads-support.js';

/** A stand-in segmenter for stream tests: pixels darker than 90 inside the ROI, largest region. */
const darkSegmenter: Segmenter = {
  id: 'dark-threshold-test',
  segment(image: GreyRaster, roi: Roi): Segmentation {
    const width = Math.round(roi.width);
    const height = Math.round(roi.height);
    const data = new Uint8Array(width * height);
    const prob = new Float32Array(width * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const v = image.pixels[(y + Math.round(roi.y)) * image.width + x + Math.round(roi.x)] as number;
        prob[y * width + x] = v < 90 ? 1 : 0;
        data[y * width + x] = v < 90 ? 1 : 0;
      }
    const mask: BinaryMask = largestComponent({ width, height, data });
    return {
      roi,
      probability: { width, height, pixels: prob },
      mask,
      confidence: 1,
      uncertainShare: 0,
      grid: { size: 4, values: new Float32Array(16) },
    };
  },
};

describe('calibration', () => {
  it('reads the Sequence of Ultrasound Regions of a cine and converts cm to mm', async () => {
    const bytes = syntheticCineDicom({ frames: 3, width: 64, height: 48, mmPerPixel: 0.1 });
    const regions = ultrasoundRegions(bytes);
    expect(regions).toHaveLength(1);
    expect(regions[0]?.unitsX).toBe(3);
    const cal = calibrationAt({ x: 10, y: 10 }, regions);
    expect(cal.source).toBe('ultrasound-region');
    expect(cal.mmPerPixel?.x).toBeCloseTo(0.1, 10);
    const cine = await readCine(bytes);
    expect(cine.frames).toBe(3);
    expect(cine.frameTimeMs).toBeCloseTo(66.7, 5);
    expect(cine.frame(2)).toHaveLength(64 * 48);
    expect(() => cine.frame(3)).toThrow(/does not exist/);
  });
  it('falls back to pixel spacing, then to pixels with a warning', () => {
    expect(calibrationAt({ x: 1, y: 1 }, [], [0.2, 0.3]).mmPerPixel).toEqual({ x: 0.3, y: 0.2 });
    const none = calibrationAt({ x: 1, y: 1 }, []);
    expect(none.mmPerPixel).toBeUndefined();
    expect(none.warning).toMatch(/pixels/);
    const doppler = calibrationAt({ x: 1, y: 1 }, [
      {
        minX: 0,
        minY: 0,
        maxX: 9,
        maxY: 9,
        spatialFormat: 3,
        unitsX: 4,
        unitsY: 5,
        deltaX: 0.01,
        deltaY: 0.1,
      },
    ]);
    expect(doppler.mmPerPixel).toBeUndefined();
    expect(headerCalibration({ x: 0, y: 0.1 }).warning).toMatch(/not plausible/);
  });
  it('an uncalibrated cine has no regions', async () => {
    const cine = await readCine(syntheticCineDicom({ frames: 1, width: 32, height: 32 }));
    expect(cine.regions).toHaveLength(0);
    expect(cine.calibration.source).toBe('none');
  });
  it('a file that is not DICOM is refused', async () => {
    await expect(readCine(new Uint8Array(300))).rejects.toThrow(/DICOM/);
  });
});

describe('measurement', () => {
  it('measures the synthetic nodule in mm within a pixel of its true size', () => {
    const { pixels, semiAxes } = syntheticFrame(0, { width: 200, height: 160, semiAxes: [40, 20] });
    const seg = darkSegmenter.segment(
      { width: 200, height: 160, pixels },
      { x: 20, y: 20, width: 160, height: 120 },
    );
    const m = measureOutline(seg, { source: 'frame-header', mmPerPixel: { x: 0.1, y: 0.1 } });
    expect(m?.unit).toBe('mm');
    expect(m?.longest).toBeGreaterThan(2 * semiAxes[0] * 0.1 - 0.3);
    expect(m?.longest).toBeLessThan(2 * semiAxes[0] * 0.1 + 0.3);
    expect(m?.perpendicular).toBeGreaterThan(2 * semiAxes[1] * 0.1 - 0.3);
    expect(m?.longestAxis[0].x).toBeGreaterThan(20); // image coordinates, not ROI
    const px = measureOutline(seg, NO_CALIBRATION);
    expect(px?.unit).toBe('px');
    expect(px?.warnings.join(' ')).toMatch(/pixels/);
  });
});

describe('TI-RADS support', () => {
  const m = {
    unit: 'mm' as const,
    longest: 16,
    perpendicular: 10,
    widthExtent: 16,
    heightExtent: 10,
    longestAxis: [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
    ] as const,
    perpendicularAxis: [
      { x: 0, y: 0 },
      { x: 0, y: 1 },
    ] as const,
    calibration: 'frame-header' as const,
    warnings: [],
  };
  it('with nothing confirmed the range spans TR1–TR5 and nothing is ready', () => {
    const s = tiradsSupport({ measurement: m });
    expect(s.levels.min).toBe('TR1');
    expect(s.levels.max).toBe('TR5');
    expect(s.status).toBe('provisional');
    expect(s.toConfirm).toHaveLength(5);
    expect(s.suggestions[0]).toMatchObject({ feature: 'shape', value: 'wider-than-tall' });
  });
  it('all features confirmed: the exact ACR level and FNA advice at the measured size', () => {
    // solid 2 + hypoechoic 2 + wider 0 + smooth 0 + none 0 = 4 → TR4; 16 mm ≥ 15 mm → FNA.
    const s = tiradsSupport({
      measurement: m,
      confirmed: {
        composition: 'solid',
        echogenicity: 'hypoechoic',
        shape: 'wider-than-tall',
        margin: 'smooth',
        echogenicFoci: ['none'],
      },
    });
    expect(s.level).toBe('TR4');
    expect(s.status).toBe('ready-to-accept');
    expect(s.advice).toEqual([expect.objectContaining({ level: 'TR4', points: 4, recommendation: 'fna' })]);
  });
  it('partly confirmed: the range is exact (spongiform can still take it to 0)', () => {
    const s = tiradsSupport({
      measurement: m,
      confirmed: { echogenicity: 'very-hypoechoic', margin: 'lobulated-irregular' },
    });
    expect(s.levels.minPoints).toBe(0); // spongiform adds no points from other categories
    expect(s.levels.maxPoints).toBe(2 + 3 + 3 + 2 + 6);
  });
  it('a size in pixels gives no advice and says why', () => {
    const s = tiradsSupport({ measurement: { ...m, unit: 'px' } });
    expect(s.advice).toHaveLength(0);
    expect(s.warnings.join(' ')).toMatch(/pixels/);
  });
});

function collect(): { messages: ServerMessage[]; send: (m: ServerMessage) => void } {
  const messages: ServerMessage[] = [];
  return { messages, send: (m) => messages.push(m) };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('device session', () => {
  const frame = (seq: number, extra: Record<string, unknown> = {}) => {
    const { pixels } = syntheticFrame(seq, { width: 128, height: 128, semiAxes: [30, 20] });
    return encodeFrameMessage(
      { format: 'grey8', width: 128, height: 128, seq, spacingMm: { x: 0.1, y: 0.1 }, ...extra },
      pixels,
    );
  };
  it('frames round-trip through the binary message format', () => {
    const f = decodeFrameMessage(frame(3));
    expect(f.image.width).toBe(128);
    expect(f.header.seq).toBe(3);
  });
  it('analyses a frame: outline, mm measurement, advice, latency', async () => {
    const { messages, send } = collect();
    const s = new DeviceSession(darkSegmenter, send);
    s.control(JSON.stringify({ type: 'config', imageModel: false }));
    s.frame(frame(1));
    await tick();
    const result = messages.find((m) => m.type === 'result');
    expect(result).toBeDefined();
    if (result?.type !== 'result') return;
    expect(result.deviceSeq).toBe(1);
    expect(result.analysis.measurement?.unit).toBe('mm');
    expect(result.analysis.measurement?.longest).toBeGreaterThan(5.5);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });
  it('passes the flip test-time augmentation flag of a config message to the segmenter', async () => {
    const seen: (boolean | undefined)[] = [];
    const recording: Segmenter = {
      id: 'recording-test',
      segment(image, roi, options) {
        seen.push(options?.flipTta);
        return darkSegmenter.segment(image, roi);
      },
    };
    const { messages, send } = collect();
    const s = new DeviceSession(recording, send);
    s.control(JSON.stringify({ type: 'config', imageModel: false }));
    s.frame(frame(1));
    await tick();
    s.control(JSON.stringify({ type: 'config', flipTta: true }));
    s.frame(frame(2));
    await tick();
    s.control(JSON.stringify({ type: 'config', flipTta: false }));
    s.frame(frame(3));
    await tick();
    s.control(JSON.stringify({ type: 'config', flipTta: 'yes' }));
    // Not set: the engine's default applies; then as the device asked.
    expect(seen).toEqual([undefined, true, false]);
    expect(messages.filter((m) => m.type === 'result')).toHaveLength(3);
    expect(messages.some((m) => m.type === 'error' && /flipTta/.test(m.detail))).toBe(true);
  });
  it('drops frames that arrive while busy, keeping only the newest', async () => {
    const { messages, send } = collect();
    const s = new DeviceSession(darkSegmenter, send);
    s.control(JSON.stringify({ type: 'config', imageModel: false }));
    for (let i = 1; i <= 5; i++) s.frame(frame(i));
    await tick();
    await tick();
    const results = messages.filter((m) => m.type === 'result');
    expect(results).toHaveLength(1);
    expect(results[0]?.type === 'result' && results[0].deviceSeq).toBe(5);
    expect(s.stats.dropped).toBe(4);
    expect(results[0]?.type === 'result' && results[0].droppedSinceLast).toBe(4);
  });
  it('bad input: errors, and the stream goes on', async () => {
    const { messages, send } = collect();
    const s = new DeviceSession(darkSegmenter, send);
    s.control(JSON.stringify({ type: 'config', imageModel: false }));
    s.frame(new Uint8Array([1, 2]));
    await tick();
    s.frame(encodeFrameMessage({ format: 'grey8', width: 100, height: 100 }, new Uint8Array(50)));
    await tick();
    s.frame(encodeFrameMessage({ format: 'png' }, new Uint8Array(20)));
    await tick();
    s.control('not json');
    s.control(JSON.stringify({ type: 'roi', roi: { x: 0, y: 0, width: -5, height: 3 } }));
    s.frame(frame(9));
    await tick();
    s.control(JSON.stringify({ type: 'roi', roi: { x: 500, y: 500, width: 50, height: 50 } }));
    s.frame(frame(10, { spacingMm: undefined }));
    await tick();
    const errors = messages
      .filter((m) => m.type === 'error')
      .map((m) => (m.type === 'error' ? m.detail : ''));
    expect(errors[0]).toMatch(/4-byte header/);
    expect(errors[1]).toMatch(/10000 bytes; 50 came/);
    expect(errors[2]).toMatch(/cannot be decoded/);
    expect(errors[3]).toMatch(/JSON/);
    expect(errors[4]).toMatch(/width/);
    expect(errors[5]).toMatch(/outside/);
    expect(messages.filter((m) => m.type === 'result')).toHaveLength(2);
    expect(messages.some((m) => m.type === 'warning' && /pixels/.test(m.detail))).toBe(true);
  });
});
