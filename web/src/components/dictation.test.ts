import { describe, expect, it } from 'vitest';
import { insertDictation } from './dictation.js';

describe('insertDictation', () => {
  it('appends dictated text after one space, alone in an empty box, and ignores silence', () => {
    expect(insertDictation('', ' cough for five days ')).toBe('cough for five days');
    expect(insertDictation('Patient has', 'a cough')).toBe('Patient has a cough');
    expect(insertDictation('Patient has\n', 'a cough')).toBe('Patient has\na cough');
    expect(insertDictation('Patient has', '   ')).toBe('Patient has');
  });
});
