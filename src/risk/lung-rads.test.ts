import { describe, expect, it } from 'vitest';
import { changeFromMeasurements, type LungRadsInput, lungRadsEngine } from './lung-rads.js';

function category(input: LungRadsInput): string | undefined {
  return lungRadsEngine.run(input).output.category;
}

describe('Lung-RADS v2022 categories (worked examples derived from the ACR table)', () => {
  it.each([
    [{ finding: 'solid', meanDiameterMm: 5.9 }, '2'],
    [{ finding: 'solid', meanDiameterMm: 6.0 }, '3'],
    [{ finding: 'solid', meanDiameterMm: 8.0 }, '4A'],
    [{ finding: 'solid', meanDiameterMm: 15.0 }, '4B'],
    [{ finding: 'part-solid', meanDiameterMm: 5, solidComponentMm: 3 }, '2'],
    [{ finding: 'part-solid', meanDiameterMm: 10, solidComponentMm: 5 }, '3'],
    [{ finding: 'part-solid', meanDiameterMm: 10, solidComponentMm: 7 }, '4A'],
    [{ finding: 'part-solid', meanDiameterMm: 10, solidComponentMm: 8 }, '4B'],
    [{ finding: 'nonsolid', meanDiameterMm: 29.9 }, '2'],
    [{ finding: 'nonsolid', meanDiameterMm: 30 }, '3'],
    [{ finding: 'juxtapleural', meanDiameterMm: 9.9 }, '2'],
    [{ finding: 'juxtapleural', meanDiameterMm: 10 }, '4A'],
    [{ finding: 'airway', airwayLocation: 'subsegmental' }, '2'],
    [{ finding: 'airway', airwayLocation: 'segmental-or-proximal' }, '4A'],
    [{ finding: 'atypical-cyst', cyst: 'thick-walled' }, '4A'],
    [{ finding: 'benign' }, '1'],
    [{ finding: 'none' }, '1'],
    [{ finding: 'solid', meanDiameterMm: 7, suspiciousFeatures: true }, '4X'],
    [{ finding: 'solid', meanDiameterMm: 10, suspiciousFeatures: true }, '4X'],
    [{ finding: 'solid', meanDiameterMm: 20, suspiciousFeatures: true }, '4X'],
    // 4X applies only to categories 3 and 4.
    [{ finding: 'solid', meanDiameterMm: 5, suspiciousFeatures: true }, '2'],
    [{ finding: 'solid', meanDiameterMm: 5, significantOtherFinding: true }, '2S'],
    [{ finding: 'solid', meanDiameterMm: 5, incomplete: 'infection-suspected' }, '0'],
  ] as const)('baseline %j → %s', (nodule, expected) => {
    expect(category({ scan: 'baseline', ...nodule })).toBe(expected);
  });

  it.each([
    [{ finding: 'solid', meanDiameterMm: 3.9, change: 'new' }, '2'],
    [{ finding: 'solid', meanDiameterMm: 5, change: 'new' }, '3'],
    [{ finding: 'solid', meanDiameterMm: 7, change: 'new' }, '4A'],
    [{ finding: 'solid', meanDiameterMm: 8, change: 'new' }, '4B'],
    [{ finding: 'solid', meanDiameterMm: 7, change: 'growing' }, '4A'],
    [{ finding: 'solid', meanDiameterMm: 9, change: 'growing' }, '4B'],
    [{ finding: 'solid', meanDiameterMm: 6, change: 'slow-growing' }, '4B'],
    [{ finding: 'part-solid', meanDiameterMm: 5, solidComponentMm: 2, change: 'new' }, '3'],
    [{ finding: 'part-solid', meanDiameterMm: 9, solidComponentMm: 3, change: 'growing' }, '4A'],
    [{ finding: 'part-solid', meanDiameterMm: 9, solidComponentMm: 4, change: 'new' }, '4B'],
    [{ finding: 'nonsolid', meanDiameterMm: 35, change: 'stable' }, '2'],
    // Stepped management (v2022): 3 stable at 6 months → 2; 4A stable at 3 months → 3; airway excluded.
    [{ finding: 'solid', meanDiameterMm: 7, change: 'stable', priorCategory: '3' }, '2'],
    [{ finding: 'solid', meanDiameterMm: 9, change: 'stable', priorCategory: '4A' }, '3'],
    [{ finding: 'solid', meanDiameterMm: 9, change: 'decreased', priorCategory: '4A' }, '3'],
    [
      { finding: 'airway', airwayLocation: 'segmental-or-proximal', change: 'stable', priorCategory: '4A' },
      '4B',
    ],
    [{ finding: 'atypical-cyst', cyst: 'growing-multilocular', change: 'growing' }, '4B'],
    [{ finding: 'atypical-cyst', cyst: 'growing-cystic-component', change: 'growing' }, '3'],
  ] as const)('follow-up %j → %s', (nodule, expected) => {
    expect(category({ scan: 'follow-up', ...nodule })).toBe(expected);
  });

  it('4A management names PET/CT for a solid nodule ≥ 8 mm; 4B/4X names tissue sampling', () => {
    const fourA = lungRadsEngine.run({ scan: 'baseline', finding: 'solid', meanDiameterMm: 8 });
    expect(fourA.output.recommendations.map((r) => r.action)).toEqual(['ldct-3-months', 'pet-ct']);
    const sixMm4A = lungRadsEngine.run({
      scan: 'follow-up',
      finding: 'solid',
      meanDiameterMm: 6,
      change: 'new',
    });
    expect(sixMm4A.output.recommendations.map((r) => r.action)).toEqual(['ldct-3-months']);
    const fourX = lungRadsEngine.run({
      scan: 'baseline',
      finding: 'solid',
      meanDiameterMm: 9,
      suspiciousFeatures: true,
    });
    expect(fourX.output.recommendations.map((r) => r.action)).toEqual([
      'diagnostic-ct',
      'pet-ct',
      'tissue-sampling',
      'referral',
    ]);
    expect(fourX.output.guideline).toMatchObject({ id: 'lung-rads', version: 'v2022', current: true });
    expect(fourX.explanation.warnings ?? []).toEqual([]);
  });

  it('category 3 → 6-month LDCT; 1 and 2 → 12 months; 0 with infection → 1–3 months', () => {
    expect(
      lungRadsEngine.run({ scan: 'baseline', finding: 'solid', meanDiameterMm: 6 }).output.recommendations[0]
        ?.action,
    ).toBe('ldct-6-months');
    expect(
      lungRadsEngine.run({ scan: 'baseline', finding: 'solid', meanDiameterMm: 3 }).output.recommendations[0]
        ?.action,
    ).toBe('ldct-12-months');
    expect(
      lungRadsEngine.run({ scan: 'baseline', finding: 'none', incomplete: 'infection-suspected' }).output
        .recommendations[0]?.action,
    ).toBe('ldct-1-3-months');
  });
});

