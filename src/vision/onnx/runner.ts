import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { type GreyImage, resizeArea } from '../preprocess.js';

/**
 * The JSON card that makes an ONNX classifier usable here: where the file is, its labels, input size and layout,
 * how pixels are normalised, and what the output means. A hospital writes one for its own model.
 */
export const onnxModelCardSchema = z
  .object({
    modelId: z.string().min(1),
    file: z.string().min(1).describe('path of the .onnx file, relative to the card'),
    labels: z
      .array(z.string())
      .min(1)
      .describe('one per output class; a single-logit model has one (the positive class)'),
    input: z
      .object({
        name: z.string().optional(),
        width: z.number().int().min(1).max(4096),
        height: z.number().int().min(1).max(4096),
        channels: z.union([z.literal(1), z.literal(3)]),
        layout: z.enum(['NCHW', 'NHWC']),
      })
      .strict(),
    normalisation: z
      .object({
        scale: z.number().describe('pixels (0–255) are multiplied by this first, e.g. 1/255'),
        mean: z.array(z.number()).min(1),
        std: z.array(z.number()).min(1),
      })
      .strict(),
    output: z
      .object({ name: z.string().optional(), kind: z.enum(['logits', 'probabilities']) })
      .strict()
      .describe('logits: sigmoid for one output, softmax for several'),
    intendedUse: z.string().optional(),
  })
  .strict();

export type OnnxModelCard = z.infer<typeof onnxModelCardSchema>;

export interface OnnxPrediction {
  readonly modelId: string;
  /** Probability per label, in card order. */
  readonly probabilities: readonly { label: string; probability: number }[];
}

type Ort = typeof import('onnxruntime-node');
let ortModule: Promise<Ort> | undefined;

/** onnxruntime-node, loaded on first use (its native binding is large). */
function ort(): Promise<Ort> {
  ortModule ??= import('onnxruntime-node');
  return ortModule;
}

/** Runs an external ONNX image classifier described by a model card, on CPU via onnxruntime-node. */
export class OnnxClassifier {
  private constructor(
    readonly card: OnnxModelCard,
    private readonly session: import('onnxruntime-node').InferenceSession,
  ) {}

  /** Loads a card (validated) and its model file. */
  static async load(cardPath: string): Promise<OnnxClassifier> {
    const card = onnxModelCardSchema.parse(JSON.parse(readFileSync(cardPath, 'utf8')));
    const file = isAbsolute(card.file) ? card.file : join(dirname(cardPath), card.file);
    const { InferenceSession } = await ort();
    const session = await InferenceSession.create(file, {
      executionProviders: ['cpu'],
      intraOpNumThreads: 1,
    });
    return new OnnxClassifier(card, session);
  }

  /** The model's input tensor for a grey image (resized by area averaging; grey replicated to 3 channels). */
  inputTensor(images: readonly GreyImage[]): { data: Float32Array; dims: number[] } {
    const { width, height, channels, layout } = this.card.input;
    const { scale, mean, std } = this.card.normalisation;
    const data = new Float32Array(images.length * width * height * channels);
    images.forEach((image, n) => {
      const pixels =
        image.width === width && image.height === height
          ? image.pixels
          : resizeArea(image, width, height).pixels;
      for (let c = 0; c < channels; c++) {
        const m = mean[c] ?? (mean[0] as number);
        const s = std[c] ?? (std[0] as number);
        for (let i = 0; i < width * height; i++) {
          const v = ((pixels[i] as number) * scale - m) / s;
          const at =
            layout === 'NCHW'
              ? (n * channels + c) * height * width + i
              : (n * height * width + i) * channels + c;
          data[at] = v;
        }
      }
    });
    return {
      data,
      dims:
        layout === 'NCHW'
          ? [images.length, channels, height, width]
          : [images.length, height, width, channels],
    };
  }

  /** Raw output values per image. */
  async raw(images: readonly GreyImage[]): Promise<Float32Array[]> {
    const { Tensor } = await ort();
    const { data, dims } = this.inputTensor(images);
    const inputName = this.card.input.name ?? this.session.inputNames[0];
    const outputName = this.card.output.name ?? this.session.outputNames[0];
    if (!inputName || !outputName) throw new Error('ONNX model has no input or output');
    const result = await this.session.run({ [inputName]: new Tensor('float32', data, dims) });
    const output = result[outputName];
    if (!output) throw new Error(`ONNX output '${outputName}' missing`);
    const values = output.data as Float32Array;
    const per = values.length / images.length;
    return images.map((_, i) => values.slice(i * per, (i + 1) * per));
  }

  async predict(image: GreyImage): Promise<OnnxPrediction> {
    const [values] = await this.raw([image]);
    const v = Array.from(values ?? []);
    const { labels } = this.card;
    let probabilities: number[];
    if (this.card.output.kind === 'probabilities') probabilities = v;
    else if (v.length === 1) probabilities = [1 / (1 + Math.exp(-(v[0] as number)))];
    else {
      const max = Math.max(...v);
      const e = v.map((x) => Math.exp(x - max));
      const sum = e.reduce((a, b) => a + b, 0);
      probabilities = e.map((x) => x / sum);
    }
    if (probabilities.length !== labels.length)
      throw new Error(`model gives ${probabilities.length} outputs; the card lists ${labels.length} labels`);
    return {
      modelId: this.card.modelId,
      probabilities: labels.map((label, i) => ({ label, probability: probabilities[i] as number })),
    };
  }
}
