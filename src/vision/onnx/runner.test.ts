import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithDataset } from '../../../test/datasets.js';
import { classifierFor } from '../analysis.js';
import { medMnistImages } from '../datasets.js';
import { modelDir } from '../model-file.js';
import { OnnxClassifier } from './runner.js';

describeWithDataset(
  'ONNX runner on the exported pneumonia CNN',
  ['images', 'pneumoniamnist', 'pneumoniamnist_trainval.npz'],
  (npz) => {
    it('loads the real .onnx through its card and matches the tfjs model on real X-rays', async () => {
      const onnx = await OnnxClassifier.load(join(modelDir('pneumonia', 'cnn'), 'onnx-card.json'));
      const tfjs = await classifierFor('pneumonia', 'cnn');
      const val = medMnistImages(npz, 'val');
      const pixels = val.images.slice(0, 16);
      const expected = tfjs.predictBatch(pixels).map((p) => p.probabilityLabel1);
      for (const [i, image] of pixels.entries()) {
        const result = await onnx.predict({ width: 28, height: 28, pixels: image });
        expect(result.probabilities[0]?.label).toBe('pneumonia');
        expect(result.probabilities[0]?.probability).toBeCloseTo(expected[i] as number, 4);
      }
    });
  },
);

it('rejects a card with unknown fields or a missing model file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'healthgpt-onnx-'));
  const card = {
    modelId: 'x',
    file: 'missing.onnx',
    labels: ['a'],
    input: { width: 28, height: 28, channels: 1, layout: 'NCHW' },
    normalisation: { scale: 1, mean: [0], std: [1] },
    output: { kind: 'logits' },
  };
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...card, colour: 'red' }));
  await expect(OnnxClassifier.load(join(dir, 'bad.json'))).rejects.toThrow(/colour|Unrecognized/);
  writeFileSync(join(dir, 'missing.json'), JSON.stringify(card));
  await expect(OnnxClassifier.load(join(dir, 'missing.json'))).rejects.toThrow();
});
