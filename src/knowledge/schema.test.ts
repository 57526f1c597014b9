import { describe, expect, it } from 'vitest';
import { KnowledgeBaseError, validateKnowledgeBase } from './schema.js';

/** A small valid knowledge base; each test breaks one thing in a copy of it. */
function smallKnowledgeBase() {
  const registers = (what: string) => ({
    adult: `Do you have ${what}?`,
    olderAdult: `Any ${what}?`,
    child: `Does your child have ${what}?`,
  });
  return {
    version: 'test',
    concepts: [
      {
        id: 'pain',
        label: 'Pain',
        type: 'binary',
        kind: 'symptom',
        questions: registers('pain'),
        synonyms: ['ache'],
        abbreviations: [],
        ddxplusCode: 'E_53',
      },
      {
        id: 'pain.character',
        label: 'Character of the pain',
        type: 'multi-choice',
        kind: 'symptom',
        questions: registers('a kind of pain'),
        synonyms: [],
        abbreviations: [],
        parentId: 'pain',
        values: [
          { id: 'not-applicable', label: 'Not applicable', synonyms: [], ddxplusCode: 'V_11' },
          { id: 'burning', label: 'Burning', synonyms: ['burns'], ddxplusCode: 'V_181' },
        ],
        ddxplusCode: 'E_54',
        defaultValue: 'not-applicable',
      },
    ],
    conditions: [
      {
        id: 'gerd',
        label: 'Reflux',
        icd10: 'K21',
        severity: 3,
        mustNotMiss: false,
        description: 'Acid reflux.',
        ddxplusName: 'GERD',
        typicalConceptIds: ['pain', 'pain.character'],
      },
    ],
  };
}

function problemsOf(raw: unknown): readonly string[] {
  try {
    validateKnowledgeBase(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeBaseError);
    return (error as KnowledgeBaseError).problems;
  }
  throw new Error('expected the knowledge base to be rejected');
}

