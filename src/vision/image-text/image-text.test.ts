import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../../test/cli-harness.js';
import { describeWithDataset } from '../../../test/datasets.js';
import { seededRandom } from '../../ml/random.js';
import { FEATURE_COUNT, featureCount, imageFeatures } from './image-features.js';
import { dot, loadImageTextModel } from './model.js';
import { parsePairs, splitByCase, squareInput } from './pairs.js';
import { queryScores, retrievalMetrics, retrievalRecall } from './retrieval.js';
import { consistencyCheck } from './service.js';
import { buildVocabulary, knownTermCount, terms, textFeatures, tokens } from './text-features.js';

const unit = (...v: number[]) => {
  const n = Math.hypot(...v);
  return Float32Array.from(v.map((x) => x / n));
};

describe('text features', () => {
  it('folds spelling variants, drops stopwords and numbers, and adds bigrams', () => {
    expect(tokens('Axial MRI of the brain, T2-weighted, 3 lesions')).toEqual([
      'axial',
      'mr',
      'brain',
      't2',
      'lesion',
    ]);
    expect(terms('CT chest mass')).toEqual(['ct', 'chest', 'mass', 'ct_chest', 'chest_mass']);
  });

  it('weights by idf and normalises to unit length; unknown words give a zero vector', () => {
    const vocabulary = buildVocabulary(['ct chest mass', 'ct brain', 'mr brain', 'mr chest'], 50);
    const f = textFeatures('ct chest', vocabulary);
    expect(Math.hypot(...f)).toBeCloseTo(1, 6);
    expect(Math.max(...textFeatures('zebra', vocabulary))).toBe(0);
    expect(knownTermCount('zebra ct', vocabulary)).toBe(1);
    // "mass" is in one document only (minDocs 2): not in the vocabulary.
    expect(vocabulary.terms).not.toContain('mass');
  });
});

describe('retrieval recall', () => {
  it('counts a hit when the own item (or an identical caption) is within k', () => {
    const images = [unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1)];
    const texts = [unit(1, 0.1, 0), unit(0, 0, 1), unit(0, 1, 0)]; // pairs 1 and 2 swapped
    const m = retrievalMetrics(images, texts, ['a', 'b', 'c']);
    expect(m).toEqual({
      n: 3,
      i2t_recall_at_1: 1 / 3,
      i2t_recall_at_10: 1,
      t2i_recall_at_1: 1 / 3,
      t2i_recall_at_10: 1,
    });
    // With the same caption on pairs 1 and 2, the swapped answers are correct (not when strict).
    expect(retrievalMetrics(images, texts, ['a', 'b', 'B ']).i2t_recall_at_1).toBe(1);
    expect(retrievalMetrics(images, texts, ['a', 'b', 'B '], true).i2t_recall_at_1).toBe(1 / 3);
  });

  it('breaks ties against the query and ranks NaN last', () => {
    const same = unit(1, 1);
    const r = retrievalRecall([same, same], [same, same], ['x', 'y'], { strict: true, ks: [1] });
    expect(r.i2t[1]).toBe(0);
    const nan = Float32Array.from([Number.NaN, Number.NaN]);
    expect(retrievalRecall([nan, nan], [nan, nan], ['x', 'y'], { strict: true, ks: [1] }).i2t[1]).toBe(0);
  });
});

