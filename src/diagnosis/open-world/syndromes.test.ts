import { describe, expect, it } from 'vitest';
import { loadOpenWorldKnowledge } from '../../knowledge/open-world.js';
import { RED_FLAG_RULES } from '../../triage/index.js';
import { ddxEngine } from '../ddx-engine.js';
import type { CombinedDifferential, CombinedEntry } from './combine.js';
import { SYNDROME_CONDITIONS, syndromeRatios, weighBySyndromes } from './syndromes.js';

const entry = (conditionId: string, probability: number, supportingFindings = 1): CombinedEntry => ({
  conditionId,
  label: conditionId,
  icd10: 'R69',
  probability,
  severity: 3,
  mustNotMiss: false,
  supportingFindings,
  sources: ['open-world'],
});

const differential: CombinedDifferential = {
  entries: [
    entry('migraine', 0.5),
    entry('tension-headache', 0.2),
    entry('subarachnoid-hemorrhage', 0.04, 0),
  ],
  somethingElse: 0.25,
  ddxGate: 0,
};

describe('SYNDROME_CONDITIONS', () => {
  it('lists only red-flag rules that exist and conditions that the open-world knowledge or the DDXPlus model has', () => {
    const rules = new Set(RED_FLAG_RULES.map((r) => r.id));
    const engine = ddxEngine();
    const known = new Set(loadOpenWorldKnowledge().conditions.map((c) => c.id));
    for (const [ruleId, conditions] of Object.entries(SYNDROME_CONDITIONS)) {
      expect(rules.has(ruleId), ruleId).toBe(true);
      expect(conditions.length, ruleId).toBeGreaterThan(0);
      for (const id of conditions)
        expect(known.has(id) || engine.bridge.conditionIndexOf(id) !== undefined, `${ruleId} → ${id}`).toBe(
          true,
        );
    }
  });

  it('names no condition for the general alarm rules (they point to no one diagnosis)', () => {
    for (const general of [
      'red-flag.new-confusion',
      'red-flag.shock',
      'red-flag.severe-pain-new',
      'red-flag.chest-pain.any',
    ])
      expect(SYNDROME_CONDITIONS[general]).toBeUndefined();
  });
});

describe('syndromeRatios', () => {
  it('gives the full ratio to the most urgent patterns and its square root to the others, the largest per condition', () => {
    const ratios = syndromeRatios(
      [
        { ruleId: 'red-flag.pre-eclampsia-severe', level: 'emergency' },
        { ruleId: 'red-flag.flashes-floaters', level: 'urgent' },
        { ruleId: 'red-flag.retinal-detachment', level: 'urgent' },
      ],
      16,
    );
    expect(ratios.get('preeclampsia')).toBe(16);
    expect(ratios.get('retinal-detachment')).toBe(4);
    expect(ratios.get('vitreous-degeneration')).toBe(4);
    expect(syndromeRatios([{ ruleId: 'red-flag.shock', level: 'emergency' }], 16).size).toBe(0);
  });
});

describe('weighBySyndromes', () => {
  it('applies Bayes rule with the pattern as one more finding: named conditions rise, all shares still add up to 1', () => {
    const out = weighBySyndromes(
      differential,
      [{ ruleId: 'red-flag.headache.thunderclap', level: 'emergency' }],
      10,
    );
    const total = 0.5 + 0.2 + 0.4 + 0.25;
    expect(out.entries[0]!.conditionId).toBe('migraine');
    const sah = out.entries.find((e) => e.conditionId === 'subarachnoid-hemorrhage')!;
    expect(sah.probability).toBeCloseTo(0.4 / total, 10);
    expect(sah.supportingFindings).toBe(1);
    expect(sah.raisedBy).toEqual(['red-flag.headache.thunderclap']);
    expect(out.entries.find((e) => e.conditionId === 'migraine')?.raisedBy).toBeUndefined();
    expect(out.somethingElse).toBeCloseTo(0.25 / total, 10);
    expect(out.entries.reduce((s, e) => s + e.probability, 0) + out.somethingElse).toBeCloseTo(1, 10);
    expect(out.entries.map((e) => e.conditionId)).toEqual([
      'migraine',
      'subarachnoid-hemorrhage',
      'tension-headache',
    ]);
  });

  it('returns the differential unchanged when no listed pattern fired or the ratio is 1', () => {
    expect(weighBySyndromes(differential, [])).toBe(differential);
    expect(weighBySyndromes(differential, [{ ruleId: 'red-flag.shock', level: 'emergency' }])).toBe(
      differential,
    );
    expect(
      weighBySyndromes(differential, [{ ruleId: 'red-flag.headache.thunderclap', level: 'emergency' }], 1),
    ).toBe(differential);
  });
});
