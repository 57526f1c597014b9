import { describe, expect, it } from 'vitest';
import { type LungRadsInput, lungRadsEngine } from './lung-rads.js';

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
