import { tf } from './backend.js';

/**
 * 3×3 identity filters that turn a convolution into im2col: output channel `k·C + c` is input channel `c` shifted
 * by kernel offset `k`. Kept for the life of the process (one per channel count).
 */
const identityFilters = new Map<number, tf.Tensor4D>();

function im2colFilter(channels: number): tf.Tensor4D {
  let filter = identityFilters.get(channels);
  if (!filter) {
    const data = new Float32Array(9 * channels * 9 * channels);
    for (let k = 0; k < 9; k++) {
      for (let c = 0; c < channels; c++) data[(k * channels + c) * 9 * channels + k * channels + c] = 1;
    }
    filter = tf.keep(tf.tensor4d(data, [3, 3, channels, 9 * channels]));
    identityFilters.set(channels, filter);
  }
  return filter;
}

/**
 * A 3×3 'same' convolution, stride 1, with a hand-written gradient. The wasm backend has no `Conv2DBackpropFilter`
 * kernel, so: input gradient = convolution of the output gradient with the flipped, transposed filter (Dumoulin &
 * Visin 2016, §4); filter gradient = im2col(x)ᵀ · dy, with im2col done by a convolution with identity filters.
 */
type CustomGradFn = Parameters<typeof tf.customGrad>[0];

export const conv3x3 = tf.customGrad(((x: tf.Tensor, w: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [input, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const [batch, height, width, channels] = input.shape;
      const outChannels = filter.shape[3];
      const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
      const dx = tf.conv2d(dy as tf.Tensor4D, flipped, 1, 'same');
      const rows = batch * height * width;
      const cols = tf.conv2d(input, im2colFilter(channels), 1, 'same').reshape([rows, 9 * channels]);
      const dw = tf
        .matMul(tf.transpose(cols), dy.reshape([rows, outChannels]))
        .reshape([3, 3, channels, outChannels]);
      return [dx, dw];
    },
  };
}) as unknown as CustomGradFn) as unknown as (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D;

/**
 * Matrix product with explicit transposes in its gradient: the wasm backend's transposed-operand matMul is several
 * times slower than transposing first.
 */
export const dense = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [left, right] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [
        tf.matMul(dy as tf.Tensor2D, tf.transpose(right)),
        tf.matMul(tf.transpose(left), dy as tf.Tensor2D),
      ];
    },
  };
}) as unknown as CustomGradFn) as unknown as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/** Layer normalisation over the last axis (Ba, Kiros & Hinton 2016), with gain and bias. */
export function layerNorm(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(gain).add(bias);
}

/** Applies `dense` to the last axis of a tensor of any rank. */
export function linear(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const inner = x.shape[x.shape.length - 1] ?? 1;
  const flat = x.reshape([-1, inner]) as tf.Tensor2D;
  const out = dense(flat, w as tf.Tensor2D).add(b);
  return out.reshape([...x.shape.slice(0, -1), w.shape[1] ?? 1]);
}

/** GELU, tanh approximation (Hendrycks & Gimpel 2016). */
export function gelu(x: tf.Tensor): tf.Tensor {
  return x.mul(0.5).mul(tf.tanh(x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI))).add(1));
}