describe('Lung-RADS growth from measurements', () => {
  it('> 1.5 mm within 12 months is growth; ≤ 1.5 mm is stable', () => {
    // 6.0 → 7.6 mm in 12 months: +1.6 mm > 1.5 → growing, < 8 mm → 4A
    const grown = lungRadsEngine.run({
      scan: 'follow-up',
      finding: 'solid',
      meanDiameterMm: 7.6,
      priorMeanDiameterMm: 6,
      monthsSincePrior: 12,
    });
    expect(grown.output.category).toBe('4A');
    expect(grown.explanation.rulesFired?.[0]).toMatch(/→ growing/);
    // 6.0 → 7.5 mm: +1.5 mm is not > 1.5 → stable; with prior category 3 at 6 months → 2
    expect(
      category({
        scan: 'follow-up',
        finding: 'solid',
        meanDiameterMm: 7.5,
        priorMeanDiameterMm: 6,
        monthsSincePrior: 6,
        priorCategory: '3',
      }),
    ).toBe('2');
    // More than 12 months: not called growth; the caller must give change (e.g. slow-growing).
    expect(() =>
      lungRadsEngine.run({
        scan: 'follow-up',
        finding: 'solid',
        meanDiameterMm: 9,
        priorMeanDiameterMm: 6,
        monthsSincePrior: 24,
      }),
    ).toThrow(/change is required/);
  });
});

