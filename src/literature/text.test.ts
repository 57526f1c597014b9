import { describe, expect, it } from 'vitest';
import { terms, termsWithSurface } from './text.js';

describe('literature tokenisation', () => {
  it('folds British spellings to American before stemming, so both spellings meet', () => {
    expect(terms('tumours of the oesophagus in paediatric haemophilia')).toEqual(
      terms('tumors of the esophagus in pediatric hemophilia'),
    );
    expect(terms('randomised')).toEqual(terms('randomized'));
  });

  it('keeps hyphenated names whole and split, spells out Greek letters, drops stop words and long numbers', () => {
    expect(terms('COVID-19 and IL-6')).toEqual(['covid19', 'covid', '19', 'il6', 'il', '6']);
    expect(terms('TNF-α levels')).toEqual(['tnf', 'alpha', 'level']);
    expect(terms('the 123456 patients')).toEqual(['patient']);
  });

  it('remembers the surface word of each term for explanations', () => {
    expect([...termsWithSurface('Statins lowered cholesterol').entries()]).toEqual([
      ['statin', 'statins'],
      ['lower', 'lowered'],
      ['cholesterol', 'cholesterol'],
    ]);
  });
});
