import { describe, expect, it } from 'vitest';
import { layoutChart } from './chart-layout.js';

describe('layoutChart', () => {
  const data = {
    history: [
      { hour: '2024-01-01T22:00:00.000Z', count: 4 },
      { hour: '2024-01-01T23:00:00.000Z', count: 2 },
    ],
    forecast: [
      { hour: '2024-01-02T00:00:00.000Z', mean: 3, lower80: 1, upper80: 5, lower95: 0, upper95: 8 },
      { hour: '2024-01-02T01:00:00.000Z', mean: 2, lower80: 0.5, upper80: 4, lower95: 0, upper95: 6 },
    ],
  };

  it('places history then forecast left to right, the origin between them, and scales to the 95 % upper bound', () => {
    const layout = layoutChart(data, { widthPx: 330, heightPx: 200, marginPx: 15 });
    // top = 8 × 1.05 = 8.4; y(4) = 185 − 4/8.4 × 170 = 104.0, y(2) = 144.5
    expect(layout.historyPath).toBe('M15.0,104.0 L115.0,144.5');
    expect(layout.originX).toBeCloseTo(215);
    expect(layout.meanPath.startsWith('M215.0,')).toBe(true);
    expect(layout.band95Path.endsWith('Z')).toBe(true);
    expect(layout.maxCount).toBe(8);
    expect(layout.dayTicks).toEqual([{ label: '01-02', x: 215 }]);
    expect(layout.yTicks[0]).toEqual({ value: 0, y: 185 });
  });

  it('puts day ticks on midnight of the given time zone', () => {
    // 2024-01-01T23:00Z is midnight 2 Jan in Paris (UTC+1); 2024-01-02T00:00Z is 01:00 there.
    const layout = layoutChart(data, { widthPx: 330, heightPx: 200, marginPx: 15 }, 'Europe/Paris');
    expect(layout.dayTicks).toEqual([{ label: '01-02', x: 115 }]);
  });
});