describe('pairs and inputs', () => {
  it('parses MedPix-format rows and names the line of a bad one', () => {
    const row = {
      Type: 'CT',
      U_id: 'C1',
      image: 'img1',
      Description: { Caption: 'Axial CT of the chest', Plane: 'Axial', Modality: ' CT - noncontrast ' },
      'Location Category': 'Thorax',
    };
    expect(parsePairs(`${JSON.stringify(row)}\n`)[0]).toEqual({
      image: 'img1',
      caseId: 'C1',
      caption: 'Axial CT of the chest',
      modality: 'CT',
      modalityDetail: 'CT - noncontrast',
      plane: 'Axial',
      region: 'Thorax',
    });
    expect(() => parsePairs(`${JSON.stringify(row)}\n{"image": 3}`)).toThrow(/line 2/);
    expect(() => parsePairs('not json')).toThrow(/line 1 is not JSON/);
    expect(() => parsePairs('\n')).toThrow(/no pairs/);
  });

  it('splits by case: every image of a case on one side, the share of cases held, the same draw for the same seed', () => {
    const pairs = Array.from({ length: 60 }, (_, i) => ({
      image: `img${i}`,
      caseId: `C${i % 20}`,
      caption: `caption ${i % 20}`,
    }));
    const a = splitByCase(pairs, seededRandom(3), 0.25);
    expect(a.heldCases).toBe(5);
    expect(a.held.length).toBe(15);
    expect(a.fit.length).toBe(45);
    const heldCases = new Set(a.held.map((p) => p.caseId));
    expect(a.fit.some((p) => heldCases.has(p.caseId))).toBe(false);
    expect(splitByCase(pairs, seededRandom(3), 0.25).held).toEqual(a.held);
  });

  it('pads a non-square image with black, centred, before resizing', () => {
    const image = { width: 2, height: 1, pixels: Float32Array.from([200, 200]) };
    expect(Array.from(squareInput(image, 2))).toEqual([200, 200, 0, 0]);
    const tall = { width: 1, height: 2, pixels: Float32Array.from([100, 100]) };
    expect(Array.from(squareInput(tall, 2))).toEqual([100, 0, 100, 0]);
  });

  it('describes an image with a fixed-length descriptor', () => {
    const pixels = new Float32Array(64 * 64).map((_, i) => (i % 64) * 4);
    const f = imageFeatures(pixels, 64);
    expect(f.length).toBe(FEATURE_COUNT);
    expect(f.every(Number.isFinite)).toBe(true);
  });

  it('adds a histogram pyramid and a gradient map in descriptor set 2, the set-1 part unchanged', () => {
    // Left half black, right half 200: one vertical edge at x = 31 | 32.
    const pixels = new Float32Array(64 * 64).map((_, i) => (i % 64 < 32 ? 0 : 200));
    const one = imageFeatures(pixels, 64);
    const two = imageFeatures(pixels, 64, 2);
    expect(featureCount(1)).toBe(FEATURE_COUNT);
    expect(two.length).toBe(featureCount(2));
    expect(featureCount(2)).toBe(FEATURE_COUNT + 2 * 2 * 16 + 4 * 4 * 8 + 16 * 16);
    expect(Array.from(two.subarray(0, FEATURE_COUNT))).toEqual(Array.from(one));
    // 2×2 cells of 16 bins: top-left cell all black (bin 0), top-right cell all in bin floor(200/16) = 12.
    const pyramid = two.subarray(FEATURE_COUNT);
    expect(pyramid[0]).toBeCloseTo(1);
    expect(pyramid[16 + 12]).toBeCloseTo(1);
    expect(pyramid.subarray(0, 64).reduce((a, v) => a + v * v, 0)).toBeCloseTo(4);
    // Gradient map: only the column of cells holding x = 31 (cell 7 of 16) sees the edge: 200 over 1 of 4 columns.
    const gradient = two.subarray(FEATURE_COUNT + 64 + 128);
    expect(gradient[7]).toBeCloseTo(200 / 4 / 255);
    expect(gradient[6]).toBe(0);
    expect(gradient[8]).toBe(0);
  });
});

function pngFile(dir: string, name: string, grey: (x: number, y: number) => number, w = 64, h = 64) {
  const png = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = 4 * (y * w + x);
      const g = Math.max(0, Math.min(255, Math.round(grey(x, y))));
      png.data[i] = g;
      png.data[i + 1] = g;
      png.data[i + 2] = g;
      png.data[i + 3] = 255;
    }
  writeFileSync(join(dir, `${name}.png`), PNG.sync.write(png));
}