describe('Lung-RADS v2022 boundaries (compared in tenths of a mm)', () => {
  const followUp = (meanDiameterMm: number, priorMeanDiameterMm: number) =>
    lungRadsEngine.run({
      scan: 'follow-up',
      finding: 'solid',
      meanDiameterMm,
      priorMeanDiameterMm,
      monthsSincePrior: 12,
    });

  it.each([
    [3.9, 5.4, 'stable'],
    [4.0, 5.5, 'stable'],
    [4.0, 5.6, 'growing'],
    [6.1, 7.6, 'stable'],
    [6.1, 7.7, 'growing'],
    [7.0, 5.5, 'stable'],
    [7.0, 5.4, 'decreased'],
  ] as const)('%s → %s mm in 12 months is %s', (prior, current, change) => {
    expect(changeFromMeasurements(current, prior, 12)).toBe(change);
  });

  it('the same +1.5 mm gives the same category wherever it lies (no floating-point growth)', () => {
    // Neither is growth: both are size-only 2 (< 6 mm), annual screening.
    expect(followUp(5.4, 3.9).output.category).toBe('2');
    expect(followUp(5.5, 4.0).output.category).toBe('2');
    // +1.6 mm is growth: growing < 8 mm → 4A (3-month LDCT).
    expect(followUp(5.6, 4.0).output.category).toBe('4A');
  });

  it.each([
    [5.94, '2'],
    [5.95, '3'],
    [7.9, '3'],
    [8.0, '4A'],
    [14.9, '4A'],
    [15.0, '4B'],
  ] as const)('baseline solid %s mm (reported to one decimal) → %s', (mm, expected) => {
    expect(category({ scan: 'baseline', finding: 'solid', meanDiameterMm: mm })).toBe(expected);
  });

  it('a segmental or more proximal airway nodule stable or growing on follow-up is 4B, whatever the prior', () => {
    const airway = { scan: 'follow-up', finding: 'airway', airwayLocation: 'segmental-or-proximal' } as const;
    expect(category({ ...airway, change: 'stable' })).toBe('4B');
    expect(category({ ...airway, change: 'growing' })).toBe('4B');
    expect(category({ ...airway, change: 'stable', priorCategory: '4B' })).toBe('4B');
    expect(category({ ...airway, change: 'new' })).toBe('4A');
    expect(category({ scan: 'baseline', finding: 'airway', airwayLocation: 'segmental-or-proximal' })).toBe(
      '4A',
    );
  });

  it('never downgrades an existing 4B on follow-up unless proven benign', () => {
    // A new 9 mm solid nodule was 4B; stable at follow-up, size alone would say 4A.
    const stable = { scan: 'follow-up', finding: 'solid', meanDiameterMm: 9, change: 'stable' } as const;
    expect(category(stable)).toBe('4A');
    expect(category({ ...stable, priorCategory: '4B' })).toBe('4B');
    expect(category({ ...stable, priorCategory: '4X' })).toBe('4B');
    expect(category({ ...stable, priorCategory: '4B', provenBenign: true })).toBe('2');
  });

  it('accepts every prior category; a nodule stepped down to 2 is not re-flagged at each annual scan', () => {
    for (const priorCategory of ['0', '1', '2', '3', '4A', '4B', '4X'] as const) {
      expect(() =>
        lungRadsEngine.run({
          scan: 'follow-up',
          finding: 'solid',
          meanDiameterMm: 7,
          change: 'stable',
          priorCategory,
        }),
      ).not.toThrow();
    }
    // 7 mm solid: 3 at baseline, stable at 6 months → 2, and stays 2 at the annual scans while stable.
    const annual = { scan: 'follow-up', finding: 'solid', meanDiameterMm: 7, change: 'stable' } as const;
    expect(category({ ...annual, priorCategory: '3' })).toBe('2');
    expect(category({ ...annual, priorCategory: '2' })).toBe('2');
    // Growth still re-flags it.
    expect(
      category({
        scan: 'follow-up',
        finding: 'solid',
        meanDiameterMm: 7,
        change: 'growing',
        priorCategory: '2',
      }),
    ).toBe('4A');
  });

  it('a solid or part-solid lesion over 30 mm is a mass: no nodule category', () => {
    const mass = lungRadsEngine.run({ scan: 'baseline', finding: 'solid', meanDiameterMm: 42 });
    expect(mass.output.applicable).toBe(false);
    expect(mass.output.category).toBeUndefined();
    expect(mass.output.notApplicableReason).toMatch(/mass/);
    expect(category({ scan: 'baseline', finding: 'solid', meanDiameterMm: 30 })).toBe('4B');
    // Ground-glass nodules ≥ 30 mm are in the table (category 3).
    expect(category({ scan: 'baseline', finding: 'nonsolid', meanDiameterMm: 42 })).toBe('3');
  });

  it('refuses a solid component larger than the nodule', () => {
    expect(() =>
      lungRadsEngine.run({ scan: 'baseline', finding: 'part-solid', meanDiameterMm: 8, solidComponentMm: 9 }),
    ).toThrow(/solidComponentMm/);
  });
});

