import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../ml/random.js';
import { DEFAULT_VIT, forward, initialWeights, parameterShapes, type VitConfig } from './architecture.js';
import { tf, tfReady } from './backend.js';

describe('hybrid ViT (convolutional stem)', () => {
  const config: VitConfig = { ...DEFAULT_VIT, stem: 'conv', stemChannels: [8, 16] };

  it('adds the stem weights and embeds its channels instead of raw patches', () => {
    const shapes = new Map(parameterShapes(config));
    expect(shapes.get('stem1.w')).toEqual([3, 3, 1, 8]);
    expect(shapes.get('stem2.w')).toEqual([3, 3, 8, 16]);
    expect(shapes.get('patch.w')).toEqual([16, config.dim]);
    // The plain ViT is unchanged.
    expect(new Map(parameterShapes(DEFAULT_VIT)).get('patch.w')).toEqual([16, DEFAULT_VIT.dim]);
    expect(parameterShapes(DEFAULT_VIT).some(([name]) => name.startsWith('stem'))).toBe(false);
  });

  it('gives one logit per image and attention over the 7×7 stem grid plus the class token', async () => {
    await tfReady();
    const weights = initialWeights(config, seededRandom(3));
    const params = Object.fromEntries(
      parameterShapes(config).map(([name, shape]) => [
        name,
        tf.tensor(weights.get(name) as Float32Array, shape),
      ]),
    );
    const images = tf.randomNormal([2, 28, 28, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
    const { logits, attentions } = forward(config, params, images);
    expect(logits.shape).toEqual([2]);
    expect(attentions?.[0]?.shape).toEqual([2, config.heads, 50, 50]);
    expect(Array.from(logits.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([images, logits, ...(attentions ?? []), ...Object.values(params)]);
  });
});
