import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from './knowledge-base.js';

describe('loadKnowledgeBase', () => {
  it('loads, validates and caches the committed knowledge base', () => {
    const kb = loadKnowledgeBase();
    expect(kb).toBe(loadKnowledgeBase());
    expect(kb.concept('fever')?.ddxplusCode).toBe('E_91');
    expect(kb.fromDdxplusEvidence('E_91')).toEqual({ conceptId: 'fever' });
    expect(kb.fromDdxplusEvidence('E_56_@_7')).toEqual({ conceptId: 'pain.intensity', value: '7' });
    expect(kb.toDdxplus('pain.intensity', '7')).toBe('E_56_@_7');
    expect(kb.fromDdxplusEvidence('E_9999')).toBeUndefined();
    expect(kb.fromDdxplusCondition('Pulmonary embolism')?.id).toBe('pulmonary-embolism');
  });
});
