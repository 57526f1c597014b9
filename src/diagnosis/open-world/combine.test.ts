import { describe, expect, it } from 'vitest';
import type { OpenWorldCondition } from '../../knowledge/open-world.js';
import { loadOpenWorldKnowledge } from '../../knowledge/open-world.js';
import { ddxCounterparts, NOT_DDX_COUNTERPARTS } from './combine.js';

const openWorld = (id: string, icd10: string): OpenWorldCondition => ({
  id,
  label: id,
  icd10,
  icd10Source: 'test',
  severity: 3,
  mustNotMiss: false,
  logPrior: 0,
  priorSource: 'test',
  ageOdds: [],
  sexOdds: { male: 1, female: 1 },
  findings: [],
});

describe('ddxCounterparts', () => {
  const ddx = [
    { conditionId: 'acute-bronchitis', icd10: 'J40' },
    { conditionId: 'pneumonia', icd10: 'J18.9' },
  ];

  it('pairs one condition coded differently by the two sources by its id, so it is listed once', () => {
    const pairs = ddxCounterparts(ddx, [openWorld('acute-bronchitis', 'J20.9')]);
    expect(pairs.get('acute-bronchitis')).toBe(0);
  });

  it('falls back to the exact code, then the ICD-10 category', () => {
    const pairs = ddxCounterparts(ddx, [
      openWorld('lobar-pneumonia', 'J18.1'),
      openWorld('bacterial-pneumonia', 'J18.9'),
      openWorld('laryngitis', 'J04.0'),
    ]);
    expect(pairs.get('lobar-pneumonia')).toBe(1);
    expect(pairs.get('bacterial-pneumonia')).toBe(1);
    expect(pairs.has('laryngitis')).toBe(false);
  });

  it('never pairs a different condition that only shares a code or category (tension headache is not cluster headache)', () => {
    const pairs = ddxCounterparts(
      [{ conditionId: 'cluster-headache', icd10: 'G44.009' }],
      [openWorld('tension-headache', 'G44.209'), openWorld('cluster-headache-episodic', 'G44.01')],
    );
    expect(pairs.has('tension-headache')).toBe(false);
    expect(pairs.get('cluster-headache-episodic')).toBe(0);
  });

  it('names only conditions the committed knowledge has', () => {
    const ids = new Set(loadOpenWorldKnowledge().conditions.map((c) => c.id));
    expect([...NOT_DDX_COUNTERPARTS].filter((id) => !ids.has(id))).toEqual([]);
  });
});
