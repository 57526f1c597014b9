import { describe, expect, it } from 'vitest';
import type { CombinedDifferential, CombinedEntry } from './combine.js';
import { NEW_COMPLAINT_CHRONIC_FACTOR, weighChronicByCourse } from './course.js';

const entry = (label: string, probability: number): CombinedEntry => ({
  conditionId: label.toLowerCase().replace(/\s+/g, '-'),
  label,
  icd10: 'J00',
  probability,
  severity: 3,
  mustNotMiss: false,
  supportingFindings: 2,
  sources: ['open-world'],
});

const differential: CombinedDifferential = {
  entries: [
    entry('Chronic rhinosinusitis', 0.04),
    entry('Common cold', 0.035),
    entry('Acute bronchitis', 0.025),
  ],
  somethingElse: 0.9,
  ddxGate: 0,
};

describe('weighChronicByCourse', () => {
  it('lowers chronic conditions for a complaint begun this week, keeping the named and "something else" mass', () => {
    const weighed = weighChronicByCourse(differential, 'new');
    expect(weighed.entries[0]?.label).toBe('Common cold');
    const chronic = weighed.entries.find((e) => e.label === 'Chronic rhinosinusitis')!;
    const cold = weighed.entries.find((e) => e.label === 'Common cold')!;
    expect(chronic.probability / cold.probability).toBeCloseTo(
      (0.04 * NEW_COMPLAINT_CHRONIC_FACTOR) / 0.035,
      9,
    );
    expect(weighed.entries.reduce((s, e) => s + e.probability, 0)).toBeCloseTo(0.1, 12);
    expect(weighed.somethingElse).toBe(0.9);
  });

  it('leaves the differential alone for any other course', () => {
    for (const course of ['subacute', 'long-standing', 'unknown'] as const)
      expect(weighChronicByCourse(differential, course)).toBe(differential);
  });
});
