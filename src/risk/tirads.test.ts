import { describe, expect, it } from 'vitest';
import { explanationTotal } from './risk-engine.js';
import { type TiradsInput, tiradsEngine } from './tirads.js';

const solidHypo: TiradsInput = {
  composition: 'solid',
  echogenicity: 'hypoechoic',
  shape: 'wider-than-tall',
  margin: 'smooth',
  echogenicFoci: ['none'],
  maxDiameterMm: 12,
};

describe('ACR TI-RADS 2017 (Tessler, JACR 2017)', () => {
  it('solid (2) + hypoechoic (2) = 4 → TR4: 12 mm follow-up, 16 mm FNA, 9 mm nothing', () => {
    const at12 = tiradsEngine.run(solidHypo).output;
    expect([at12.points, at12.level, at12.recommendation]).toEqual([4, 'TR4', 'follow-up']);
    expect(tiradsEngine.run({ ...solidHypo, maxDiameterMm: 16 }).output.recommendation).toBe('fna');
    expect(tiradsEngine.run({ ...solidHypo, maxDiameterMm: 15 }).output.recommendation).toBe('fna'); // ≥, not >
    expect(tiradsEngine.run({ ...solidHypo, maxDiameterMm: 9 }).output.recommendation).toBe('none');
  });

  it('solid (2) + very hypoechoic (3) + taller-than-wide (3) + irregular (2) + punctate (3) = 13 → TR5, FNA at ≥ 10 mm', () => {
    const input: TiradsInput = {
      composition: 'solid',
      echogenicity: 'very-hypoechoic',
      shape: 'taller-than-wide',
      margin: 'lobulated-irregular',
      echogenicFoci: ['punctate'],
      maxDiameterMm: 10,
    };
    const result = tiradsEngine.run(input);
    expect([result.output.points, result.output.level, result.output.recommendation]).toEqual([
      13,
      'TR5',
      'fna',
    ]);
    expect(explanationTotal(result.explanation)).toBe(13);
    expect(tiradsEngine.run({ ...input, maxDiameterMm: 6 }).output.recommendation).toBe('follow-up');
    expect(tiradsEngine.run({ ...input, maxDiameterMm: 4 }).output.recommendation).toBe('none');
  });

  it('echogenic foci add up: mixed (1) + isoechoic (1) + macro (1) + peripheral (2) = 5 → TR4', () => {
    const result = tiradsEngine.run({
      composition: 'mixed',
      echogenicity: 'isoechoic',
      shape: 'wider-than-tall',
      margin: 'smooth',
      echogenicFoci: ['macrocalcifications', 'peripheral'],
      maxDiameterMm: 20,
    });
    expect([result.output.points, result.output.level]).toEqual([5, 'TR4']);
    expect(
      result.explanation.contributions.filter((c) => c.input === 'echogenicFoci').map((c) => c.contribution),
    ).toEqual([1, 2]);
  });

  it('mixed (1) + isoechoic (1) = 2 → TR2, no FNA; TR3 thresholds 15/25 mm', () => {
    const tr2 = tiradsEngine.run({
      composition: 'mixed',
      echogenicity: 'isoechoic',
      shape: 'wider-than-tall',
      margin: 'smooth',
      echogenicFoci: ['none'],
      maxDiameterMm: 40,
    }).output;
    expect([tr2.points, tr2.level, tr2.recommendation]).toEqual([2, 'TR2', 'none']);
    const tr3: TiradsInput = {
      composition: 'solid',
      echogenicity: 'isoechoic',
      shape: 'wider-than-tall',
      margin: 'ill-defined',
      echogenicFoci: ['comet-tail'],
      maxDiameterMm: 15,
    };
    expect(tiradsEngine.run(tr3).output.level).toBe('TR3');
    expect(tiradsEngine.run(tr3).output.recommendation).toBe('follow-up');
    expect(tiradsEngine.run({ ...tr3, maxDiameterMm: 25 }).output.recommendation).toBe('fna');
    expect(tiradsEngine.run({ ...tr3, maxDiameterMm: 14 }).output.recommendation).toBe('none');
  });

  it('spongiform: no points from other categories (TR1); 1 point maps to TR1 and says so', () => {
    const spongiform = tiradsEngine.run({
      composition: 'spongiform',
      echogenicity: 'hypoechoic',
      shape: 'taller-than-wide',
      margin: 'smooth',
      echogenicFoci: ['punctate'],
      maxDiameterMm: 30,
    });
    expect([spongiform.output.points, spongiform.output.level, spongiform.output.recommendation]).toEqual([
      0,
      'TR1',
      'none',
    ]);
    const one = tiradsEngine.run({
      composition: 'cystic',
      echogenicity: 'isoechoic',
      shape: 'wider-than-tall',
      margin: 'smooth',
      echogenicFoci: ['none'],
      maxDiameterMm: 30,
    });
    expect([one.output.points, one.output.level]).toEqual([1, 'TR1']);
    expect(one.explanation.rulesFired?.join(' ')).toMatch(/maps it to TR1/);
  });

  it('warns when the diameter looks like centimetres', () => {
    expect(tiradsEngine.run({ ...solidHypo, maxDiameterMm: 1.6 }).explanation.warnings?.[0]).toMatch(
      /not cm/,
    );
    expect(tiradsEngine.run(solidHypo).explanation.warnings).toEqual([]);
  });

  it('rejects bad input', () => {
    expect(
      tiradsEngine.inputSchema.safeParse({ ...solidHypo, echogenicFoci: ['none', 'punctate'] }).success,
    ).toBe(false);
    expect(tiradsEngine.inputSchema.safeParse({ ...solidHypo, echogenicFoci: [] }).success).toBe(false);
    expect(tiradsEngine.inputSchema.safeParse({ ...solidHypo, composition: 'complex' }).success).toBe(false);
    expect(tiradsEngine.inputSchema.safeParse({ ...solidHypo, maxDiameterMm: -1 }).success).toBe(false);
  });
});
