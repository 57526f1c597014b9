import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { committedModelsDir, readFloat32Tensors, readModelJson, writeFloat32Tensors } from './model-file.js';

describe('model-file reader', () => {
  it('finds the committed models folder', () => {
    expect(existsSync(join(committedModelsDir('ddx'), 'ddx-model.json'))).toBe(true);
    expect(existsSync(join(committedModelsDir('vision'), 'defaults.json'))).toBe(true);
  });

  it('round-trips float32 tensors in file order and rejects a truncated file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-model-'));
    const tensors = [
      { name: 'w', shape: [2, 3] },
      { name: 'b', shape: [3] },
    ];
    const weights = new Map([
      ['w', Float32Array.from([1, 2, 3, 4, 5, 6.5])],
      ['b', Float32Array.from([-1, 0, 1])],
    ]);
    writeFloat32Tensors(join(dir, 'weights.bin'), tensors, weights);
    const back = readFloat32Tensors(join(dir, 'weights.bin'), tensors);
    expect(Array.from(back.get('w')!)).toEqual([1, 2, 3, 4, 5, 6.5]);
    expect(Array.from(back.get('b')!)).toEqual([-1, 0, 1]);
    expect(() =>
      readFloat32Tensors(join(dir, 'weights.bin'), [...tensors, { name: 'c', shape: [1] }]),
    ).toThrow(/truncated at c/);
    expect(() => writeFloat32Tensors(join(dir, 'x.bin'), [{ name: 'z', shape: [1] }], weights)).toThrow(/z/);
  });

  it('checks the format of a JSON model file and names the path when it cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-model-'));
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ format: 'other/1', modelId: 'm' }));
    expect(readModelJson<{ modelId: string }>(join(dir, 'model.json')).modelId).toBe('m');
    expect(() => readModelJson(join(dir, 'model.json'), 'healthgpt-vision/1')).toThrow(
      /unknown model format other\/1/,
    );
    expect(() => readModelJson(join(dir, 'missing.json'))).toThrow(/missing\.json cannot be read/);
  });
});
