import { describe, expect, it } from 'vitest';
import {
  computeNews2,
  news2Response,
  scoreAirOrOxygen,
  scoreConsciousness,
  scorePulse,
  scoreRespiratoryRate,
  scoreSpo2Scale1,
  scoreSpo2Scale2,
  scoreSystolicBp,
  scoreTemperature,
} from './news2.js';

/** Each pair is [value, expected score]: both sides of every band edge of the RCP 2017 NEWS2 chart. */
describe('NEWS2 parameter bands (RCP 2017, chart 1), at every boundary', () => {
  it('respiration rate: ≤8 → 3, 9–11 → 1, 12–20 → 0, 21–24 → 2, ≥25 → 3', () => {
    const cases: [number, number][] = [
      [0, 3],
      [8, 3],
      [9, 1],
      [11, 1],
      [12, 0],
      [20, 0],
      [21, 2],
      [24, 2],
      [25, 3],
      [60, 3],
    ];
    for (const [v, s] of cases) expect(scoreRespiratoryRate(v), `RR ${v}`).toBe(s);
  });

  it('SpO2 scale 1: ≤91 → 3, 92–93 → 2, 94–95 → 1, ≥96 → 0', () => {
    const cases: [number, number][] = [
      [70, 3],
      [91, 3],
      [92, 2],
      [93, 2],
      [94, 1],
      [95, 1],
      [96, 0],
      [100, 0],
    ];
    for (const [v, s] of cases) expect(scoreSpo2Scale1(v), `SpO2 ${v}`).toBe(s);
  });

  it('SpO2 scale 2 on air: ≤83 → 3, 84–85 → 2, 86–87 → 1, ≥88 → 0', () => {
    const cases: [number, number][] = [
      [83, 3],
      [84, 2],
      [85, 2],
      [86, 1],
      [87, 1],
      [88, 0],
      [92, 0],
      [93, 0],
      [97, 0],
      [100, 0],
    ];
    for (const [v, s] of cases) expect(scoreSpo2Scale2(v, false), `SpO2 ${v} on air`).toBe(s);
  });

  it('SpO2 scale 2 on oxygen: 88–92 → 0, 93–94 → 1, 95–96 → 2, ≥97 → 3', () => {
    const cases: [number, number][] = [
      [83, 3],
      [84, 2],
      [86, 1],
      [87, 1],
      [88, 0],
      [92, 0],
      [93, 1],
      [94, 1],
      [95, 2],
      [96, 2],
      [97, 3],
      [100, 3],
    ];
    for (const [v, s] of cases) expect(scoreSpo2Scale2(v, true), `SpO2 ${v} on O2`).toBe(s);
  });

  it('air or oxygen: oxygen → 2, air → 0', () => {
    expect(scoreAirOrOxygen(true)).toBe(2);
    expect(scoreAirOrOxygen(false)).toBe(0);
  });

  it('systolic BP: ≤90 → 3, 91–100 → 2, 101–110 → 1, 111–219 → 0, ≥220 → 3', () => {
    const cases: [number, number][] = [
      [60, 3],
      [90, 3],
      [91, 2],
      [100, 2],
      [101, 1],
      [110, 1],
      [111, 0],
      [219, 0],
      [220, 3],
      [260, 3],
    ];
    for (const [v, s] of cases) expect(scoreSystolicBp(v), `SBP ${v}`).toBe(s);
  });

  it('pulse: ≤40 → 3, 41–50 → 1, 51–90 → 0, 91–110 → 1, 111–130 → 2, ≥131 → 3', () => {
    const cases: [number, number][] = [
      [30, 3],
      [40, 3],
      [41, 1],
      [50, 1],
      [51, 0],
      [90, 0],
      [91, 1],
      [110, 1],
      [111, 2],
      [130, 2],
      [131, 3],
      [180, 3],
    ];
    for (const [v, s] of cases) expect(scorePulse(v), `pulse ${v}`).toBe(s);
  });

  it('consciousness: alert → 0; new confusion, voice, pain, unresponsive → 3', () => {
    expect(scoreConsciousness('alert')).toBe(0);
    for (const c of ['confusion', 'voice', 'pain', 'unresponsive'] as const)
      expect(scoreConsciousness(c)).toBe(3);
  });

  it('temperature: ≤35.0 → 3, 35.1–36.0 → 1, 36.1–38.0 → 0, 38.1–39.0 → 1, ≥39.1 → 2', () => {
    const cases: [number, number][] = [
      [33, 3],
      [35.0, 3],
      [35.1, 1],
      [36.0, 1],
      [36.1, 0],
      [38.0, 0],
      [38.1, 1],
      [39.0, 1],
      [39.1, 2],
      [41, 2],
    ];
    for (const [v, s] of cases) expect(scoreTemperature(v), `T ${v}`).toBe(s);
  });

  it('rounds to the chart precision first, so a reading between two printed bands falls in one of them', () => {
    expect(scoreTemperature(38.04)).toBe(0);
    expect(scoreTemperature(38.05)).toBe(1);
    expect(scoreRespiratoryRate(20.4)).toBe(0);
    expect(scoreRespiratoryRate(20.6)).toBe(2);
  });
});

