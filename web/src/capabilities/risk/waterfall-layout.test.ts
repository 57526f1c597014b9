import { describe, expect, it } from 'vitest';
import { layoutWaterfall } from './waterfall-layout.js';

describe('layoutWaterfall', () => {
  it('steps from the baseline to the total', () => {
    const layout = layoutWaterfall(
      -2,
      [
        { input: 'a', label: 'A', contribution: 3, unit: 'log-odds' },
        { input: 'b', label: 'B', contribution: -0.5, unit: 'log-odds' },
      ],
      { plotLeftPx: 100, plotWidthPx: 300, rowHeightPx: 20 },
    );
    expect(layout.steps.map((s) => [s.kind, s.from, s.to])).toEqual([
      ['baseline', 0, -2],
      ['step', -2, 1],
      ['step', 1, 0.5],
      ['total', 0, 0.5],
    ]);
    expect(layout.total).toBe(0.5);
    // Range −2 … 1 spread over 300 px: zero at 100 + 2·100 = 300.
    expect(layout.zeroX).toBe(300);
    expect(layout.steps[1]).toMatchObject({ x: 100, widthPx: 300 });
    expect(layout.heightPx).toBe(80);
  });

  it('leaves out a zero baseline (point scores)', () => {
    const layout = layoutWaterfall(0, [{ input: 'a', label: 'A', contribution: 2, unit: 'points' }], {
      plotLeftPx: 0,
      plotWidthPx: 100,
      rowHeightPx: 10,
    });
    expect(layout.steps.map((s) => s.kind)).toEqual(['step', 'total']);
  });
});