describe('per-query scores for paired comparisons', () => {
  it('scores image→text queries first, then text→image, as a hit within 10 or a rank percentile', () => {
    // 12 pairs: ranks run from 1 (first) to 12 (last).
    const ranks = {
      i2t: [1, 10, 11, 12, 2, 3, 4, 5, 6, 7, 8, 9],
      t2i: [12, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 11],
    };
    const hits = queryScores(ranks, 'recall10');
    expect(hits.slice(0, 4)).toEqual([1, 1, 0, 0]);
    expect(hits.slice(12)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    const rank = queryScores(ranks, 'rank');
    expect(rank[0]).toBe(1);
    expect(rank[3]).toBeCloseTo(1 - 11 / 12, 10);
    expect(rank[12]).toBeCloseTo(1 / 12, 10);
    expect(rank.length).toBe(24);
  });
});

describe('the committed image–text model', () => {
  const model = loadImageTextModel();

  it('is present, experimental-sized, and embeds images and texts to unit length in one space', async () => {
    expect(model).toBeDefined();
    if (!model) return;
    const disc = {
      width: 50,
      height: 40,
      pixels: new Float32Array(2000).map((_, i) => (i % 50 > 20 ? 180 : 20)),
    };
    const [ie] = (await model.embedImages([disc])) as [Float32Array];
    const [te, empty] = (await model.embedTexts(['axial CT of the chest', 'zebra'])) as [
      Float32Array,
      Float32Array,
    ];
    expect(ie.length).toBe(model.header.config.embedDim);
    expect(dot(ie, ie)).toBeCloseTo(1, 4);
    expect(dot(te, te)).toBeCloseTo(1, 4);
    expect(Number.isFinite(dot(empty, empty))).toBe(true);
  });

  it('gives no match verdict for text it does not know, and names what the text mentions', async () => {
    const image = { width: 32, height: 32, pixels: new Float32Array(1024).fill(60) };
    const unknown = await consistencyCheck(image, 'zebra quokka');
    expect(unknown.matchProbability).toBeUndefined();
    expect(unknown.warnings.filter((w) => w.kind === 'overall')).toEqual([]);
    const named = await consistencyCheck(image, 'MRI of the brain, axial T2');
    expect(named.textMentions).toEqual({ modality: ['MR'], region: ['Head'] });
    expect(named.zeroShot.map((z) => z.id)).toEqual(['modality', 'region', 'finding']);
    for (const z of named.zeroShot)
      expect(Object.values(z.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });
});

describe('healthgpt eval image-text', () => {
  it('returns exactly the contract keys on a hand-made pairs file, and refuses a missing image in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-text-'));
    pngFile(dir, 'a', (x) => x * 4);
    pngFile(dir, 'b', (_, y) => y * 4, 64, 40);
    pngFile(dir, 'c', (x, y) => ((x - 32) ** 2 + (y - 32) ** 2 < 300 ? 220 : 10));
    const row = (image: string, caption: string) =>
      JSON.stringify({ image, U_id: image, Type: 'CT', Description: { Caption: caption } });
    const pairs = join(dir, 'pairs.jsonl');
    writeFileSync(
      pairs,
      [row('a', 'axial CT of the chest'), row('b', 'MRI brain T2'), row('c', 'renal cyst')].join('\n'),
    );
    const { code, stdout } = await run(['eval', 'image-text', '--pairs', pairs, '--images', dir, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, number>;
    expect(Object.keys(result).sort()).toEqual(
      ['i2t_recall_at_1', 'i2t_recall_at_10', 'n', 't2i_recall_at_1', 't2i_recall_at_10'].sort(),
    );
    expect(result.n).toBe(3);
    // Among 3 pairs every answer is within the top 10.
    expect(result.i2t_recall_at_10).toBe(1);
    expect(result.t2i_recall_at_10).toBe(1);
    writeFileSync(pairs, row('missing', 'CT'));
    const bad = await run(['eval', 'image-text', '--pairs', pairs, '--images', dir, '--json']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/missing\.png/);
  });
});

describeWithDataset(
  'image–text retrieval on unseen MedPix 2.0 cases',
  ['images', 'medpix2_captions', 'image_captions_dev.jsonl'],
  (devFile) => {
    it('beats chance by far on the dev cases (other cases than any training pair)', async () => {
      const dir = join(devFile, '..', 'images128');
      const { code, stdout } = await run([
        'eval',
        'image-text',
        '--pairs',
        devFile,
        '--images',
        dir,
        '--json',
      ]);
      expect(code).toBe(0);
      const r = JSON.parse(stdout) as Record<string, number>;
      expect(r.n).toBe(197);
      // Chance recall@10 is about 0.055 here (only the own pair counts, the command's default).
      expect(r.i2t_recall_at_10).toBeGreaterThan(0.12);
      expect(r.t2i_recall_at_10).toBeGreaterThan(0.12);
    });
  },
);
