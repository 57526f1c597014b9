import { describe, expect, it } from 'vitest';
import { normalFrom, seededRandom } from '../../ml/random.js';
import { tfReady } from '../nn/backend.js';
import {
  FLIP_TTA_DEFAULT,
  MeanOutlineSegmenter,
  SEGMENTATION_FORMAT,
  type SegmentationModelFile,
  UnetSegmenter,
  viewRoi,
  viewToRoiGrid,
  withMirrors,
} from './model.js';
import { sampleRoi } from './roi.js';
import { unetInit, unetShapes } from './unet.js';

const config = { inputSize: 16, channels: [4, 8] };
function header(post?: SegmentationModelFile['postprocess']): SegmentationModelFile {
  const empty = { n: 0, patients: 0, dice: 0, iou: 0, hd95_px: 0, diameter_error_pct: 0 };
  return {
    format: SEGMENTATION_FORMAT,
    modelId: 'tiny',
    modelVersion: 'test',
    task: 'thyroid',
    config,
    threshold: 0.5,
    tensors: [
      ...unetShapes(config).map(([name, shape]) => ({ name, shape })),
      { name: 'meanOutline', shape: [16, 16] },
    ],
    split: {
      seed: 1,
      patients: { train: 0, validation: 0, test: 0 },
      images: { train: 0, validation: 0, test: 0 },
      testPatients: [],
      validationPatients: [],
    },
    metrics: { validation: empty, test: empty, baselineTest: empty },
    training: {},
    ...(post ? { postprocess: post } : {}),
  };
}

