import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_BASE_DATA } from './content/index.js';
import { BODY_LOCATIONS } from './content/values/body-locations.js';
import { PAIN_SITE_IDS } from './content/values/pain-locations.js';
import { createKnowledgeBase, loadKnowledgeBase, valueConceptId } from './knowledge-base.js';
import { validateKnowledgeBase } from './schema.js';

describe('loadKnowledgeBase', () => {
  const kb = loadKnowledgeBase();

  it('loads, validates and caches the committed knowledge base', () => {
    expect(kb).toBe(loadKnowledgeBase());
    expect(() => validateKnowledgeBase(KNOWLEDGE_BASE_DATA)).not.toThrow();
    expect(kb.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('has one concept per DDXPlus evidence (223: 110 symptoms, 113 antecedents) plus extensions', () => {
    const ddxplus = kb.concepts.filter((concept) => !concept.extension);
    expect(ddxplus).toHaveLength(223);
    expect(new Set(ddxplus.map((concept) => concept.ddxplusCode)).size).toBe(223);
    expect(ddxplus.filter((concept) => concept.kind === 'symptom')).toHaveLength(110);
    expect(ddxplus.filter((concept) => concept.kind === 'antecedent')).toHaveLength(113);
    const count = (type: string) => ddxplus.filter((concept) => concept.type === type).length;
    // DDXPlus: 208 binary, 10 categorical (6 of them 0–10 scales), 5 multi-choice.
    expect(count('binary')).toBe(208);
    expect(count('categorical')).toBe(4);
    expect(count('scale-0-10')).toBe(6);
    expect(count('multi-choice')).toBe(5);
  });

  it('gives every concept a label, three distinct question registers and at least one synonym', () => {
    for (const concept of kb.concepts) {
      const { adult, olderAdult, child } = concept.questions;
      expect(new Set([adult, olderAdult, child]).size, concept.id).toBe(3);
      expect(concept.synonyms.length, concept.id).toBeGreaterThan(0);
      for (const synonym of concept.synonyms) expect(synonym, concept.id).toBe(synonym.toLowerCase());
    }
  });

  it('words questions for older adults in fewer words on average than for adults', () => {
    const words = (text: string) => text.split(/\s+/).length;
    const mean = (register: 'adult' | 'olderAdult') =>
      kb.concepts.reduce((sum, concept) => sum + words(concept.questions[register]), 0) / kb.concepts.length;
    expect(mean('olderAdult')).toBeLessThan(mean('adult'));
  });

  it('has the 49 conditions with ICD-10 codes, severities and must-not-miss flags', () => {
    expect(kb.conditions).toHaveLength(49);
    for (const condition of kb.conditions) {
      expect(condition.icd10, condition.id).toMatch(/^[A-Z]\d{2}/);
      expect([1, 2, 3, 4, 5]).toContain(condition.severity);
      expect(condition.mustNotMiss, condition.id).toBe(condition.severity <= 2);
      expect(condition.description.length, condition.id).toBeGreaterThan(40);
      expect(condition.typicalConceptIds.length, condition.id).toBeGreaterThan(0);
    }
    // DDXPlus severities: five at 1, twelve at 2.
    expect(kb.conditions.filter((condition) => condition.mustNotMiss)).toHaveLength(17);
    expect(kb.condition('pulmonary-embolism')).toMatchObject({
      icd10: 'I26',
      severity: 2,
      mustNotMiss: true,
    });
    expect(kb.condition('anaphylaxis')).toMatchObject({ icd10: 'T78.0', severity: 1 });
    expect(kb.fromDdxplusCondition('Larygospasm')?.id).toBe('laryngospasm');
    expect(kb.fromDdxplusCondition('Allergic sinusitis')?.id).toBe('allergic-rhinitis');
    expect(kb.fromDdxplusCondition('Laryngospasm')).toBeUndefined();
  });

  it('maps DDXPlus codes to concepts and values and back', () => {
    expect(kb.fromDdxplusEvidence('E_91')).toEqual({ conceptId: 'fever' });
    expect(kb.fromDdxplusEvidence('E_54_@_V_181')).toEqual({ conceptId: 'pain.character', value: 'burning' });
    expect(kb.fromDdxplusEvidence('E_55_@_V_101')).toEqual({
      conceptId: 'pain.location',
      value: 'upper-chest',
    });
    expect(kb.fromDdxplusEvidence('E_56_@_7')).toEqual({ conceptId: 'pain.intensity', value: '7' });
    expect(kb.fromDdxplusEvidence('E_204_@_V_1')).toEqual({
      conceptId: 'travel.abroad-4-weeks',
      value: 'west-africa',
    });
    expect(kb.toDdxplus('pain.location', 'upper-chest')).toBe('E_55_@_V_101');
    expect(kb.toDdxplus('pain.intensity', '7')).toBe('E_56_@_7');
    expect(kb.toDdxplus('fever')).toBe('E_91');
    expect(kb.fromDdxplusEvidence('E_9999')).toBeUndefined();
    expect(kb.fromDdxplusEvidence('E_54_@_V_9999')).toBeUndefined();
    expect(kb.fromDdxplusEvidence('E_56_@_11')).toBeUndefined();
    expect(kb.toDdxplus('pain.intensity', '11')).toBeUndefined();
    expect(kb.toDdxplus('pain.location', 'moon')).toBeUndefined();
    expect(kb.toDdxplus('no-such-concept')).toBeUndefined();
  });

  it('names pain sites the way notes do, on pain.location only', () => {
    const upperChest = kb.concept('pain.location')?.values?.find((value) => value.id === 'upper-chest');
    expect(upperChest?.synonyms).toEqual(expect.arrayContaining(['chest pain', 'cp']));
    const rashSite = kb.concept('skin-lesion.location')?.values?.find((value) => value.id === 'upper-chest');
    expect(rashSite?.synonyms).not.toContain('chest pain');
    const siteIds = new Set(BODY_LOCATIONS.map((site) => site.id));
    for (const id of PAIN_SITE_IDS) expect(siteIds.has(id), id).toBe(true);
  });

  it('gives common clinical abbreviations to the concepts they stand for', () => {
    const byAbbreviation = (abbreviation: string) =>
      kb.concepts
        .filter((concept) => concept.abbreviations.includes(abbreviation))
        .map((concept) => concept.id);
    expect(byAbbreviation('SOB')).toEqual(['dyspnea']);
    expect(byAbbreviation('PND')).toEqual(['paroxysmal-nocturnal-dyspnea']);
    expect(byAbbreviation('N/V')).toEqual(['nausea', 'vomiting']);
    expect(byAbbreviation('DVT')).toEqual(['history.dvt']);
    expect(byAbbreviation('COPD')).toEqual(['history.copd']);
  });

  it('links follow-up questions to their parent', () => {
    expect(kb.concept('pain.location')?.parentId).toBe('pain');
    expect(kb.concept('skin-lesion.itch')?.parentId).toBe('skin-lesion');
    expect(kb.concept('swelling.location')?.parentId).toBe('swelling');
    expect(kb.concept('fever')?.parentId).toBeUndefined();
  });

  it('keeps extension concepts out of the DDXPlus mapping but lets them imply their parent code', () => {
    const remittent = kb.concept('fever.pattern.remittent');
    expect(remittent).toMatchObject({ parentId: 'fever', ddxplusCode: 'E_91', extension: true });
    expect(kb.toDdxplus('fever.pattern.remittent')).toBe('E_91');
    expect(kb.fromDdxplusEvidence('E_91')).toEqual({ conceptId: 'fever' });
    expect(kb.concept('sweating.night')?.parentId).toBe('sweating');
    expect(kb.concept('fever')?.synonyms).toContain('febrile');
  });

  it('resolves concept ids and value concept ids', () => {
    expect(kb.resolve('pain.character')?.value).toBeUndefined();
    const burning = kb.resolve(valueConceptId('pain.character', 'burning'));
    expect(burning?.concept.id).toBe('pain.character');
    expect(burning?.value?.id).toBe('burning');
    expect(kb.resolve('pain.character.velvety')).toBeUndefined();
  });

  it('builds an independent knowledge base from other validated data', () => {
    const small = createKnowledgeBase(
      validateKnowledgeBase({
        version: 'x',
        concepts: [kb.concept('fever')],
        conditions: [{ ...kb.condition('influenza')!, typicalConceptIds: ['fever'] }],
      }),
    );
    expect(small.concepts).toHaveLength(1);
    expect(small.fromDdxplusEvidence('E_201')).toBeUndefined();
  });
});

describe('text-matching synonyms', () => {
  const kb = loadKnowledgeBase();
  const norm = (term: string) => term.toLowerCase().replace(/[-\s]+/g, ' ');
  const namedBy = (term: string) =>
    kb.concepts
      .filter((c) => [c.label, ...c.synonyms, ...c.abbreviations].some((t) => norm(t) === norm(term)))
      .map((c) => c.id);

  it('names one concept for each phrase the intake found ambiguous', () => {
    expect(namedBy('weight loss')).toEqual(['weight-loss.unintentional']);
    expect(namedBy('losing weight')).toEqual(['weight-loss.unintentional']);
    expect(namedBy('HTN')).toEqual(['history.hypertension']);
    expect(namedBy('COPD')).toEqual(['history.copd']);
    expect(namedBy('hay fever')).toEqual(['history.atopy']);
    expect(namedBy('after a cold')).toEqual(['history.recent-cold']);
  });

  it('lists no term that names something else in notes (a measurement, room air, normal saline)', () => {
    for (const term of ['discharge', 'RA', 'NS', 'temperature', 'temp', 'pack-years', 'PY'])
      expect(namedBy(term), term).toEqual([]);
  });
});
