import { describe, expect, it } from 'vitest';
import { phraseKey, stem, tokenize } from './tokens.js';

describe('tokenize', () => {
  it('keeps offsets into the source text', () => {
    const text = 'Pt c/o SOB, N/V x 3 days; BP 140/90.';
    for (const token of tokenize(text)) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it('keeps slash abbreviations, ratios, decimals and dotted abbreviations whole', () => {
    const texts = tokenize('h/o N/V s/p 140/90 5.2 p.o. b.i.d').map((t) => t.text);
    expect(texts).toEqual(['h/o', 'N/V', 's/p', '140/90', '5.2', 'p.o.', 'b.i.d']);
  });

  it('splits hyphenated words so hyphenated and spaced spellings match alike', () => {
    expect(phraseKey('low-back pain')).toBe(phraseKey('low back pain'));
    expect(tokenize('58-year-old').map((t) => t.text)).toEqual(['58', 'year', 'old']);
  });
});

describe('stem', () => {
  it('keeps the decimal point of a number and drops the dots of an abbreviation', () => {
    expect(stem('1.5')).toBe('1.5');
    expect(stem('p.o.')).toBe('po');
  });

  it('maps inflections to one form', () => {
    expect(stem('wheezes')).toBe(stem('wheezing'));
    expect(stem('wheeze')).toBe(stem('wheezing'));
    expect(stem('fevers')).toBe(stem('fever'));
    expect(stem('Coughing')).toBe(stem('cough'));
    expect(stem('denies')).toBe(stem('deny'));
  });

  it('does not turn "noted" into the negation "not"', () => {
    expect(stem('noted')).not.toBe(stem('not'));
  });

  it('leaves short words and numbers alone', () => {
    expect(stem('has')).toBe('has');
    expect(stem('120')).toBe('120');
  });
});
