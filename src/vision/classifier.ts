import { applyPlatt } from './calibration.js';
import { modelDir, readDefaults, readModelFile, type VisionModelFile } from './model-file.js';
import { type Arch, forward, type NetworkParams } from './nn/architecture.js';
import { tf, tfReady } from './nn/backend.js';
import { type GreyImage, toModelInput } from './preprocess.js';
import type { VisionTask } from './tasks.js';

/** A prediction for one image: the calibrated probability of data-set label 1 and the raw logit. */
export interface VisionPrediction {
  readonly probabilityLabel1: number;
  readonly logit: number;
}

/** A heatmap over the model's input grid (row-major, values 0–1, 1 = hottest) and how it was made. */
export interface Heatmap {
  readonly width: number;
  readonly height: number;
  readonly values: Float32Array;
  readonly method: 'grad-cam' | 'attention-rollout';
}

/**
 * A trained image classifier loaded from `models/vision/<task>/<arch>/`: calibrated predictions, and heatmaps
 * (Grad-CAM for the CNN, attention rollout for the ViT).
 */
export class VisionClassifier {
  private constructor(
    readonly header: VisionModelFile,
    private readonly params: NetworkParams,
  ) {}

  /** Loads the committed model for a task (`arch` defaults to the one `models/vision/defaults.json` names). */
  static async load(task: VisionTask, arch?: Arch, root?: string): Promise<VisionClassifier> {
    await tfReady();
    const chosen = arch ?? readDefaults(root)[task]?.arch ?? 'cnn';
    return VisionClassifier.fromDir(modelDir(task, chosen, root));
  }

  static async fromDir(dir: string): Promise<VisionClassifier> {
    const { header, weights } = readModelFile(dir);
    return VisionClassifier.fromModel(header, weights);
  }

  /** A classifier from a model header and its weights (as read from a model folder or just trained). */
  static async fromModel(
    header: VisionModelFile,
    weights: ReadonlyMap<string, Float32Array>,
  ): Promise<VisionClassifier> {
    await tfReady();
    const params: Record<string, tf.Tensor> = {};
    for (const { name, shape } of header.tensors) {
      params[name] = tf.keep(tf.tensor(weights.get(name) as Float32Array, shape as number[]));
    }
    return new VisionClassifier(header, params);
  }

  get task(): VisionTask {
    return this.header.task;
  }

  get inputSize(): number {
    return this.header.config.inputSize;
  }

  /** Releases the weight tensors. */
  dispose(): void {
    for (const t of Object.values(this.params)) t.dispose();
  }

  private normalised(batch: readonly Float32Array[]): tf.Tensor4D {
    const size = this.inputSize;
    const { mean, std } = this.header.normalisation;
    const data = new Float32Array(batch.length * size * size);
    batch.forEach((pixels, i) => {
      if (pixels.length !== size * size)
        throw new Error(`model input must be ${size}×${size}; got ${pixels.length} pixels`);
      for (let k = 0; k < pixels.length; k++)
        data[i * size * size + k] = ((pixels[k] as number) / 255 - mean) / std;
    });
    return tf.tensor4d(data, [batch.length, size, size, 1]);
  }

  /** Raw logits for model-sized inputs (0–255 grey, `inputSize`² each). */
  logits(batch: readonly Float32Array[]): Float32Array {
    return tf.tidy(
      () =>
        forward(this.header.config, this.params, this.normalised(batch)).logits.dataSync() as Float32Array,
    );
  }

  /** Calibrated predictions for model-sized inputs, in batches of 256. */
  predictBatch(batch: readonly Float32Array[]): VisionPrediction[] {
    const out: VisionPrediction[] = [];
    for (let i = 0; i < batch.length; i += 256) {
      for (const logit of this.logits(batch.slice(i, i + 256))) {
        out.push({ logit, probabilityLabel1: applyPlatt(this.header.calibration, logit) });
      }
    }
    return out;
  }

  /** Calibrated prediction for one image of any size (resized by area averaging). */
  predict(image: GreyImage): VisionPrediction {
    return this.predictBatch([toModelInput(image, this.inputSize)])[0] as VisionPrediction;
  }

  /**
   * Where the model looked, on the input grid. CNN: Grad-CAM (Selvaraju et al., ICCV 2017) on the last convolution,
   * for the finding's direction (the logit's sign is flipped when the finding is label 0). ViT: attention rollout
   * (Abnar & Zuidema, ACL 2020): (½A + ½I) averaged over heads, multiplied through the blocks, class-token row.
   */
  heatmap(image: GreyImage, findingLabel: 0 | 1 = 1): Heatmap {
    const input = toModelInput(image, this.inputSize);
    const size = this.inputSize;
    const sign = findingLabel === 1 ? 1 : -1;
    if (this.header.config.arch === 'cnn') {
      const { cam, grid } = tf.tidy(() => {
        const x = this.normalised([input]);
        const features = forward(this.header.config, this.params, x).features as tf.Tensor4D;
        // d logit / d features, through the part of the network after the last convolution.
        const head = (f: tf.Tensor) =>
          tf
            .mean(f, [1, 2])
            .matMul(this.params['head.w'] as tf.Tensor2D)
            .sum()
            .mul(sign) as tf.Scalar;
        const grads = tf.grad(head)(features);
        const weights = tf.mean(grads, [1, 2], true);
        const map = tf
          .relu(tf.sum(features.mul(weights), -1))
          .reshape([features.shape[1], features.shape[2]]);
        return { cam: map.dataSync() as Float32Array, grid: features.shape[1] };
      });
      return { ...normaliseMap(upsample(cam, grid, size), size), method: 'grad-cam' };
    }
    const config = this.header.config;
    const rollout = tf.tidy(() => {
      const attentions = forward(config, this.params, this.normalised([input])).attentions ?? [];
      const tokens = attentions[0]?.shape[2] ?? 1;
      let joint = tf.eye(tokens);
      for (const attention of attentions) {
        const averaged = tf.mean(attention, 1).reshape([tokens, tokens]);
        const withResidual = averaged.add(tf.eye(tokens)).div(2);
        const normalisedRows = withResidual.div(withResidual.sum(-1, true));
        joint = tf.matMul(normalisedRows, joint);
      }
      return joint.slice([0, 1], [1, tokens - 1]).dataSync() as Float32Array;
    });
    const grid = size / config.patchSize;
    return { ...normaliseMap(upsample(rollout, grid, size), size), method: 'attention-rollout' };
  }
}

function upsample(map: Float32Array, grid: number, size: number): Float32Array {
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    const fy = Math.min(grid - 1, Math.max(0, ((y + 0.5) * grid) / size - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(grid - 1, y0 + 1);
    for (let x = 0; x < size; x++) {
      const fx = Math.min(grid - 1, Math.max(0, ((x + 0.5) * grid) / size - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(grid - 1, x0 + 1);
      const a = map[y0 * grid + x0] as number;
      const b = map[y0 * grid + x1] as number;
      const c = map[y1 * grid + x0] as number;
      const d = map[y1 * grid + x1] as number;
      const dx = fx - x0;
      const dy = fy - y0;
      out[y * size + x] = (1 - dy) * ((1 - dx) * a + dx * b) + dy * ((1 - dx) * c + dx * d);
    }
  }
  return out;
}

function normaliseMap(
  values: Float32Array,
  size: number,
): { width: number; height: number; values: Float32Array } {
  let max = 0;
  for (const v of values) max = Math.max(max, v);
  const out = max > 0 ? values.map((v) => v / max) : values;
  return { width: size, height: size, values: out };
}
