import { tf } from '../nn/backend.js';
import { conv3x3, dense } from '../nn/ops.js';

/** Named weight tensors of the image–text model. */
export type ImageTextParams = Readonly<Record<string, tf.Tensor>>;

function p(params: ImageTextParams, name: string): tf.Tensor {
  const t = params[name];
  if (!t) throw new Error(`missing weight ${name}`);
  return t;
}

function l2normalise(x: tf.Tensor2D): tf.Tensor2D {
  return x.div(tf.sqrt(tf.sum(tf.square(x), 1, true).add(1e-8)));
}

/** The 'features' image tower: standardised descriptors [batch, descriptorCount(config)] → unit-length embeddings. */
export function featureTower(params: ImageTextParams, features: tf.Tensor2D): tf.Tensor2D {
  const hidden = tf.relu(
    dense(features, p(params, 'img1.w') as tf.Tensor2D).add(p(params, 'img1.b')),
  ) as tf.Tensor2D;
  const out = dense(hidden, p(params, 'img2.w') as tf.Tensor2D).add(p(params, 'img2.b')) as tf.Tensor2D;
  return l2normalise(out);
}

/** The image tower's last feature map [batch, h, w, c] and its unit-length embeddings [batch, embedDim]. */
export function imageTower(
  params: ImageTextParams,
  images: tf.Tensor4D,
): { features: tf.Tensor4D; embeddings: tf.Tensor2D } {
  const block = (x: tf.Tensor4D, name: string) =>
    tf.relu(conv3x3(x, p(params, `${name}.w`) as tf.Tensor4D).add(p(params, `${name}.b`))) as tf.Tensor4D;
  let h = block(images, 'conv1');
  h = tf.maxPool(h, 2, 2, 'valid');
  h = block(h, 'conv2');
  h = tf.maxPool(h, 2, 2, 'valid');
  h = block(h, 'conv3');
  h = tf.maxPool(h, 2, 2, 'valid');
  const features = block(h, 'conv4');
  const pooled = tf.mean(features, [1, 2]) as tf.Tensor2D;
  const hidden = tf.relu(
    dense(pooled, p(params, 'img1.w') as tf.Tensor2D).add(p(params, 'img1.b')),
  ) as tf.Tensor2D;
  const out = dense(hidden, p(params, 'img2.w') as tf.Tensor2D).add(p(params, 'img2.b')) as tf.Tensor2D;
  return { features, embeddings: l2normalise(out) };
}

/** Unit-length text embeddings [batch, embedDim] from text input rows [batch, textInputSize] (`sentence-input.ts`). */
export function textTower(params: ImageTextParams, features: tf.Tensor2D): tf.Tensor2D {
  const hidden = tf.relu(
    dense(features, p(params, 'txt1.w') as tf.Tensor2D).add(p(params, 'txt1.b')),
  ) as tf.Tensor2D;
  const out = dense(hidden, p(params, 'txt2.w') as tf.Tensor2D).add(p(params, 'txt2.b')) as tf.Tensor2D;
  return l2normalise(out);
}

/** Logits of the auxiliary modality and region heads on embeddings of either tower. */
export function auxLogits(params: ImageTextParams, embeddings: tf.Tensor2D): tf.Tensor2D {
  return dense(embeddings, p(params, 'aux.w') as tf.Tensor2D).add(p(params, 'aux.b')) as tf.Tensor2D;
}

/** The learned similarity scale exp(s), clipped at 100 as in CLIP. */
export function logitScale(params: ImageTextParams): tf.Scalar {
  return tf.minimum(tf.exp(p(params, 'scale').reshape([])), 100) as tf.Scalar;
}
