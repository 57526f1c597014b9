import { normalFrom } from '../../ml/random.js';
import { type DescriptorSet, featureCount } from './image-features.js';
import { type TextInputKind, textInputSize } from './sentence-input.js';
import type { TextVocabulary } from './text-features.js';

/**
 * The image–text model's shapes, free of TensorFlow.js. Image tower: four 3×3 conv stages (three 2×2 max-pools)
 * on a `inputSize`² grey image, global average pooling, a two-layer projection. Text tower: TF-IDF of the
 * vocabulary, a two-layer projection. Both end L2-normalised in `embedDim` dimensions; similarity is the cosine
 * times a learned scale (CLIP, Radford et al. 2021). `aux` is a linear head on the shared space for modality and
 * body region, trained on both towers (an auxiliary loss that helps at this data size). A model fitted by CCA
 * (`train:image-text --method cca`, `cca.ts`) stores its linear maps exactly in these two-layer shapes (hidden
 * [W, −W], output [I; −I]) and leaves `aux` at zero.
 */
export interface ImageTextConfig {
  /**
   * 'cnn': the convolutional tower on pixels; 'features': a two-layer tower on hand-made descriptors
   * (`image-features.ts`), which trains in minutes on a shared CPU.
   */
  readonly imageEncoder: 'cnn' | 'features';
  /** Which hand-made descriptors the 'features' tower reads (`image-features.ts`); absent in older files: 1. */
  readonly descriptors?: DescriptorSet;
  readonly inputSize: number;
  readonly channels: readonly [number, number, number, number];
  readonly hidden: number;
  readonly embedDim: number;
  readonly vocabularySize: number;
  /**
   * What feeds the text tower (`sentence-input.ts`): 'tfidf' (absent in older model files), 'sentence' (the frozen
   * Universal Sentence Encoder lite vector) or 'both' (concatenated).
   */
  readonly textInput?: TextInputKind;
  /** Multiplier of the sentence vector in the text input (default 1). */
  readonly sentenceWeight?: number;
  /** Per-dimension mean and standard deviation of the fit captions' sentence vectors (standardisation). */
  readonly sentenceStats?: { readonly mean: readonly number[]; readonly std: readonly number[] };
  /** Class names of the auxiliary heads, in output order (modalities first, then regions). */
  readonly modalities: readonly string[];
  readonly regions: readonly string[];
}

/** Length of the 'features' tower's input. */
export function descriptorCount(c: ImageTextConfig): number {
  return featureCount(c.descriptors ?? 1);
}

export function imageTextShapes(c: ImageTextConfig): [string, number[]][] {
  const [c1, c2, c3, c4] = c.channels;
  const tower: [string, number[]][] =
    c.imageEncoder === 'features'
      ? [
          ['img1.w', [descriptorCount(c), c.hidden]],
          ['img1.b', [c.hidden]],
        ]
      : [
          ['conv1.w', [3, 3, 1, c1]],
          ['conv1.b', [c1]],
          ['conv2.w', [3, 3, c1, c2]],
          ['conv2.b', [c2]],
          ['conv3.w', [3, 3, c2, c3]],
          ['conv3.b', [c3]],
          ['conv4.w', [3, 3, c3, c4]],
          ['conv4.b', [c4]],
          ['img1.w', [c4, c.hidden]],
          ['img1.b', [c.hidden]],
        ];
  return [
    ...tower,
    ['img2.w', [c.hidden, c.embedDim]],
    ['img2.b', [c.embedDim]],
    ['txt1.w', [textInputSize(c), c.hidden]],
    ['txt1.b', [c.hidden]],
    ['txt2.w', [c.hidden, c.embedDim]],
    ['txt2.b', [c.embedDim]],
    ['aux.w', [c.embedDim, c.modalities.length + c.regions.length]],
    ['aux.b', [c.modalities.length + c.regions.length]],
    ['scale', [1]],
  ];
}

/** He-normal weights, zero biases, log-scale ln(1/0.07) (CLIP's initial temperature). */
export function initialImageTextWeights(c: ImageTextConfig, random: () => number): Map<string, Float32Array> {
  const weights = new Map<string, Float32Array>();
  for (const [name, shape] of imageTextShapes(c)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (name === 'scale') values[0] = Math.log(1 / 0.07);
    else if (name.endsWith('.w')) {
      const fanIn = shape.length === 4 ? shape[0]! * shape[1]! * shape[2]! : (shape[0] ?? 1);
      const std = name === 'txt1.w' ? Math.sqrt(2 / 64) : Math.sqrt(2 / fanIn);
      for (let i = 0; i < size; i++) values[i] = Math.max(-2, Math.min(2, normalFrom(random))) * std;
    }
    weights.set(name, values);
  }
  return weights;
}

export type { TextVocabulary };
