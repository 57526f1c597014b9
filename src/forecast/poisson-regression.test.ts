import { describe, expect, it } from 'vitest';
import { seededRandom } from '../ml/random.js';
import { fitPoisson } from './poisson-regression.js';
import { poissonDraw } from './synthetic.js';

describe('Poisson IRLS', () => {
  it('recovers the coefficients of a simulated log-linear model', () => {
    const random = seededRandom(3);
    const rows = 5000;
    const x = new Float64Array(rows * 3);
    const y = new Float64Array(rows);
    const beta = [1.2, 0.5, -0.3];
    for (let i = 0; i < rows; i++) {
      const x1 = random() * 2 - 1;
      const x2 = random() < 0.5 ? 1 : 0;
      x.set([1, x1, x2], i * 3);
      y[i] = poissonDraw(Math.exp(beta[0]! + beta[1]! * x1 + beta[2]! * x2), random);
    }
    const fit = fitPoisson({ rows, columns: 3, x }, y);
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(1.2, 1);
    expect(fit.coefficients[1]).toBeCloseTo(0.5, 1);
    expect(fit.coefficients[2]).toBeCloseTo(-0.3, 1);
  });

  it('uses an offset and shrinks a penalised coefficient towards 0', () => {
    const rows = 200;
    const x = new Float64Array(rows).fill(1);
    const y = new Float64Array(rows).fill(4);
    const offset = new Float64Array(rows).fill(Math.log(2));
    const fit = fitPoisson({ rows, columns: 1, x }, y, { offset });
    expect(Math.exp(fit.coefficients[0]!)).toBeCloseTo(2, 6);
    const ridged = fitPoisson({ rows, columns: 1, x }, y, { offset, ridge: Float64Array.of(1e6) });
    expect(Math.abs(ridged.coefficients[0]!)).toBeLessThan(0.01);
  });
});
