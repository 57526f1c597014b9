import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SerializedModel } from '../../engine/learned-model.js';
import {
  committedModelsDir,
  readFloat32Tensors,
  readModelJson,
  writeFloat32Tensors,
} from '../../ml/model-file.js';
import type { GreyImage } from '../preprocess.js';
import { descriptorCount, type ImageTextConfig, imageTextShapes } from './config.js';
import { imageFeatures } from './image-features.js';
import { squareInput } from './pairs.js';
import {
  sentenceVectors,
  textInputKind,
  textInputRow,
  textInputSize,
  usesSentenceVectors,
} from './sentence-input.js';
import { knownTermCount, type TextVocabulary, textFeatures, vocabularyIndex } from './text-features.js';

export const IMAGE_TEXT_FORMAT = 'healthgpt-image-text/1';

/** Recall at 1 and 10 in both directions, on one set of pairs. */
export interface RetrievalMetrics {
  readonly n: number;
  readonly i2t_recall_at_1: number;
  readonly i2t_recall_at_10: number;
  readonly t2i_recall_at_1: number;
  readonly t2i_recall_at_10: number;
}

/**
 * `models/image-text/model.json`: header, config, the text vocabulary with idf, input normalisation, how the
 * consistency check reads a similarity, the metrics written by the training script, and the tensor list of
 * `weights.bin`.
 */
export interface ImageTextModelFile extends SerializedModel {
  readonly format: typeof IMAGE_TEXT_FORMAT;
  readonly config: ImageTextConfig;
  readonly vocabulary: TextVocabulary;
  readonly normalisation: { readonly mean: number; readonly std: number };
  /** 'features' tower: per-descriptor mean and standard deviation on the fit images. */
  readonly featureStats?: { readonly mean: readonly number[]; readonly std: readonly number[] };
  /**
   * Logistic fit P(text belongs to image | cosine) on held-out training pairs: matched pairs against mismatched
   * pairs from other cases. Used by the consistency check.
   */
  readonly matchCalibration: { readonly a: number; readonly b: number };
  readonly seed: number;
  readonly training: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly tensors: readonly { name: string; shape: readonly number[] }[];
}

export function imageTextModelDir(): string {
  return committedModelsDir('image-text');
}

export function writeImageTextModel(
  dir: string,
  header: ImageTextModelFile,
  weights: ReadonlyMap<string, Float32Array>,
): void {
  writeFloat32Tensors(join(dir, 'weights.bin'), header.tensors, weights);
  writeFileSync(join(dir, 'model.json'), `${JSON.stringify(header, null, 2)}\n`);
}

export function readImageTextModel(dir: string): {
  header: ImageTextModelFile;
  weights: Map<string, Float32Array>;
} {
  const header = readModelJson<ImageTextModelFile>(join(dir, 'model.json'), IMAGE_TEXT_FORMAT);
  const expected = imageTextShapes(header.config);
  if (expected.length !== header.tensors.length)
    throw new Error(`${dir}: tensor list does not match the model`);
  for (const [i, { name, shape }] of header.tensors.entries()) {
    const want = expected[i];
    if (!want || want[0] !== name || want[1].join('x') !== shape.join('x'))
      throw new Error(`${dir}: tensor ${name} does not match the model`);
  }
  if (header.vocabulary.terms.length !== header.config.vocabularySize)
    throw new Error(`${dir}: vocabulary size does not match the model`);
  return { header, weights: readFloat32Tensors(join(dir, 'weights.bin'), header.tensors) };
}

export function imageTextModelAvailable(dir = imageTextModelDir()): boolean {
  return existsSync(join(dir, 'model.json')) && existsSync(join(dir, 'weights.bin'));
}

/**
 * A loaded image–text model: unit-length embeddings of images and texts in one space (cosine = dot product).
 * TensorFlow.js is imported on first use only.
 */
export class ImageTextModel {
  private tensors: Promise<Record<string, import('@tensorflow/tfjs').Tensor>> | undefined;

  constructor(
    readonly header: ImageTextModelFile,
    private readonly weights: ReadonlyMap<string, Float32Array>,
  ) {}

  get modelId(): string {
    return this.header.modelId;
  }

  get modelVersion(): string {
    return this.header.modelVersion;
  }

  private async params() {
    this.tensors ??= (async () => {
      const { tf, tfReady } = await import('../nn/backend.js');
      await tfReady();
      const out: Record<string, import('@tensorflow/tfjs').Tensor> = {};
      for (const [name, shape] of imageTextShapes(this.header.config))
        out[name] = tf.keep(tf.tensor(this.weights.get(name) as Float32Array, shape));
      return out;
    })();
    return this.tensors;
  }

  /** Model input of a grey image (any size, 0–255): padded square, resized. */
  input(image: GreyImage): Float32Array {
    return squareInput(image, this.header.config.inputSize);
  }

  /** Standardised descriptors of an image at model size (the 'features' tower's input). */
  descriptors(input: Float32Array): Float32Array {
    const stats = this.header.featureStats;
    if (!stats) throw new Error('model has no feature statistics');
    const f = imageFeatures(input, this.header.config.inputSize, this.header.config.descriptors ?? 1);
    for (let i = 0; i < f.length; i++)
      f[i] = ((f[i] as number) - (stats.mean[i] as number)) / (stats.std[i] as number);
    return f;
  }

