import { normalFrom } from '../../ml/random.js';
import { tf } from './backend.js';
import { conv3x3, dense, gelu, layerNorm, linear } from './ops.js';

/** A small convolutional network: three 3×3 conv stages (two 2×2 max-pools), global average pooling, one logit. */
export interface CnnConfig {
  readonly arch: 'cnn';
  readonly inputSize: number;
  readonly channels: readonly [number, number, number];
}

/**
 * A small Vision Transformer (Dosovitskiy et al., ICLR 2021): non-overlapping patches, a class token, learned
 * position embeddings, pre-norm blocks of multi-head self-attention and a GELU MLP, one logit from the class token.
 */
export interface VitConfig {
  readonly arch: 'vit';
  readonly inputSize: number;
  readonly patchSize: number;
  readonly dim: number;
  readonly depth: number;
  readonly heads: number;
  readonly mlpDim: number;
}

export type NetworkConfig = CnnConfig | VitConfig;
export type Arch = NetworkConfig['arch'];

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

export const DEFAULT_CNN: CnnConfig = { arch: 'cnn', inputSize: 28, channels: [12, 24, 48] };
export const DEFAULT_VIT: VitConfig = {
  arch: 'vit',
  inputSize: 28,
  patchSize: 4,
  dim: 64,
  depth: 3,
  heads: 4,
  mlpDim: 128,
};

/** Shapes of every weight tensor, in file order. */
export function parameterShapes(config: NetworkConfig): [string, number[]][] {
  if (config.arch === 'cnn') {
    const [c1, c2, c3] = config.channels;
    return [
      ['conv1.w', [3, 3, 1, c1]],
      ['conv1.b', [c1]],
      ['conv2.w', [3, 3, c1, c2]],
      ['conv2.b', [c2]],
      ['conv3.w', [3, 3, c2, c3]],
      ['conv3.b', [c3]],
      ['conv4.w', [3, 3, c3, c3]],
      ['conv4.b', [c3]],
      ['head.w', [c3, 1]],
      ['head.b', [1]],
    ];
  }
  const tokens = (config.inputSize / config.patchSize) ** 2 + 1;
  const patchDim = config.patchSize ** 2;
  const shapes: [string, number[]][] = [
    ['patch.w', [patchDim, config.dim]],
    ['patch.b', [config.dim]],
    ['cls', [1, 1, config.dim]],
    ['pos', [1, tokens, config.dim]],
  ];
  for (let i = 0; i < config.depth; i++) {
    shapes.push(
      [`block${i}.ln1.g`, [config.dim]],
      [`block${i}.ln1.b`, [config.dim]],
      [`block${i}.qkv.w`, [config.dim, 3 * config.dim]],
      [`block${i}.qkv.b`, [3 * config.dim]],
      [`block${i}.proj.w`, [config.dim, config.dim]],
      [`block${i}.proj.b`, [config.dim]],
      [`block${i}.ln2.g`, [config.dim]],
      [`block${i}.ln2.b`, [config.dim]],
      [`block${i}.mlp1.w`, [config.dim, config.mlpDim]],
      [`block${i}.mlp1.b`, [config.mlpDim]],
      [`block${i}.mlp2.w`, [config.mlpDim, config.dim]],
      [`block${i}.mlp2.b`, [config.dim]],
    );
  }
  shapes.push(
    ['norm.g', [config.dim]],
    ['norm.b', [config.dim]],
    ['head.w', [config.dim, 1]],
    ['head.b', [1]],
  );
  return shapes;
}

/** Seeded initial weights: He-normal for convolutions, truncated-ish normal(0.02) for the transformer. */
export function initialWeights(config: NetworkConfig, random: () => number): Map<string, Float32Array> {
  const weights = new Map<string, Float32Array>();
  for (const [name, shape] of parameterShapes(config)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (name.endsWith('.g')) values.fill(1);
    else if (!name.endsWith('.b')) {
      const fanIn = shape.length === 4 ? shape[0]! * shape[1]! * shape[2]! : (shape[0] ?? 1);
      const std = config.arch === 'cnn' ? Math.sqrt(2 / fanIn) : 0.02;
      for (let i = 0; i < size; i++) values[i] = Math.max(-2, Math.min(2, normalFrom(random))) * std;
    }
    weights.set(name, values);
  }
  return weights;
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

function forwardVit(config: VitConfig, params: NetworkParams, images: tf.Tensor4D): ForwardResult {
  const batch = images.shape[0];
  const { dim, heads } = config;
  const headDim = dim / heads;
  const patches = patchify(images, config.patchSize);
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
