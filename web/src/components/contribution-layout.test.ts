import { describe, expect, it } from 'vitest';
import type { Contribution } from '../../../src/clinical/index.js';
import { layoutContributions, rowHeightFor, wrapLabel } from './contribution-layout.js';

const c = (input: string, contribution: number): Contribution => ({
  input,
  label: input,
  contribution,
  unit: 'log-odds',
});
const options = { plotLeftPx: 100, plotWidthPx: 300, rowHeightPx: 20, maxBars: 3 };

describe('layoutContributions', () => {
  it('orders by magnitude and puts the zero line where the negative share of the scale ends', () => {
    const layout = layoutContributions([c('a', 0.5), c('b', -1), c('c', 1.5)], options);
    expect(layout.bars.map((bar) => bar.contribution.input)).toEqual(['c', 'b', 'a']);
    // Scale: 2.5 units over 300 px = 120 px per unit; zero at 100 + 1 × 120.
    expect(layout.zeroX).toBeCloseTo(220);
    const [up, down, small] = layout.bars;
    expect(up).toMatchObject({ x: 220, positive: true, y: 0 });
    expect(up?.widthPx).toBeCloseTo(180);
    expect(down).toMatchObject({ positive: false, y: 20 });
    expect((down?.x ?? 0) + (down?.widthPx ?? 0)).toBeCloseTo(220);
    expect(down?.x).toBeCloseTo(100);
    expect(small?.widthPx).toBeCloseTo(60);
    expect(layout.heightPx).toBe(60);
  });

  it('uses the whole width when every contribution has the same sign', () => {
    const layout = layoutContributions([c('a', 2), c('b', 1)], options);
    expect(layout.zeroX).toBe(100);
    expect(layout.bars[0]?.widthPx).toBeCloseTo(300);
  });

  it('keeps only the largest bars, counts the rest, and drops non-finite values', () => {
    const layout = layoutContributions(
      [c('a', 1), c('b', -2), c('c', 3), c('d', 0.1), c('e', Number.NaN)],
      options,
    );
    expect(layout.bars.map((bar) => bar.contribution.input)).toEqual(['c', 'b', 'a']);
    expect(layout.hiddenCount).toBe(1);
  });

  it('draws zero-width bars when every contribution is zero', () => {
    const layout = layoutContributions([c('a', 0)], options);
    expect(layout.bars[0]?.widthPx).toBe(0);
    expect(layout.zeroX).toBe(100);
  });
});

describe('chart labels', () => {
  it('wraps a long label whole instead of cutting it', () => {
    const lines = wrapLabel('Urea > 7 mmol/L (BUN > 19 mg/dL) — one point in CURB-65', 20);
    expect(lines.join(' ')).toBe('Urea > 7 mmol/L (BUN > 19 mg/dL) — one point in CURB-65');
    expect(lines.every((l) => l.length <= 20)).toBe(true);
    expect(lines[0]).toBe('Urea > 7 mmol/L (BUN');
  });

  it('makes rows tall enough for the longest label', () => {
    expect(rowHeightFor(['short'], 20, 24)).toBe(24);
    expect(rowHeightFor(['a long label that needs three'], 15, 24)).toBe(3 * 14 + 10);
  });
});