  /** Embeddings of images already at model size (0–255 grey), in chunks of 64. */
  async embedInputs(inputs: readonly Float32Array[]): Promise<Float32Array[]> {
    const params = await this.params();
    const { tf } = await import('../nn/backend.js');
    const { featureTower, imageTower } = await import('./network.js');
    const size = this.header.config.inputSize;
    const d = this.header.config.embedDim;
    const { mean, std } = this.header.normalisation;
    const out: Float32Array[] = [];
    for (let i = 0; i < inputs.length; i += 64) {
      const chunk = inputs.slice(i, i + 64);
      let flat: Float32Array;
      if (this.header.config.imageEncoder === 'features') {
        const width = descriptorCount(this.header.config);
        const f = chunk.map((img) => this.descriptors(img));
        const data = new Float32Array(chunk.length * width);
        f.forEach((row, k) => {
          data.set(row, k * width);
        });
        flat = tf.tidy(
          () => featureTower(params, tf.tensor2d(data, [chunk.length, width])).dataSync() as Float32Array,
        );
      } else {
        const data = new Float32Array(chunk.length * size * size);
        chunk.forEach((img, k) => {
          for (let j = 0; j < img.length; j++)
            data[k * size * size + j] = ((img[j] as number) / 255 - mean) / std;
        });
        flat = tf.tidy(
          () =>
            imageTower(
              params,
              tf.tensor4d(data, [chunk.length, size, size, 1]),
            ).embeddings.dataSync() as Float32Array,
        );
      }
      for (let k = 0; k < chunk.length; k++) out.push(flat.slice(k * d, (k + 1) * d));
    }
    return out;
  }

  async embedImages(images: readonly GreyImage[]): Promise<Float32Array[]> {
    return this.embedInputs(images.map((im) => this.input(im)));
  }

  /**
   * Embeddings of texts; a text with no known term gets the embedding of an empty TF-IDF row (and, where the model
   * reads sentence vectors, of its sentence vector). `sentences` may pass precomputed sentence vectors (aligned with
   * `texts`; the training script caches them).
   */
  async embedTexts(
    texts: readonly string[],
    sentences?: readonly ArrayLike<number>[],
  ): Promise<Float32Array[]> {
    const params = await this.params();
    const { tf } = await import('../nn/backend.js');
    const { textTower } = await import('./network.js');
    const config = this.header.config;
    const width = textInputSize(config);
    const index = vocabularyIndex(this.header.vocabulary);
    const vectors = usesSentenceVectors(config) ? (sentences ?? (await sentenceVectors(texts))) : undefined;
    if (vectors && vectors.length !== texts.length)
      throw new Error('sentence vectors are not aligned with texts');
    const tfidf = textInputKind(config) !== 'sentence';
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 256) {
      const chunk = texts.slice(i, i + 256);
      const data = new Float32Array(chunk.length * width);
      chunk.forEach((t, k) => {
        const row = textInputRow(
          config,
          tfidf ? textFeatures(t, this.header.vocabulary, index) : undefined,
          vectors?.[i + k],
        );
        data.set(row, k * width);
      });
      const flat = tf.tidy(
        () => textTower(params, tf.tensor2d(data, [chunk.length, width])).dataSync() as Float32Array,
      );
      const d = config.embedDim;
      for (let k = 0; k < chunk.length; k++) out.push(flat.slice(k * d, (k + 1) * d));
    }
    return out;
  }

  /** Probabilities of the auxiliary heads (modality, body region) for embeddings of either tower. */
  auxiliary(embedding: Float32Array): { modality: Record<string, number>; region: Record<string, number> } {
    const { modalities, regions, embedDim } = this.header.config;
    const w = this.weights.get('aux.w') as Float32Array;
    const b = this.weights.get('aux.b') as Float32Array;
    const k = modalities.length + regions.length;
    const logits = Array.from({ length: k }, (_, j) => {
      let s = b[j] as number;
      for (let i = 0; i < embedDim; i++) s += (embedding[i] as number) * (w[i * k + j] as number);
      return s;
    });
    const softmax = (xs: number[]) => {
      const m = Math.max(...xs);
      const e = xs.map((x) => Math.exp(x - m));
      const z = e.reduce((a, c) => a + c, 0);
      return e.map((x) => x / z);
    };
    const pm = softmax(logits.slice(0, modalities.length));
    const pr = softmax(logits.slice(modalities.length));
    return {
      modality: Object.fromEntries(modalities.map((m, i) => [m, pm[i] as number])),
      region: Object.fromEntries(regions.map((r, i) => [r, pr[i] as number])),
    };
  }

  /** The learned similarity scale exp(s) (clipped at 100). */
  get logitScale(): number {
    return Math.min(100, Math.exp((this.weights.get('scale') as Float32Array)[0] as number));
  }

  knownTerms(text: string): number {
    return knownTermCount(text, this.header.vocabulary);
  }

  /** P(text belongs with the image) from their cosine, by the logistic fit stored in the model. */
  matchProbability(cosine: number): number {
    const { a, b } = this.header.matchCalibration;
    return 1 / (1 + Math.exp(-(a * cosine + b)));
  }
}

let cached: ImageTextModel | undefined;

/** The committed model (loaded once); `undefined` when it is not there. */
export function loadImageTextModel(dir = imageTextModelDir()): ImageTextModel | undefined {
  if (dir === imageTextModelDir() && cached) return cached;
  if (!imageTextModelAvailable(dir)) return undefined;
  const { header, weights } = readImageTextModel(dir);
  const model = new ImageTextModel(header, weights);
  if (dir === imageTextModelDir()) cached = model;
  return model;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
