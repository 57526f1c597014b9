import { describe, expect, it } from 'vitest';
import { adaDiabetesEngine } from './ada-diabetes.js';
import { GUIDELINE_SETS, guidelineEditions, guidelineSet, supersededWarning } from './guidelines.js';

describe('versioned guideline registry', () => {
  it('has exactly one current edition per guideline, and every superseded one names an existing successor', () => {
    const ids = [...new Set(GUIDELINE_SETS.map((s) => s.id))];
    for (const id of ids) {
      const editions = guidelineEditions(id);
      expect(
        editions.filter((s) => s.status === 'current'),
        id,
      ).toHaveLength(1);
      for (const old of editions.filter((s) => s.status === 'superseded')) {
        expect(old.current).toBe(false);
        expect(old.effectiveTo, `${id} ${old.version}`).toBeDefined();
        const next = guidelineSet(id, old.supersededBy);
        expect(next.published > old.published).toBe(true);
        expect(next.effectiveFrom <= (old.effectiveTo ?? '')).toBe(true);
      }
    }
  });

  it('marks ADA 2023 superseded by the later Standards of Care, and says so in the answer', () => {
    const ada2023 = guidelineSet('ada-standards', '2023');
    expect(ada2023).toMatchObject({ status: 'superseded', current: false, supersededBy: '2024' });
    expect(guidelineSet('ada-standards').version).not.toBe('2023');
    expect(supersededWarning(ada2023)).toMatch(/superseded by 2024/);
    const current = adaDiabetesEngine.run({ hba1cPercent: 6.7, fastingGlucoseMgDl: 130 });
    expect(current.output.guideline).toMatchObject({ status: 'current', current: true });
    const old = adaDiabetesEngine.run({
      hba1cPercent: 6.7,
      fastingGlucoseMgDl: 130,
      standardsEdition: '2023',
    });
    expect(old.output.guideline).toMatchObject({
      version: '2023',
      status: 'superseded',
      supersededBy: '2024',
    });
    expect(old.explanation.warnings?.[0]).toMatch(/superseded/);
    // The thresholds did not change between the editions.
    expect(old.output.diagnosis).toBe(current.output.diagnosis);
  });

  it('stamps status and publication month on every recommendation', () => {
    const r = adaDiabetesEngine.run({ hba1cPercent: 6.6 }).output.recommendations[0];
    expect(r?.guideline).toMatchObject({ id: 'ada-standards', status: 'current' });
    expect(r?.guideline?.published).toMatch(/^\d{4}-\d{2}$/);
  });
});