describe('Lung-RADS v1.1 (superseded, selectable)', () => {
  it('differs from v2022 where the versions differ, and says it is not current', () => {
    const airway = lungRadsEngine.run({
      version: 'v1.1',
      scan: 'baseline',
      finding: 'airway',
      airwayLocation: 'subsegmental',
    });
    expect(airway.output.category).toBe('4A'); // v1.1: any endobronchial nodule → 4A (v2022: subsegmental → 2)
    expect(airway.output.guideline).toMatchObject({ version: 'v1.1', current: false });
    expect(airway.output.recommendations.every((r) => r.guideline?.current === false)).toBe(true);
    expect(airway.explanation.warnings?.[0]).toMatch(/superseded by v2022/);
    // v1.1 stepped rule: category 4A unchanged at 3 months → 2 (v2022 → 3).
    expect(
      category({
        version: 'v1.1',
        scan: 'follow-up',
        finding: 'solid',
        meanDiameterMm: 9,
        change: 'stable',
        priorCategory: '4A',
      }),
    ).toBe('2');
    const cyst = lungRadsEngine.run({
      version: 'v1.1',
      scan: 'baseline',
      finding: 'atypical-cyst',
      cyst: 'thick-walled',
    });
    expect(cyst.output.applicable).toBe(false);
    expect(cyst.output.notApplicableReason).toMatch(/no category for pulmonary cysts/);
  });
});

describe('Lung-RADS input validation', () => {
  it('names the missing field', () => {
    expect(() => lungRadsEngine.run({ scan: 'baseline', finding: 'solid' })).toThrow(/meanDiameterMm/);
    expect(() => lungRadsEngine.run({ scan: 'follow-up', finding: 'solid', meanDiameterMm: 5 })).toThrow(
      /change is required/,
    );
    expect(() =>
      lungRadsEngine.run({ scan: 'baseline', finding: 'part-solid', meanDiameterMm: 5, solidComponentMm: 7 }),
    ).toThrow(/solidComponentMm/);
    expect(
      lungRadsEngine.inputSchema.safeParse({
        scan: 'baseline',
        finding: 'solid',
        meanDiameterMm: 5,
        version: 'v3',
      }).success,
    ).toBe(false);
  });
});
