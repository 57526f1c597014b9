import { describe, expect, it } from 'vitest';
import { brockEngine } from './brock.js';
import { cha2ds2VascEngine } from './cha2ds2-vasc.js';
import { fleischnerEngine } from './fleischner.js';
import { guidelineSet } from './guidelines.js';
import { herderEngine } from './herder.js';
import { accpPathway, btsBrockPathway } from './nodule-pathway.js';

const bts = guidelineSet('bts-pulmonary-nodules');
const actions = (p: ReturnType<typeof btsBrockPathway>) => p.recommendations.map((r) => r.action);

describe('BTS 2015 pathway after Brock (boundaries in tenths of a mm)', () => {
  it.each([
    [4.9, ['no-follow-up']],
    [5.0, ['ct-12-months']],
    [5.9, ['ct-12-months']],
    [6.0, ['ct-3-months']],
    [7.9, ['ct-3-months']],
  ] as const)('solid %s mm by diameter → %j', (mm, expected) => {
    expect(actions(btsBrockPathway(bts, 0.02, mm))).toEqual(expected);
  });

  it('solid ≥ 8 mm: Brock < 10 % → CT surveillance, ≥ 10 % → PET-CT then Herder', () => {
    expect(actions(btsBrockPathway(bts, 0.0999, 8))).toEqual(['ct-surveillance']);
    expect(actions(btsBrockPathway(bts, 0.1, 8))).toEqual(['pet-ct']);
  });

  it('solid nodules by volume when volumetry is given: < 80, 80 to < 300, ≥ 300 mm³', () => {
    expect(actions(btsBrockPathway(bts, 0.3, 6, 'solid', 79))).toEqual(['no-follow-up']);
    expect(actions(btsBrockPathway(bts, 0.3, 6, 'solid', 80))).toEqual(['ct-3-months']);
    expect(actions(btsBrockPathway(bts, 0.3, 8, 'solid', 299))).toEqual(['ct-3-months']);
    expect(actions(btsBrockPathway(bts, 0.3, 8, 'solid', 300))).toEqual(['pet-ct']);
  });

  it('part-solid and ground-glass nodules follow the subsolid pathway: no PET-CT, no Herder', () => {
    for (const type of ['part-solid', 'nonsolid'] as const) {
      const high = btsBrockPathway(bts, 0.6, 15, type);
      expect(actions(high)).toEqual(['ct-3-months', 'ct-surveillance']);
      expect(high.rules.join(' ')).toMatch(/algorithm 3/);
      expect(high.recommendations.map((r) => r.text).join(' ')).not.toMatch(/PET|Herder/);
      expect(actions(btsBrockPathway(bts, 0.01, 4.9, type))).toEqual(['no-follow-up']);
    }
  });

  it('the Brock engine passes the nodule type: a 15 mm part-solid nodule at high risk gets no PET-CT', () => {
    const result = brockEngine.run({
      age: 65,
      sex: 'female',
      familyHistoryLungCancer: true,
      emphysema: true,
      noduleDiameterMm: 15,
      noduleType: 'part-solid',
      upperLobe: true,
      noduleCount: 1,
      spiculation: true,
    });
    expect(result.output.probability).toBeGreaterThan(0.5);
    expect(result.output.recommendations.map((r) => r.action)).not.toContain('pet-ct');
  });

  it('ACCP 2013 subsolid rows: ground-glass ≤ 5 mm none, > 5 mm annual; part-solid > 8 mm CT at 3 months', () => {
    const accp = guidelineSet('accp-lung-nodules');
    expect(accpPathway(accp, 0.2, 5, 'nonsolid').recommendations[0]?.action).toBe('no-follow-up');
    expect(accpPathway(accp, 0.2, 5.1, 'nonsolid').recommendations[0]?.action).toBe('ct-surveillance');
    expect(accpPathway(accp, 0.2, 8.1, 'part-solid').recommendations[0]?.action).toBe('ct-3-months');
  });
});

describe('Herder is for solid nodules', () => {
  it('refuses a part-solid or ground-glass nodule, computes a solid one', () => {
    const mayo = {
      age: 65,
      smoker: true,
      extrathoracicCancerOver5y: false,
      noduleDiameterMm: 15,
      spiculation: true,
      upperLobe: true,
      petUptake: 'intense',
    } as const;
    for (const noduleType of ['part-solid', 'nonsolid'] as const) {
      const r = herderEngine.run({ ...mayo, noduleType });
      expect(r.output.applicable).toBe(false);
      expect(r.output.notApplicableReason).toMatch(/solid nodules/);
    }
    expect(herderEngine.run({ ...mayo, noduleType: 'solid' }).output.probability).toBeGreaterThan(0.5);
  });
});

describe('out-of-population input is refused, not computed', () => {
  const fleischner = {
    age: 60,
    screening: false,
    knownCancer: false,
    immunosuppressed: false,
    noduleType: 'solid',
    multiple: false,
    highRisk: false,
  } as const;

  it('a 42 mm lesion is a mass: no Fleischner category', () => {
    const result = fleischnerEngine.run({ ...fleischner, noduleDiameterMm: 42 });
    expect(result.output.applicable).toBe(false);
    expect(result.output.category).toBeUndefined();
    expect(result.output.recommendations).toEqual([]);
    expect(result.output.notApplicableReason).toMatch(/mass/);
    expect(fleischnerEngine.run({ ...fleischner, noduleDiameterMm: 30 }).output.applicable).toBe(true);
  });

  it('a 250 mm "nodule" is refused as input', () => {
    expect(fleischnerEngine.inputSchema.safeParse({ ...fleischner, noduleDiameterMm: 250 }).success).toBe(
      false,
    );
    expect(() =>
      brockEngine.run({
        age: 60,
        sex: 'male',
        familyHistoryLungCancer: false,
        emphysema: false,
        noduleDiameterMm: 250,
        noduleType: 'solid',
        upperLobe: false,
        noduleCount: 1,
        spiculation: false,
      }),
    ).toThrow(/100 mm/);
  });

  it('a solid component larger than the nodule is refused', () => {
    const parsed = fleischnerEngine.inputSchema.safeParse({
      ...fleischner,
      noduleType: 'part-solid',
      noduleDiameterMm: 8,
      solidComponentMm: 9,
    });
    expect(parsed.error?.issues[0]?.path).toEqual(['solidComponentMm']);
  });

  it('Fleischner rounds to the nearest mm from tenths: 5.4 mm is < 6 mm, 5.5 mm is 6 mm', () => {
    expect(fleischnerEngine.run({ ...fleischner, noduleDiameterMm: 5.4 }).output.sizeBand).toBe('<6 mm');
    expect(fleischnerEngine.run({ ...fleischner, noduleDiameterMm: 5.5 }).output.sizeBand).toBe('6-8 mm');
  });

  it('CHA₂DS₂-VASc at age 12 is refused; at 18 it is computed', () => {
    const none = {
      sex: 'male',
      congestiveHeartFailure: false,
      hypertension: false,
      diabetes: false,
      strokeTiaThromboembolism: false,
      vascularDisease: false,
    } as const;
    const child = cha2ds2VascEngine.run({ ...none, age: 12 });
    expect(child.output.applicable).toBe(false);
    expect(child.output.score).toBeUndefined();
    expect(child.output.notApplicableReason).toMatch(/adults/);
    expect(cha2ds2VascEngine.run({ ...none, age: 18 }).output.score).toBe(0);
  });
});
