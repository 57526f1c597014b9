import { describe, expect, it } from 'vitest';
import { measureDistance, toImagePoint } from './measure.js';

describe('measurement tool', () => {
  it('maps clicks on a scaled image back to image pixels', () => {
    const box = { left: 10, top: 20, width: 256, height: 256 };
    expect(toImagePoint({ clientX: 138, clientY: 148 }, box, { width: 512, height: 512 })).toEqual({
      x: 256,
      y: 256,
    });
    expect(toImagePoint({ clientX: 0, clientY: 0 }, box, { width: 512, height: 512 })).toEqual({
      x: 0,
      y: 0,
    });
  });

  it('measures in mm with anisotropic spacing, and in px without spacing', () => {
    // 30 columns × 0.5 mm and 40 rows × 0.25 mm: a 15 × 10 mm right triangle.
    expect(measureDistance({ x: 0, y: 0 }, { x: 30, y: 40 }, [0.25, 0.5]).value).toBeCloseTo(
      Math.hypot(15, 10),
      9,
    );
    expect(measureDistance({ x: 0, y: 0 }, { x: 3, y: 4 })).toEqual({ value: 5, unit: 'px' });
  });
});
