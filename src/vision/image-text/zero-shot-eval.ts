import type { ImageTextModel } from './model.js';
import type { ImageCaptionPair } from './pairs.js';
import { zeroShot } from './zero-shot.js';

export interface ZeroShotAccuracy {
  readonly n: number;
  /** Share of images whose zero-shot label (from text prompts) equals the data set's label. */
  readonly accuracy: number;
  /** Share predicted right by always answering the most common label of this set (the floor to beat). */
  readonly majorityBaseline: number;
}

/**
 * Zero-shot accuracy of the modality and body-region label sets on pairs whose rows carry those labels (`Type`,
 * `Location Category`). The finding set has no labels in any data set here and is not measured.
 */
export async function zeroShotAccuracy(
  model: ImageTextModel,
  pairs: readonly ImageCaptionPair[],
  imageEmbeddings: readonly Float32Array[],
): Promise<{ modality: ZeroShotAccuracy; region: ZeroShotAccuracy }> {
  const tallies = {
    modality: { hit: 0, n: 0, counts: new Map<string, number>() },
    region: { hit: 0, n: 0, counts: new Map<string, number>() },
  };
  for (const [i, pair] of pairs.entries()) {
    const results = await zeroShot(model, imageEmbeddings[i] as Float32Array);
    for (const key of ['modality', 'region'] as const) {
      const truth = pair[key];
      if (!truth) continue;
      const t = tallies[key];
      t.n++;
      t.counts.set(truth, (t.counts.get(truth) ?? 0) + 1);
      if (results.find((r) => r.id === key)?.label === truth) t.hit++;
    }
  }
  const summary = (t: (typeof tallies)['modality']): ZeroShotAccuracy => ({
    n: t.n,
    accuracy: t.n === 0 ? 0 : t.hit / t.n,
    majorityBaseline: t.n === 0 ? 0 : Math.max(0, ...t.counts.values()) / t.n,
  });
  return { modality: summary(tallies.modality), region: summary(tallies.region) };
}
