import { normalFrom } from '../../ml/random.js';

/**
 * Network configurations and weight shapes, free of TensorFlow.js so that reading a model file (and everything that
 * only needs the shapes) does not load it; `architecture.ts` holds the forward passes.
 */

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
  /**
   * 'conv': a convolutional stem instead of linear patch embedding (hybrid ViT; Xiao et al., "Early convolutions help
   * transformers see better", NeurIPS 2021): two 3×3 conv + ReLU + 2×2 max-pool stages with `stemChannels`, whose
   * `inputSize/4`-square output grid gives the tokens (so `patchSize` must be 4). Absent: linear patches.
   */
  readonly stem?: 'conv';
  readonly stemChannels?: readonly [number, number];
}

export type NetworkConfig = CnnConfig | VitConfig;
export type Arch = NetworkConfig['arch'];

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
  const [s1, s2] = config.stemChannels ?? [16, 32];
  const patchDim = config.stem === 'conv' ? s2 : config.patchSize ** 2;
  const shapes: [string, number[]][] = [
    ...(config.stem === 'conv'
      ? ([
          ['stem1.w', [3, 3, 1, s1]],
          ['stem1.b', [s1]],
          ['stem2.w', [3, 3, s1, s2]],
          ['stem2.b', [s2]],
        ] as [string, number[]][])
      : []),
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
      const std = config.arch === 'cnn' || name.startsWith('stem') ? Math.sqrt(2 / fanIn) : 0.02;
      for (let i = 0; i < size; i++) values[i] = Math.max(-2, Math.min(2, normalFrom(random))) * std;
    }
    weights.set(name, values);
  }
  return weights;
}
