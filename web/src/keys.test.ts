import { describe, expect, it } from 'vitest';
import { withKeys } from './keys.js';

describe('withKeys', () => {
  it('numbers repeated content keys so every key is unique and stable', () => {
    const keyed = withKeys(['fever', 'cough', 'fever', 'fever'], (item) => item);
    expect(keyed.map((k) => k.key)).toEqual(['fever', 'cough', 'fever#2', 'fever#3']);
    expect(keyed.map((k) => k.item)).toEqual(['fever', 'cough', 'fever', 'fever']);
  });
});