describe('validateKnowledgeBase', () => {
  it('accepts a small valid knowledge base', () => {
    const data = validateKnowledgeBase(smallKnowledgeBase());
    expect(data.concepts.map((concept) => concept.id)).toEqual(['pain', 'pain.character']);
  });

  it('rejects a duplicate concept id, naming it', () => {
    const kb = smallKnowledgeBase();
    kb.concepts.push({ ...kb.concepts[0]!, ddxplusCode: 'E_1' });
    expect(problemsOf(kb)).toEqual(["concept 'pain': duplicate concept id"]);
  });

  it('rejects two concepts with the same DDXPlus code', () => {
    const kb = smallKnowledgeBase();
    kb.concepts.push({ ...kb.concepts[0]!, id: 'pain2' });
    expect(problemsOf(kb)).toEqual(["concept 'pain2': DDXPlus code E_53 already used by concept 'pain'"]);
  });

  it('rejects a dangling parentId', () => {
    const kb = smallKnowledgeBase();
    kb.concepts[1]!.parentId = 'painn';
    expect(problemsOf(kb)).toEqual(["concept 'pain.character': parentId 'painn' is not a concept"]);
  });

  it('rejects a parent cycle', () => {
    const kb = smallKnowledgeBase();
    Object.assign(kb.concepts[0]!, { parentId: 'pain.character' });
    expect(problemsOf(kb).join('\n')).toMatch(/parentId chain loops back/);
  });

  it('rejects a defaultValue that is not one of the values', () => {
    const kb = smallKnowledgeBase();
    kb.concepts[1]!.defaultValue = 'nowhere';
    expect(problemsOf(kb)).toEqual([
      "concept 'pain.character': defaultValue 'nowhere' is not one of its values",
    ]);
  });

  it('rejects duplicate value ids and values on a binary concept', () => {
    const kb = smallKnowledgeBase();
    const values = kb.concepts[1]!.values!;
    values.push({ ...values[1]!, ddxplusCode: 'V_182' });
    Object.assign(kb.concepts[0]!, { values });
    expect(problemsOf(kb)).toEqual([
      "concept 'pain': a binary concept must not list values",
      "concept 'pain': duplicate value id 'burning'",
      "concept 'pain.character': duplicate value id 'burning'",
    ]);
  });

  it('rejects a dangling typicalConceptId', () => {
    const kb = smallKnowledgeBase();
    kb.conditions[0]!.typicalConceptIds.push('heartburn');
    expect(problemsOf(kb)).toEqual(["condition 'gerd': typicalConceptId 'heartburn' is not a concept"]);
  });

  it('rejects a missing question register, naming the item and the field', () => {
    const kb = smallKnowledgeBase();
    const { child: _child, ...withoutChild } = kb.concepts[1]!.questions;
    Object.assign(kb.concepts[1]!, { questions: withoutChild });
    const problems = problemsOf(kb);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^concepts\[1\] \(pain\.character\)\.questions\.child: /);
  });

  it('rejects an empty question', () => {
    const kb = smallKnowledgeBase();
    kb.concepts[0]!.questions.olderAdult = '   ';
    expect(problemsOf(kb)[0]).toMatch(/^concepts\[0\] \(pain\)\.questions\.olderAdult: must not be empty/);
  });

  it('rejects a severe condition not flagged must-not-miss, and a malformed ICD-10 code', () => {
    const kb = smallKnowledgeBase();
    Object.assign(kb.conditions[0]!, { severity: 2 });
    expect(problemsOf(kb)).toEqual(["condition 'gerd': severity 2 must be flagged mustNotMiss"]);
    Object.assign(kb.conditions[0]!, { icd10: 'k21' });
    expect(problemsOf(kb)[0]).toMatch(/^conditions\[0\] \(gerd\)\.icd10: must be an upper-case ICD-10 code/);
  });

  it('rejects a value id that collides with a concept id', () => {
    const kb = smallKnowledgeBase();
    kb.concepts.push({ ...kb.concepts[0]!, id: 'pain.character.burning', ddxplusCode: 'E_2' });
    expect(problemsOf(kb)).toEqual([
      "concept 'pain.character': value id 'pain.character.burning' collides with a concept id",
    ]);
  });

  it('rejects an extension concept that does not carry its parent code', () => {
    const kb = smallKnowledgeBase();
    kb.concepts.push({
      ...kb.concepts[0]!,
      id: 'pain.night',
      parentId: 'pain',
      ddxplusCode: 'E_9',
      extension: true,
    } as never);
    expect(problemsOf(kb)).toEqual([
      "concept 'pain.night': an extension concept carries its parent's DDXPlus code E_53",
    ]);
  });

  it('lists every problem in one error message', () => {
    const kb = smallKnowledgeBase();
    kb.concepts[1]!.parentId = 'nothing';
    kb.conditions[0]!.typicalConceptIds.push('nothing-either');
    expect(() => validateKnowledgeBase(kb)).toThrow(
      /invalid knowledge base \(2 problems\):\n- concept 'pain.character': parentId 'nothing' is not a concept\n- condition 'gerd': typicalConceptId 'nothing-either' is not a concept/,
    );
  });
});

describe('familyHistoryOf', () => {
  const withFamily = (familyHistoryOf: readonly string[], type = 'binary') => {
    const kb = smallKnowledgeBase();
    const family = {
      ...kb.concepts[0]!,
      id: 'family.pain',
      label: 'Family history of pain',
      type,
      ddxplusCode: 'E_99',
      familyHistoryOf,
    };
    return { ...kb, concepts: [...kb.concepts, family] };
  };

  it('accepts a family concept of an existing yes/no concept', () => {
    const data = validateKnowledgeBase(withFamily(['pain']));
    expect(data.concepts.find((c) => c.id === 'family.pain')?.familyHistoryOf).toEqual(['pain']);
  });

  it('rejects a dangling, self or non-binary link', () => {
    expect(problemsOf(withFamily(['pain.missing']))).toEqual([
      "concept 'family.pain': familyHistoryOf 'pain.missing' is not a concept",
    ]);
    expect(problemsOf(withFamily(['family.pain']))).toEqual([
      "concept 'family.pain': familyHistoryOf names itself",
    ]);
    expect(problemsOf(withFamily(['pain.character']))).toEqual([
      "concept 'family.pain': familyHistoryOf links yes/no concepts only ('pain.character')",
    ]);
  });

  it('rejects two family concepts of one history concept', () => {
    const kb = withFamily(['pain']);
    const second = { ...kb.concepts[2]!, id: 'family.pain-2', ddxplusCode: 'E_98' };
    expect(problemsOf({ ...kb, concepts: [...kb.concepts, second] })).toEqual([
      "concept 'family.pain-2': 'pain' is already the family history of 'family.pain'",
    ]);
  });
});
