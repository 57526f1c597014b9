import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { expect, it } from 'vitest';
import { describeWithDataset } from '../../test/datasets.js';
import { rocAuc } from '../ml/metrics.js';
import { analyzeImage, classifierFor } from './analysis.js';
import { medMnistImages } from './datasets.js';

describeWithDataset(
  'committed pneumonia model on real PneumoniaMNIST validation images',
  ['images', 'pneumoniamnist'],
  (dir) => {
    it('loads, separates the classes and draws a heatmap', async () => {
      const val = medMnistImages(`${dir}/pneumoniamnist_trainval.npz`, 'val');
      const classifier = await classifierFor('pneumonia');
      // 40 of each class: enough to fail loudly if the weights or preprocessing were broken.
      const pick = [0, 1].flatMap((label) =>
        val.labels.flatMap((l, i) => (l === label ? [i] : [])).slice(0, 40),
      );
      const predictions = classifier.predictBatch(pick.map((i) => val.images[i] as Float32Array));
      const auc = rocAuc(
        predictions.map((p) => p.probabilityLabel1),
        pick.map((i) => val.labels[i] as number),
      );
      expect(auc).toBeGreaterThan(0.9);
      const sick = pick.find((i) => val.labels[i] === 1) as number;
      const result = await analyzeImage(
        { width: 28, height: 28, pixels: val.images[sick] as Float32Array },
        'pneumonia',
      );
      expect(result.finding.probability).toBeGreaterThan(0);
      expect(result.finding.probability).toBeLessThan(1);
      expect(result.finding.likelihoodRatio).toBeGreaterThan(0);
      expect(Math.max(...result.heatmap.values)).toBeCloseTo(1, 5);
      const png = PNG.sync.read(Buffer.from(result.heatmapPng));
      expect([png.width, png.height]).toEqual([28, 28]);
    });
  },
);

it('keeps the breast finding the complement of BreastMNIST label 1 (0 = malignant)', async () => {
  const model = JSON.parse(readFileSync('models/vision/defaults.json', 'utf8')) as Record<string, unknown>;
  if (!model.breast) return; // not trained yet in this checkout
  const result = await analyzeImage(
    { width: 28, height: 28, pixels: new Float32Array(784).fill(90) },
    'breast',
  );
  expect(result.finding.probability).toBeCloseTo(1 - result.finding.probabilityLabel1, 9);
});

describeWithDataset(
  'every committed vision model',
  ['images', 'breastmnist', 'breastmnist_trainval.npz'],
  (npz) => {
    it('loads, predicts calibrated probabilities and draws its kind of heatmap', async () => {
      const { existsSync } = await import('node:fs');
      const { VisionClassifier } = await import('./classifier.js');
      const { modelDir } = await import('./model-file.js');
      const val = medMnistImages(npz, 'val');
      let checked = 0;
      for (const task of ['pneumonia', 'breast', 'thyroid'] as const) {
        for (const arch of ['cnn', 'vit'] as const) {
          if (!existsSync(`${modelDir(task, arch)}/model.json`)) continue;
          const model = await VisionClassifier.load(task, arch);
          const [p] = model.predictBatch([val.images[0] as Float32Array]);
          expect(p?.probabilityLabel1).toBeGreaterThan(0);
          expect(p?.probabilityLabel1).toBeLessThan(1);
          const heat = model.heatmap({ width: 28, height: 28, pixels: val.images[0] as Float32Array });
          expect(heat.method).toBe(arch === 'cnn' ? 'grad-cam' : 'attention-rollout');
          expect(heat.values.length).toBe(28 * 28);
          expect(Math.max(...heat.values)).toBeCloseTo(1, 5);
          model.dispose();
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(3);
    });
  },
);
