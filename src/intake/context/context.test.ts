import { describe, expect, it } from 'vitest';
import { assertMention } from '../mention.js';

/** ConText for the first occurrence of `phrase` in `text`. */
function context(text: string, phrase: string) {
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`'${phrase}' not in '${text}'`);
  return assertMention(text, start, start + phrase.length);
}

describe('negation', () => {
  it.each([
    ['Denies fever, chills or night sweats.', 'night sweats'],
    ['No cough.', 'cough'],
    ['She has not had any vomiting.', 'vomiting'],
    ["I haven't had any fever.", 'fever'],
    ['Negative for chest pain.', 'chest pain'],
    ['Without haemoptysis.', 'haemoptysis'],
    ['Pulmonary embolism was ruled out.', 'Pulmonary embolism'],
    ['The rash has resolved.', 'rash'],
    ['In no acute distress.', 'acute distress'],
  ])('"%s" → %s negated', (text, phrase) => {
    expect(context(text, phrase).negation).toBe('negated');
  });

  it.each([
    ['Cough with fever.', 'fever'],
    ['No change in her cough.', 'cough'],
    ['She denies fever but has chills.', 'chills'],
    ['Gram negative rods; sepsis.', 'sepsis'],
    ['He was noted to be febrile.', 'febrile'],
  ])('"%s" → %s not negated (pseudo-trigger or terminator)', (text, phrase) => {
    expect(context(text, phrase).negation).toBe('affirmed');
  });

  it('does not carry a denial across sentences', () => {
    expect(context('No fever. Cough for 3 days.', 'Cough').negation).toBe('affirmed');
  });
});

describe('possibility', () => {
  it.each([
    ['Possible pneumonia.', 'pneumonia'],
    ['? pneumonia on the film.', 'pneumonia'],
    ['CT to rule out pulmonary embolism.', 'pulmonary embolism'],
    ['Appendicitis cannot be excluded.', 'Appendicitis'],
  ])('"%s" → %s possible', (text, phrase) => {
    expect(context(text, phrase).negation).toBe('possible');
  });
});

describe('temporality', () => {
  it.each([
    ['History of DVT.', 'DVT'],
    ['She had asthma as a child.', 'asthma'],
    ['Status post appendectomy.', 'appendectomy'],
    ['PMH: hypertension, diabetes.', 'diabetes'],
    ['Previous pneumonia in 2019.', 'pneumonia'],
  ])('"%s" → %s historical', (text, phrase) => {
    expect(context(text, phrase).temporality).toBe('historical');
  });

  it('ends historical scope at "presents with"', () => {
    expect(context('History of asthma who presents with chest pain.', 'chest pain').temporality).toBe(
      'recent',
    );
  });

  it('does not read a "3-day history of" as past history', () => {
    expect(context('A 3-day history of fever.', 'fever').temporality).toBe('recent');
  });

  it.each([
    ['Return if fever develops.', 'fever'],
    ['Advised to call if she becomes short of breath.', 'short of breath'],
  ])('"%s" → %s hypothetical', (text, phrase) => {
    expect(context(text, phrase).temporality).toBe('hypothetical');
  });
});

describe('experiencer', () => {
  it.each([
    ['Family history of colon cancer.', 'colon cancer'],
    ['His mother has diabetes.', 'diabetes'],
    ['FH: brother with asthma.', 'asthma'],
  ])('"%s" → %s other', (text, phrase) => {
    expect(context(text, phrase).experiencer).toBe('other');
  });

  it('treats the reporting relative as informant, not experiencer', () => {
    expect(context('Mother reports fever since Monday.', 'fever').experiencer).toBe('patient');
  });

  it('makes family-history findings historical', () => {
    expect(context('Family history of colon cancer.', 'colon cancer').temporality).toBe('historical');
  });
});