describe('segmenters', () => {
  const random = seededRandom(3);
  const weights = unetInit(config, () => normalFrom(random));
  const prior = new Float32Array(256);
  for (let y = 4; y < 12; y++) for (let x = 3; x < 13; x++) prior[y * 16 + x] = 0.9;
  weights.set('meanOutline', prior);
  const image = {
    width: 40,
    height: 32,
    pixels: Float32Array.from({ length: 40 * 32 }, (_, i) => (i * 37) % 255),
  };
  const roi = { x: 4, y: 2, width: 32, height: 28 };

  it('outputs per-pixel probabilities over the ROI and a mask of the same size', async () => {
    await tfReady();
    const seg = new UnetSegmenter(header(), weights).segment(image, roi);
    expect(seg.probability.width).toBe(32);
    expect(seg.probability.height).toBe(28);
    expect(seg.mask.data).toHaveLength(32 * 28);
    for (const p of seg.probability.pixels) expect(p >= 0 && p <= 1).toBe(true);
    expect(seg.grid.size).toBe(16);
  });
  it('a prior weight of 1 reproduces the mean outline; flip averaging is mirror-symmetric', async () => {
    await tfReady();
    const full = new UnetSegmenter(header({ flipAverage: false, priorWeight: 1 }), weights).segment(
      image,
      roi,
    );
    const base = new MeanOutlineSegmenter(prior, 16).segment(image, roi);
    expect(Array.from(full.mask.data)).toEqual(Array.from(base.mask.data));
    const model = new UnetSegmenter(header({ flipAverage: true, priorWeight: 0 }), weights);
    const mirrored = { ...image, pixels: new Float32Array(image.pixels.length) };
    for (let y = 0; y < 32; y++)
      for (let x = 0; x < 40; x++) mirrored.pixels[y * 40 + x] = image.pixels[y * 40 + (39 - x)] as number;
    const whole = { x: 0, y: 0, width: 40, height: 32 };
    const a = model.probabilities(image, whole);
    const b = model.probabilities(mirrored, whole);
    for (let y = 0; y < 16; y++)
      for (let x = 0; x < 16; x++) expect(a[y * 16 + x]).toBeCloseTo(b[y * 16 + (15 - x)] as number, 4);
  });
  describe('flip test-time augmentation', () => {
    // Left–right asymmetric: a bright bar near the left edge and a ramp that rises to the right.
    const asym = {
      width: 40,
      height: 32,
      pixels: Float32Array.from({ length: 40 * 32 }, (_, i) => {
        const x = i % 40;
        const y = Math.floor(i / 40);
        return (x >= 4 && x < 10 && y > 6 && y < 26 ? 200 : 0) + x * 1.2 + ((i * 37) % 17);
      }),
    };
    const mirror = (img: typeof asym) => ({
      ...img,
      pixels: Float32Array.from(img.pixels, (_, i) => {
        const x = i % img.width;
        return img.pixels[i - x + (img.width - 1 - x)] as number;
      }),
    });
    const flipGrid = (g: Float32Array, n: number) =>
      Float32Array.from(g, (_, i) => g[i - (i % n) + (n - 1 - (i % n))] as number);
    const whole = { x: 0, y: 0, width: 40, height: 32 };

    it('adds the mirror of every view once; a mirror-closed set is unchanged', () => {
      const plain = { scale: 1, flip: false };
      expect(withMirrors([plain, { scale: 0.85, flip: true }])).toEqual([
        plain,
        { scale: 0.85, flip: true },
        { scale: 1, flip: true },
        { scale: 0.85, flip: false },
      ]);
      expect(withMirrors([plain, { scale: 1, flip: true }])).toEqual([plain, { scale: 1, flip: true }]);
      const model = new UnetSegmenter(header({ flipAverage: false, priorWeight: 0 }), weights);
      expect(model.viewsFor({ flipTta: true })).toHaveLength(2);
      expect(model.viewsFor({ flipTta: false })).toEqual([plain]);
      expect(model.viewsFor()).toHaveLength(FLIP_TTA_DEFAULT ? 2 : 1);
    });
    it('keeps the output shapes', async () => {
      await tfReady();
      const model = new UnetSegmenter(header(), weights);
      const seg = model.segment(asym, roi, { flipTta: true });
      expect(seg.probability.width).toBe(32);
      expect(seg.probability.height).toBe(28);
      expect(seg.mask.data).toHaveLength(32 * 28);
      expect(seg.grid.size).toBe(16);
      expect(seg.grid.values).toHaveLength(256);
      for (const p of seg.probability.pixels) expect(p >= 0 && p <= 1).toBe(true);
    });
    it('averages the plain pass with the pass on the mirrored image, mirrored back', async () => {
      await tfReady();
      const model = new UnetSegmenter(header({ flipAverage: false, priorWeight: 0 }), weights);
      const plain = model.probabilities(asym, whole, { flipTta: false });
      // Independently: the network on an explicitly mirrored copy, its output mirrored back on the grid.
      const back = flipGrid(model.probabilities(mirror(asym), whole, { flipTta: false }), 16);
      const tta = model.probabilities(asym, whole, { flipTta: true });
      let differs = 0;
      for (let i = 0; i < 256; i++) {
        expect(tta[i]).toBeCloseTo(((plain[i] as number) + (back[i] as number)) / 2, 4);
        differs = Math.max(differs, Math.abs((plain[i] as number) - (back[i] as number)));
      }
      // The input is asymmetric, so the two passes disagree and the flag changes the map.
      expect(differs).toBeGreaterThan(1e-3);
      // With TTA the map of the mirrored image is the mirror of the map.
      const ttaOfMirror = model.probabilities(mirror(asym), whole, { flipTta: true });
      const mirroredTta = flipGrid(ttaOfMirror, 16);
      for (let i = 0; i < 256; i++) expect(tta[i]).toBeCloseTo(mirroredTta[i] as number, 4);
    });
  });
  it('a zoomed or mirrored view maps back onto the ROI grid where the plain view has it', () => {
    expect(viewRoi({ x: 10, y: 20, width: 100, height: 50 }, 0.8)).toEqual({
      x: 20,
      y: 25,
      width: 80,
      height: 40,
    });
    // A disk off the centre, well inside the zoomed-in view.
    const w = 120;
    const h = 100;
    const disk = {
      width: w,
      height: h,
      pixels: Float32Array.from({ length: w * h }, (_, i) =>
        Math.hypot((i % w) - 50, Math.floor(i / w) - 45) < 22 ? 255 : 0,
      ),
    };
    const roi = { x: 0, y: 0, width: w, height: h };
    const plain = sampleRoi(disk, roi, 32);
    for (const view of [
      { scale: 0.8, flip: false },
      { scale: 0.8, flip: true },
      { scale: 1, flip: true },
      { scale: 1.2, flip: false },
    ]) {
      const back = viewToRoiGrid(sampleRoi(disk, viewRoi(roi, view.scale), 32, view.flip), 32, view);
      let error = 0;
      for (let i = 0; i < plain.length; i++)
        error += Math.abs((back[i] as number) - (plain[i] as number)) / 255;
      // Only resampling blur differs: well under 3 % of the 1024 grid cells' worth of disagreement.
      expect(error / plain.length).toBeLessThan(0.03);
      // A wrong mirror or scale would move the disk: its centre of mass stays put.
      const centre = (m: Float32Array) => {
        let sx = 0;
        let n = 0;
        m.forEach((v, i) => {
          sx += (i % 32) * v;
          n += v;
        });
        return sx / n;
      };
      expect(Math.abs(centre(back) - centre(plain))).toBeLessThan(0.3);
    }
  });
});
