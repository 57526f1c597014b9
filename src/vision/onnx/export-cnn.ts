import type { VisionModelFile } from '../model-file.js';
import type { CnnConfig } from '../nn/architecture.js';
import { ProtoWriter } from './protobuf.js';

/** ONNX enums used here (onnx/onnx.proto3). */
const FLOAT = 1;
const ATTR_FLOAT = 1;
const ATTR_INTS = 7;

interface Node {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly output: string;
  readonly ints?: Readonly<Record<string, readonly number[]>>;
  readonly floats?: Readonly<Record<string, number>>;
}

/** HWIO (TensorFlow) 3×3 filter → OIHW (ONNX). */
function hwioToOihw(w: Float32Array, inC: number, outC: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let kh = 0; kh < 3; kh++)
    for (let kw = 0; kw < 3; kw++)
      for (let i = 0; i < inC; i++)
        for (let o = 0; o < outC; o++)
          out[((o * inC + i) * 3 + kh) * 3 + kw] = w[((kh * 3 + kw) * inC + i) * outC + o] as number;
  return out;
}

/**
 * Exports a HealthGPT CNN to an ONNX model (opset 13, IR 8): input `image` [N, 1, S, S] already normalised,
 * output `logit` [N, 1] with the Platt calibration folded in (σ(logit) is the calibrated probability of label 1).
 */
export function exportCnnToOnnx(
  header: VisionModelFile,
  weights: ReadonlyMap<string, Float32Array>,
): Uint8Array {
  const config = header.config as CnnConfig;
  if (config.arch !== 'cnn') throw new Error('only the CNN exports to ONNX');
  const [c1, c2, c3] = config.channels;
  const initializers: { name: string; dims: number[]; data: Float32Array }[] = [];
  const w = (name: string) => {
    const v = weights.get(name);
    if (!v) throw new Error(`missing ${name}`);
    return v;
  };
  const convs: [string, number, number][] = [
    ['conv1', 1, c1],
    ['conv2', c1, c2],
    ['conv3', c2, c3],
    ['conv4', c3, c3],
  ];
  for (const [name, inC, outC] of convs) {
    initializers.push({
      name: `${name}.w`,
      dims: [outC, inC, 3, 3],
      data: hwioToOihw(w(`${name}.w`), inC, outC),
    });
    initializers.push({ name: `${name}.b`, dims: [outC], data: w(`${name}.b`) });
  }
  initializers.push({ name: 'head.w', dims: [c3, 1], data: w('head.w') });
  initializers.push({ name: 'head.b', dims: [1], data: w('head.b') });
  initializers.push({ name: 'platt.a', dims: [1], data: Float32Array.of(header.calibration.a) });
  initializers.push({ name: 'platt.b', dims: [1], data: Float32Array.of(header.calibration.b) });
  const conv = (name: string, input: string, output: string): Node => ({
    op: 'Conv',
    inputs: [input, `${name}.w`, `${name}.b`],
    output,
    ints: { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] },
  });
  const pool = (input: string, output: string): Node => ({
    op: 'MaxPool',
    inputs: [input],
    output,
    ints: { kernel_shape: [2, 2], strides: [2, 2] },
  });
  const nodes: Node[] = [
    conv('conv1', 'image', 'c1'),
    { op: 'Relu', inputs: ['c1'], output: 'r1' },
    pool('r1', 'p1'),
    conv('conv2', 'p1', 'c2'),
    { op: 'Relu', inputs: ['c2'], output: 'r2' },
    pool('r2', 'p2'),
    conv('conv3', 'p2', 'c3'),
    { op: 'Relu', inputs: ['c3'], output: 'r3' },
    conv('conv4', 'r3', 'c4'),
    { op: 'Relu', inputs: ['c4'], output: 'features' },
    { op: 'GlobalAveragePool', inputs: ['features'], output: 'gap' },
    { op: 'Flatten', inputs: ['gap'], output: 'flat' },
    { op: 'Gemm', inputs: ['flat', 'head.w', 'head.b'], output: 'raw', floats: { alpha: 1, beta: 1 } },
    { op: 'Mul', inputs: ['raw', 'platt.a'], output: 'scaled' },
    { op: 'Add', inputs: ['scaled', 'platt.b'], output: 'logit' },
  ];
  const valueInfo = (g: ProtoWriter, field: number, name: string, dims: (number | string)[]) =>
    g.message(field, (v) =>
      v.string(1, name).message(2, (t) =>
        t.message(1, (tt) =>
          tt.int(1, FLOAT).message(2, (shape) => {
            for (const d of dims)
              shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
          }),
        ),
      ),
    );
  const model = new ProtoWriter()
    .int(1, 8)
    .string(2, 'healthgpt')
    .string(3, '1')
    .string(6, `${header.modelId} ${header.modelVersion}`)
    .message(7, (g) => {
      for (const n of nodes) {
        g.message(1, (node) => {
          for (const i of n.inputs) node.string(1, i);
          node.string(2, n.output).string(3, `${n.op}_${n.output}`).string(4, n.op);
          for (const [name, values] of Object.entries(n.ints ?? {})) {
            node.message(5, (a) => {
              a.string(1, name);
              for (const v of values) a.int(8, v);
              a.int(20, ATTR_INTS);
            });
          }
          for (const [name, value] of Object.entries(n.floats ?? {}))
            node.message(5, (a) => a.string(1, name).float(2, value).int(20, ATTR_FLOAT));
        });
      }
      g.string(2, header.modelId);
      for (const t of initializers) {
        g.message(5, (tensor) => {
          for (const d of t.dims) tensor.int(1, d);
          tensor
            .int(2, FLOAT)
            .string(8, t.name)
            .bytes(
              9,
              new Uint8Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength)),
            );
        });
      }
      valueInfo(g, 11, 'image', ['N', 1, config.inputSize, config.inputSize]);
      valueInfo(g, 12, 'logit', ['N', 1]);
    })
    .message(8, (o) => o.string(1, '').int(2, 13));
  return model.finish();
}
