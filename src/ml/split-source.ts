/**
 * Where a learned model's training code gets its data: one named split at a time. Training reads `train` only (it
 * carves its own calibration part out of it where it needs one); evaluation reads `validation`; nothing in the
 * project reads `test` splits that data sets hold back. `recordingSource` wraps a source and records every read, so
 * a test can prove which splits a training run opened.
 */
export type SplitName = 'train' | 'calibration' | 'validation' | 'test';

export interface SplitSource<T> {
  /** What the splits are (data set, seed, sizes), for model cards. */
  readonly description: string;
  read(split: SplitName): T;
}

/** A source that records, in order, every split read through it. */
export function recordingSource<T>(source: SplitSource<T>): SplitSource<T> & { readonly reads: SplitName[] } {
  const reads: SplitName[] = [];
  return {
    description: source.description,
    reads,
    read(split) {
      reads.push(split);
      return source.read(split);
    },
  };
}
