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
    expect(registerFor({ ageYears: 80, caregiverAnswering: true })).toBe('olderAdult');
  });

  it('uses the child register only for a child, whoever answers', () => {
    expect(registerFor({ ageYears: 4, caregiverAnswering: true })).toBe('child');
    expect(registerFor({ ageYears: 15, caregiverAnswering: true })).toBe('child');
    // A caregiver answering for an adult under 65: not "your child".
    expect(registerFor({ ageYears: 16, caregiverAnswering: true })).toBe('adult');
    expect(registerFor({ ageYears: 40, caregiverAnswering: true })).toBe('adult');
    expect(registerFor({ ageYears: 64, caregiverAnswering: true })).toBe('adult');
    expect(registerFor({ caregiverAnswering: true })).toBe('adult');
    const kb = loadKnowledgeBase();
    for (const concept of kb.concepts) {
      const forCarerOfAdult = questionFor(concept, { ageYears: 40, caregiverAnswering: true });
      expect(forCarerOfAdult, concept.id).toBe(concept.questions.adult);
    }
    expect(questionFor(fever, { ageYears: 40, caregiverAnswering: true })).not.toMatch(/your child/);
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
