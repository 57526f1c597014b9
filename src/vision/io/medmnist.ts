import { readFileSync } from 'node:fs';
import { readNpz } from './npz.js';

/** A split of a MedMNIST 2D data set: `count` grey images of `size`×`size` bytes, one label each. */
export interface MedMnistSplit {
  readonly count: number;
  readonly size: number;
  /** Pixel bytes, image after image, row-major. */
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
}

export type MedMnistSplitName = 'train' | 'val' | 'test';

/** The split names a MedMNIST `.npz` holds (`train`, `val`, `test` as `<split>_images` / `<split>_labels`). */
export function medMnistSplits(path: string): { splits: Map<MedMnistSplitName, MedMnistSplit> } {
  const arrays = readNpz(readFileSync(path));
  const splits = new Map<MedMnistSplitName, MedMnistSplit>();
  for (const name of ['train', 'val', 'test'] as const) {
    const images = arrays.get(`${name}_images`);
    const labels = arrays.get(`${name}_labels`);
    if (!images || !labels) continue;
    if (
      images.shape.length !== 3 ||
      images.shape[1] !== images.shape[2] ||
      !(images.data instanceof Uint8Array)
    ) {
      throw new Error(
        `${name}_images must be (N, S, S) uint8 grey images; got ${images.dtype} ${JSON.stringify(images.shape)}`,
      );
    }
    const count = images.shape[0] ?? 0;
    if (labels.data.length !== count)
      throw new Error(`${name}_labels has ${labels.data.length} labels for ${count} images`);
    splits.set(name, {
      count,
      size: images.shape[1] ?? 0,
      pixels: images.data,
      labels: Uint8Array.from(labels.data, Number),
    });
  }
  if (splits.size === 0)
    throw new Error(`${path} holds no MedMNIST split (expected train_images/val_images/test_images)`);
  return { splits };
}
