import { describe, expect, it } from 'vitest';
import { recordingSource, type SplitSource } from './split-source.js';

describe('recordingSource', () => {
  it('records every split read, in order, and passes the data through', () => {
    const source: SplitSource<number[]> = {
      description: 'toy',
      read: (split) => (split === 'train' ? [1, 2, 3] : [9]),
    };
    const recorded = recordingSource(source);
    expect(recorded.read('train')).toEqual([1, 2, 3]);
    expect(recorded.read('validation')).toEqual([9]);
    expect(recorded.reads).toEqual(['train', 'validation']);
    expect(recorded.description).toBe('toy');
  });
});
