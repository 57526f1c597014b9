import { tf } from '../nn/backend.js';
import { conv3x3 } from '../nn/ops.js';

/**
 * A small U-Net (Ronneberger, Fischer & Brox 2015): four resolution levels, two 3×3 convolutions per level,
 * max-pool down, nearest-neighbour ×2 up followed by a 3×3 convolution over [upsampled, skip], and a 1×1 head
 * giving one logit per pixel. No normalisation layers (the input is standardised per ROI), ReLU activations.
 */
export interface UnetConfig {
  /** Side of the square model input (divisible by 2^(levels − 1)). */
  readonly inputSize: number;
  /** Channels per level, finest first (e.g. [8, 16, 32, 64]). */
  readonly channels: readonly number[];
}

export type UnetParams = Readonly<Record<string, tf.Tensor>>;

/** Parameter names and shapes in file order. */
export function unetShapes(config: UnetConfig): [string, number[]][] {
  const c = config.channels;
  const shapes: [string, number[]][] = [];
  let inC = 1;
  for (let level = 0; level < c.length; level++) {
    const out = c[level] as number;
    shapes.push([`enc${level}a.w`, [3, 3, inC, out]], [`enc${level}a.b`, [out]]);
    shapes.push([`enc${level}b.w`, [3, 3, out, out]], [`enc${level}b.b`, [out]]);
    inC = out;
  }
  for (let level = c.length - 2; level >= 0; level--) {
    const out = c[level] as number;
    const below = c[level + 1] as number;
    shapes.push([`dec${level}a.w`, [3, 3, below + out, out]], [`dec${level}a.b`, [out]]);
    shapes.push([`dec${level}b.w`, [3, 3, out, out]], [`dec${level}b.b`, [out]]);
  }
  shapes.push(['head.w', [c[0] as number, 1]], ['head.b', [1]]);
  return shapes;
}

/** He-normal initial weights (zero biases), from a seeded source of standard normals. */
export function unetInit(config: UnetConfig, normal: () => number): Map<string, Float32Array> {
  const weights = new Map<string, Float32Array>();
  for (const [name, shape] of unetShapes(config)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (name.endsWith('.w')) {
      const fanIn =
        shape.length === 4
          ? (shape[0] as number) * (shape[1] as number) * (shape[2] as number)
          : (shape[0] as number);
      const scale = Math.sqrt(2 / fanIn);
      for (let i = 0; i < size; i++) values[i] = normal() * scale;
    }
    weights.set(name, values);
  }
  return weights;
}

function param(params: UnetParams, name: string): tf.Tensor {
  const t = params[name];
  if (!t) throw new Error(`missing segmentation weight ${name}`);
  return t;
}

/**
 * Forward pass on standardised ROIs [batch, size, size, 1] → per-pixel logits [batch, size, size, 1].
 * `training` uses the hand-written convolution gradient (the wasm backend lacks Conv2DBackpropFilter); inference
 * uses the fused convolution + bias + ReLU kernel.
 */
export function unetForward(
  config: UnetConfig,
  params: UnetParams,
  images: tf.Tensor4D,
  training = false,
): tf.Tensor4D {
  const conv = (x: tf.Tensor4D, name: string): tf.Tensor4D => {
    const w = param(params, `${name}.w`) as tf.Tensor4D;
    const b = param(params, `${name}.b`) as tf.Tensor1D;
    if (training) return tf.relu(conv3x3(x, w).add(b)) as tf.Tensor4D;
    return tf.fused.conv2d({ x, filter: w, strides: 1, pad: 'same', bias: b, activation: 'relu' });
  };
  const levels = config.channels.length;
  const skips: tf.Tensor4D[] = [];
  let h = images;
  for (let level = 0; level < levels; level++) {
    if (level > 0) h = tf.maxPool(h, 2, 2, 'valid');
    h = conv(conv(h, `enc${level}a`), `enc${level}b`);
    skips.push(h);
  }
  for (let level = levels - 2; level >= 0; level--) {
    const skip = skips[level] as tf.Tensor4D;
    const [, height, width] = skip.shape;
    const up = tf.image.resizeNearestNeighbor(h, [height, width]);
    h = conv(conv(tf.concat([up, skip], 3), `dec${level}a`), `dec${level}b`);
  }
  const [batch, height, width, channels] = h.shape;
  const flat = h.reshape([batch * height * width, channels]) as tf.Tensor2D;
  const logits = tf.matMul(flat, param(params, 'head.w') as tf.Tensor2D).add(param(params, 'head.b'));
  return logits.reshape([batch, height, width, 1]) as tf.Tensor4D;
}

/** Number of weights. */
export function unetParameterCount(config: UnetConfig): number {
  return unetShapes(config).reduce((n, [, shape]) => n + shape.reduce((a, b) => a * b, 1), 0);
}
