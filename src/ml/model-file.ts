import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SerializedModel } from '../engine/learned-model.js';

/**
 * The one reader (and writer) of committed model files, shared by every learned engine: where `models/` is, a JSON
 * header with its format checked, and float32 little-endian tensors in a `.bin` beside it.
 */

/**
 * The committed `models/<parts…>` folder, found by walking up from this file so it works from `src/` and from
 * `dist/` (and from an installed package); `models/<parts…>` under the working directory when not found.
 */
export function committedModelsDir(...parts: string[]): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'models', ...parts);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return resolve('models', ...parts);
}

/** Reads a JSON model file; with `format`, a file of another format fails loudly with the path in the message. */
export function readModelJson<T>(path: string, format?: string): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`model file ${path} cannot be read: ${(error as Error).message}`);
  }
  const json = JSON.parse(text) as T & Partial<Pick<SerializedModel, 'format'>>;
  if (format !== undefined && json.format !== format)
    throw new Error(`${path}: unknown model format ${String(json.format)} (expected ${format})`);
  return json;
}

/** A tensor's name and shape, in file order. */
export interface TensorEntry {
  readonly name: string;
  readonly shape: readonly number[];
}

/** Reads float32 little-endian tensors stored back to back in `path`, in the order of `tensors`. */
export function readFloat32Tensors(path: string, tensors: readonly TensorEntry[]): Map<string, Float32Array> {
  const bin = readFileSync(path);
  const weights = new Map<string, Float32Array>();
  let offset = 0;
  for (const { name, shape } of tensors) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > bin.length) throw new Error(`${path}: weights file is truncated at ${name}`);
    weights.set(
      name,
      new Float32Array(bin.buffer.slice(bin.byteOffset + offset, bin.byteOffset + offset + size * 4)),
    );
    offset += size * 4;
  }
  return weights;
}

/** Writes `weights` as float32 little-endian tensors back to back, in the order of `tensors`. */
export function writeFloat32Tensors(
  path: string,
  tensors: readonly TensorEntry[],
  weights: ReadonlyMap<string, Float32Array>,
): void {
  const parts: Buffer[] = [];
  for (const { name } of tensors) {
    const values = weights.get(name);
    if (!values) throw new Error(`missing weights for ${name}`);
    parts.push(Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  }
  writeFileSync(path, Buffer.concat(parts));
}
