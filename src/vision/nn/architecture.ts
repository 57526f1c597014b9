import { tf } from './backend.js';
import type { NetworkConfig, VitConfig } from './config.js';
import { conv3x3, dense, gelu, layerNorm, linear } from './ops.js';

export * from './config.js';

/** Named weight tensors of a network. */
export type NetworkParams = Readonly<Record<string, tf.Tensor>>;

/** One forward pass: the logit of label 1 per image, and what the heatmaps need. */
export interface ForwardResult {
  /** [batch] logits (before calibration). */
  readonly logits: tf.Tensor1D;
  /** CNN: the last convolutional feature map [batch, h, w, c] (for Grad-CAM). */
  readonly features?: tf.Tensor4D;
  /** ViT: attention probabilities per block, each [batch, heads, tokens, tokens] (for attention rollout). */
  readonly attentions?: readonly tf.Tensor4D[];
}

function p(params: NetworkParams, name: string): tf.Tensor {
  const t = params[name];
  if (!t) throw new Error(`missing weight ${name}`);
  return t;
}

/** Forward pass on normalised images [batch, size, size, 1]. */
export function forward(config: NetworkConfig, params: NetworkParams, images: tf.Tensor4D): ForwardResult {
  return config.arch === 'cnn' ? forwardCnn(params, images) : forwardVit(config, params, images);
}

function forwardCnn(params: NetworkParams, images: tf.Tensor4D): ForwardResult {
  const block = (x: tf.Tensor4D, name: string) =>
    tf.relu(conv3x3(x, p(params, `${name}.w`) as tf.Tensor4D).add(p(params, `${name}.b`))) as tf.Tensor4D;
  let h = block(images, 'conv1');
  h = tf.maxPool(h, 2, 2, 'valid');
  h = block(h, 'conv2');
  h = tf.maxPool(h, 2, 2, 'valid');
  h = block(h, 'conv3');
  const features = block(h, 'conv4');
  const pooled = tf.mean(features, [1, 2]) as tf.Tensor2D;
  const logits = dense(pooled, p(params, 'head.w') as tf.Tensor2D)
    .add(p(params, 'head.b'))
    .reshape([-1]) as tf.Tensor1D;
  return { logits, features };
}

/** [batch, size, size, 1] → [batch, patches, patch²] in row-major patch order. */
export function patchify(images: tf.Tensor4D, patchSize: number): tf.Tensor3D {
  const [batch, size] = images.shape;
  const grid = size / patchSize;
  return images
    .reshape([batch, grid, patchSize, grid, patchSize])
    .transpose([0, 1, 3, 2, 4])
    .reshape([batch, grid * grid, patchSize * patchSize]);
}

/** The hybrid ViT's convolutional stem: [batch, s, s, 1] → [batch, (s/4)², stemChannels[1]] tokens, row-major. */
function convStem(params: NetworkParams, images: tf.Tensor4D): tf.Tensor3D {
  const block = (x: tf.Tensor4D, name: string) =>
    tf.relu(conv3x3(x, p(params, `${name}.w`) as tf.Tensor4D).add(p(params, `${name}.b`))) as tf.Tensor4D;
  let h = tf.maxPool(block(images, 'stem1'), 2, 2, 'valid');
  h = tf.maxPool(block(h, 'stem2'), 2, 2, 'valid');
  const [batch, gh, gw, c] = h.shape;
  return h.reshape([batch, gh * gw, c]);
}

function forwardVit(config: VitConfig, params: NetworkParams, images: tf.Tensor4D): ForwardResult {
  const batch = images.shape[0];
  const { dim, heads } = config;
  const headDim = dim / heads;
  const patches = config.stem === 'conv' ? convStem(params, images) : patchify(images, config.patchSize);
  const embedded = linear(patches, p(params, 'patch.w'), p(params, 'patch.b'));
  const cls = tf.tile(p(params, 'cls'), [batch, 1, 1]);
  let h = tf.concat([cls, embedded], 1).add(p(params, 'pos'));
  const tokens = h.shape[1] ?? 0;
  const attentions: tf.Tensor4D[] = [];
  for (let i = 0; i < config.depth; i++) {
    const b = `block${i}`;
    const normed = layerNorm(h, p(params, `${b}.ln1.g`), p(params, `${b}.ln1.b`));
    const qkv = linear(normed, p(params, `${b}.qkv.w`), p(params, `${b}.qkv.b`))
      .reshape([batch, tokens, 3, heads, headDim])
      .transpose([2, 0, 3, 1, 4]);
    const [q, k, v] = tf.unstack(qkv, 0) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const scores = tf.matMul(q, k.transpose([0, 1, 3, 2])).mul(1 / Math.sqrt(headDim));
    const attention = tf.softmax(scores) as tf.Tensor4D;
    attentions.push(attention);
    const mixed = tf.matMul(attention, v).transpose([0, 2, 1, 3]).reshape([batch, tokens, dim]);
    h = h.add(linear(mixed, p(params, `${b}.proj.w`), p(params, `${b}.proj.b`)));
    const normed2 = layerNorm(h, p(params, `${b}.ln2.g`), p(params, `${b}.ln2.b`));
    const hidden = gelu(linear(normed2, p(params, `${b}.mlp1.w`), p(params, `${b}.mlp1.b`)));
    h = h.add(linear(hidden, p(params, `${b}.mlp2.w`), p(params, `${b}.mlp2.b`)));
  }
  const final = layerNorm(h, p(params, 'norm.g'), p(params, 'norm.b'));
  const clsOut = final.slice([0, 0, 0], [batch, 1, dim]).reshape([batch, dim]) as tf.Tensor2D;
  const logits = dense(clsOut, p(params, 'head.w') as tf.Tensor2D)
    .add(p(params, 'head.b'))
    .reshape([-1]) as tf.Tensor1D;
  return { logits, attentions };
}
