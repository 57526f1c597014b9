import { describe, expect, it } from 'vitest';
import { ddxEngine } from './ddx-engine.js';

const engine = ddxEngine();

/** DDXPlus follow-ups whose parent question the release does not define (E_37, E_69, E_87, E_118, E_123). */
const ORPHAN_CODES = ['E_37', 'E_69', 'E_87', 'E_118', 'E_123'];

describe('follow-up findings whose DDXPlus parent is undefined', () => {
  it.each(ORPHAN_CODES)('%s present is read as a finding, not an error', (code) => {
    const mapped = engine.bridge.kb.fromDdxplusEvidence(code);
    expect(mapped).toBeDefined();
    const concept = engine.bridge.kb.concept(mapped!.conceptId)!;
    const value =
      concept.type === 'binary' ? {} : { value: concept.values?.[1]?.id ?? concept.values?.[0]?.id };
    const result = engine.run({
      patient: { ageYears: 50, sex: 'female' },
      findings: [{ conceptId: concept.id, status: 'present', ...value }],
    });
    expect(result.output.differential.entries.length).toBeGreaterThan(0);
  });
});
