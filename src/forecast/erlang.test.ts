import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, meanWaitMinutes, probabilityWaitWithin, serversNeeded } from './erlang.js';

/** Erlang C from its closed form with factorials (independent of the recursion used in the code). */
function erlangCClosedForm(c: number, a: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (c / (c - a));
  return top / (sum + top);
}

describe('Erlang C', () => {
  it('matches exact small cases: C(1, a) = a, C(3, 2) = 4/9, B(1, 1) = 1/2', () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12);
  });

  it('matches the textbook call-centre table for 10 Erlangs (Pw 0.6821 with 11 agents, 0.4494 with 12)', () => {
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangC(12, 10)).toBeCloseTo(0.4494, 4);
    // 20-second target, 180-second handling: SL = 1 − Pw·exp(−(c − a)·t/AHT) = 1 − 0.6821·e^(−1/9), 1 − 0.4494·e^(−2/9).
    const input = { arrivalsPerHour: 200, meanServiceMinutes: 3 };
    expect(probabilityWaitWithin(11, input, 20 / 60)).toBeCloseTo(0.3896, 3);
    expect(probabilityWaitWithin(12, input, 20 / 60)).toBeCloseTo(0.6402, 3);
  });

  it('agrees with the closed form over a grid of loads', () => {
    for (const a of [0.3, 2.5, 7.9, 19.2]) {
      for (let c = Math.floor(a) + 1; c < a + 8; c++)
        expect(erlangC(c, a)).toBeCloseTo(erlangCClosedForm(c, a), 10);
    }
  });

  it('is 1 when the load reaches the servers, and the mean wait is C / (cμ − λ)', () => {
    expect(erlangC(4, 4)).toBe(1);
    const input = { arrivalsPerHour: 6, meanServiceMinutes: 20 };
    // a = 2, c = 3: C = 4/9, cμ − λ = 9 − 6 = 3 per hour → 4/27 h = 8.89 min
    expect(meanWaitMinutes(3, input)).toBeCloseTo((4 / 9 / 3) * 60, 8);
  });

  it('staffs the fewest servers meeting the target, more for more arrivals', () => {
    const base = { meanServiceMinutes: 20 };
    const five = serversNeeded({ ...base, arrivalsPerHour: 5 }, 30, 0.8);
    expect(probabilityWaitWithin(five, { ...base, arrivalsPerHour: 5 }, 30)).toBeGreaterThanOrEqual(0.8);
    expect(probabilityWaitWithin(five - 1, { ...base, arrivalsPerHour: 5 }, 30)).toBeLessThan(0.8);
    expect(serversNeeded({ ...base, arrivalsPerHour: 20 }, 30, 0.8)).toBeGreaterThan(five);
    expect(serversNeeded({ ...base, arrivalsPerHour: 0 }, 30, 0.8)).toBe(1);
  });
});
