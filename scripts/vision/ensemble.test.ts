import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/ml/random.js';
import {
  type CnnConfig,
  forward,
  initialWeights,
  parameterShapes,
} from '../../src/vision/nn/architecture.js';
import { tf, tfReady } from '../../src/vision/nn/backend.js';
import { foldCnnEnsemble } from './ensemble.js';

const small: CnnConfig = { arch: 'cnn', inputSize: 28, channels: [3, 4, 5] };

function logits(
  config: CnnConfig,
  weights: ReadonlyMap<string, Float32Array>,
  images: tf.Tensor4D,
): number[] {
  return tf.tidy(() => {
    const params: Record<string, tf.Tensor> = {};
    for (const [name, shape] of parameterShapes(config))
      params[name] = tf.tensor(weights.get(name) as Float32Array, shape);
    return Array.from(forward(config, params, images).logits.dataSync());
  });
}

describe('foldCnnEnsemble', () => {
  it('gives one wide CNN whose logit is the mean of the members’ logits', async () => {
    await tfReady();
    const members = [1, 2, 3].map((seed) => initialWeights(small, seededRandom(seed)));
    // Non-zero biases, so a misplaced bias block would show.
    const random = seededRandom(9);
    for (const m of members)
      for (const [name, w] of m)
        if (name.endsWith('.b'))
          w.forEach((_, i) => {
            w[i] = random() - 0.5;
          });
    const { config, weights } = foldCnnEnsemble(small, members);
    expect(config.channels).toEqual([9, 12, 15]);
    const pixels = new Float32Array(4 * 28 * 28).map(() => random() * 2 - 1);
    const images = tf.tensor4d(pixels, [4, 28, 28, 1]);
    const wide = logits(config, weights, images);
    const each = members.map((m) => logits(small, m, images));
    wide.forEach((z, i) => {
      const mean = each.reduce((a, l) => a + (l[i] as number), 0) / members.length;
      expect(z).toBeCloseTo(mean, 4);
    });
    // Not trivially equal: the members disagree.
    expect(Math.abs((each[0]?.[0] as number) - (each[1]?.[0] as number))).toBeGreaterThan(1e-4);
    images.dispose();
  });
});
