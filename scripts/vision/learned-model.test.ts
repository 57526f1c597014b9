import { expect, it } from 'vitest';
import { recordingSource } from '../../src/ml/split-source.js';
import { DEFAULT_CNN } from '../../src/vision/nn/config.js';
import { TASK_INFO } from '../../src/vision/tasks.js';
import { describeWithDataset } from '../../test/datasets.js';
import { examplesOf, medMnistSplitSource, VisionLearnedModel } from './learned-model.js';

describeWithDataset(
  'vision classifier training smoke test (BreastMNIST, one epoch, seeded)',
  ['images', 'breastmnist', 'breastmnist_trainval.npz'],
  (path) => {
    const options = {
      task: 'breast' as const,
      config: DEFAULT_CNN,
      seed: 1,
      epochs: 1,
      batchSize: 32,
      learningRate: 3e-3,
      weightDecay: 1e-4,
      flip: TASK_INFO.breast.flipAugment,
      maxShiftPx: 2,
    };

    it('reads only the training split, replays exactly from its seed, then predicts, explains and evaluates', async () => {
      const source = recordingSource(medMnistSplitSource(path));
      const model = new VisionLearnedModel(options);
      await model.fitFromSource(source);
      expect(source.reads).toEqual(['train']);
      expect(model.toJSON().modelId).toBe('vision-breast-cnn');
      expect(String(model.toJSON().training.data)).toMatch(/train \/ \d+ calibration/);

      const again = new VisionLearnedModel(options);
      await again.fit(examplesOf(medMnistSplitSource(path).read('train')));
      for (const [name, values] of model.weights) expect(again.weights.get(name)).toEqual(values);

      const validation = examplesOf(source.read('validation'));
      expect(source.reads).toEqual(['train', 'validation']);
      const p = model.predict(validation[0]!.features);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      expect(model.explain(validation[0]!.features).values).toHaveLength(28 * 28);
      const metrics = model.evaluate(validation);
      expect(metrics.n).toBe(validation.length);
      expect(metrics.auc.value).toBeGreaterThan(0.5);
      expect(() => source.read('test')).toThrow(/not read/);
    }, 120_000);
  },
);
