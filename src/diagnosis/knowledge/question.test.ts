import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from './knowledge-base.js';
import { questionFor, registerFor } from './question.js';

describe('questionFor', () => {
  const fever = loadKnowledgeBase().concept('fever')!;

  it('chooses the register by age and by who answers', () => {
    expect(registerFor({})).toBe('adult');
    expect(registerFor({ ageYears: 16 })).toBe('adult');
    expect(registerFor({ ageYears: 64 })).toBe('adult');
    expect(registerFor({ ageYears: 65 })).toBe('olderAdult');
    expect(registerFor({ ageYears: 15 })).toBe('child');
    expect(registerFor({ ageYears: 0 })).toBe('child');
    expect(registerFor({ ageYears: 40, caregiverAnswering: true })).toBe('child');
    expect(registerFor({ caregiverAnswering: true })).toBe('child');
    expect(registerFor({ ageYears: 80, caregiverAnswering: true })).toBe('olderAdult');
  });

  it('returns a different wording for each register', () => {
    const adult = questionFor(fever, { ageYears: 40 });
    const olderAdult = questionFor(fever, { ageYears: 78 });
    const child = questionFor(fever, { ageYears: 4 });
    expect(adult).toBe(fever.questions.adult);
    expect(olderAdult).toBe(fever.questions.olderAdult);
    expect(child).toBe(fever.questions.child);
    expect(new Set([adult, olderAdult, child]).size).toBe(3);
    expect(child).toMatch(/your child/);
  });
});