describe('NEWS2 clinical response (chart 4), at every threshold', () => {
  it('0–4 low; a single 3 with total under 5 → low–medium; 5–6 medium; ≥7 high', () => {
    expect(news2Response(0, false)).toBe('low');
    expect(news2Response(4, false)).toBe('low');
    expect(news2Response(3, true)).toBe('low-medium');
    expect(news2Response(4, true)).toBe('low-medium');
    expect(news2Response(5, false)).toBe('medium');
    expect(news2Response(5, true)).toBe('medium');
    expect(news2Response(6, true)).toBe('medium');
    expect(news2Response(7, false)).toBe('high');
    expect(news2Response(20, true)).toBe('high');
  });
});

const normal = {
  respiratoryRate: 16,
  spo2Percent: 98,
  onOxygen: false,
  systolicBp: 125,
  pulse: 72,
  consciousness: 'alert' as const,
  temperatureC: 37,
};

describe('computeNews2', () => {
  it('scores a normal adult 0, low response', () => {
    const r = computeNews2(normal);
    expect(r.total).toBe(0);
    expect(r.response).toBe('low');
    expect(r.missing).toEqual([]);
  });

  it('adds every parameter: a worked example reaching 7 (high)', () => {
    // RR 23 (2) + SpO2 93 (2) + air (0) + SBP 105 (1) + pulse 115 (2) + alert (0) + 37.0 (0) = 7
    const r = computeNews2({ ...normal, respiratoryRate: 23, spo2Percent: 93, systolicBp: 105, pulse: 115 });
    expect(r.total).toBe(7);
    expect(r.response).toBe('high');
  });

  it('supplemental oxygen adds 2 and moves a 4 to a 6 (medium)', () => {
    const base = { ...normal, respiratoryRate: 22, spo2Percent: 94, onOxygen: false, pulse: 95 };
    expect(computeNews2(base).total).toBe(4);
    expect(computeNews2({ ...base, onOxygen: true }).total).toBe(6);
    expect(computeNews2({ ...base, onOxygen: true }).response).toBe('medium');
  });

  it('new confusion alone gives 3 and the low–medium band', () => {
    const r = computeNews2({ ...normal, consciousness: 'confusion' });
    expect(r.total).toBe(3);
    expect(r.singleParameter3).toBe(true);
    expect(r.response).toBe('low-medium');
  });

  it('uses scale 2 only when asked: 89 % on air scores 3 on scale 1 and 0 on scale 2', () => {
    expect(computeNews2({ ...normal, spo2Percent: 89 }).total).toBe(3);
    const s2 = computeNews2({ ...normal, spo2Percent: 89, spo2Scale2: true });
    expect(s2.total).toBe(0);
    expect(s2.spo2Scale).toBe(2);
  });

  it('gives no total when a parameter is missing, but reports the sub-scores and a red score', () => {
    const r = computeNews2({ respiratoryRate: 30, pulse: 80 });
    expect(r.total).toBeUndefined();
    expect(r.response).toBeUndefined();
    expect(r.singleParameter3).toBe(true);
    expect(r.missing).toEqual(['spo2', 'airOrOxygen', 'systolicBp', 'consciousness', 'temperature']);
  });

  it('rejects impossible values with a field pointer', () => {
    expect(() => computeNews2({ ...normal, spo2Percent: 140 })).toThrow(/spo2Percent/);
    expect(() => computeNews2({ ...normal, pulse: Number.NaN })).toThrow(/pulse/);
  });
});
