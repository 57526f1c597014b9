import { describe, expect, it } from 'vitest';
import { normalFrom, seededRandom } from '../../ml/random.js';
import { canonicalCorrelation, cholesky, linearAsTwoLayer, symmetricEigen } from './cca.js';

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += ((a[i] as number) - ma) * ((b[i] as number) - mb);
    saa += ((a[i] as number) - ma) ** 2;
    sbb += ((b[i] as number) - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('cholesky and symmetricEigen', () => {
  it('factor a positive definite matrix and recover eigenpairs', () => {
    const c = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
    const l = cholesky(c, 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += (l[i * 3 + k] as number) * (l[j * 3 + k] as number);
        expect(s).toBeCloseTo(c[i * 3 + j] as number, 10);
      }
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/positive definite/);
    const { values, vectors } = symmetricEigen(c, 3);
    for (let e = 0; e < 3; e++)
      for (let i = 0; i < 3; i++) {
        let av = 0;
        for (let k = 0; k < 3; k++) av += (c[i * 3 + k] as number) * (vectors[k * 3 + e] as number);
        expect(av).toBeCloseTo((values[e] as number) * (vectors[i * 3 + e] as number), 8);
      }
  });
});

describe('canonicalCorrelation', () => {
  // Two views of one 2-d latent signal plus independent noise; the other directions share nothing.
  const random = seededRandom(3);
  const n = 600;
  const x: number[][] = [];
  const y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const z = [normalFrom(random), normalFrom(random)];
    const noise = () => 0.3 * normalFrom(random);
    x.push([z[0]! + noise(), z[1]! - z[0]! + noise(), normalFrom(random), 2 + noise(), normalFrom(random)]);
    y.push([z[1]! + noise(), normalFrom(random), z[0]! + noise(), normalFrom(random)]);
  }

  it('finds the shared directions and projections whose correlations it reports', () => {
    const cca = canonicalCorrelation(x, y, { rx: 1e-6, ry: 1e-6, dim: 3, power: 0 });
    const c = Array.from(cca.correlations);
    expect(c[0]).toBeGreaterThan(0.8);
    expect(c[1]).toBeGreaterThan(0.8);
    expect(c[2]).toBeLessThan(0.2);
    expect(c[0]).toBeGreaterThanOrEqual(c[1] as number);
    for (let d = 0; d < 2; d++) {
      const px = x.map((r) =>
        r.reduce((s, v, j) => s + (v - (cca.meanX[j] as number)) * (cca.a[j * 3 + d] as number), 0),
      );
      const py = y.map((r) =>
        r.reduce((s, v, j) => s + (v - (cca.meanY[j] as number)) * (cca.b[j * 3 + d] as number), 0),
      );
      expect(pearson(px, py)).toBeCloseTo(c[d] as number, 2);
    }
  });

  it('rejects unpaired rows', () => {
    expect(() => canonicalCorrelation(x, y.slice(1), { rx: 1, ry: 1, dim: 2, power: 1 })).toThrow(/same/);
  });
});

describe('linearAsTwoLayer', () => {
  it('reproduces (row − mean)·W exactly through relu(z) − relu(−z)', () => {
    const w = Float64Array.from([1, -2, 0.5, 3, -1, 0]); // [3, 2]
    const mean = Float64Array.from([0.2, -1, 4]);
    const { w1, b1, w2, b2 } = linearAsTwoLayer(w, 3, 2, mean);
    const row = [1.5, 2, -0.5];
    const hidden = Array.from({ length: 4 }, (_, h) =>
      Math.max(
        0,
        row.reduce((s, v, i) => s + v * (w1[i * 4 + h] as number), b1[h] as number),
      ),
    );
    for (let c = 0; c < 2; c++) {
      const out = hidden.reduce((s, v, h) => s + v * (w2[h * 2 + c] as number), b2[c] as number);
      const want = row.reduce((s, v, i) => s + (v - (mean[i] as number)) * (w[i * 2 + c] as number), 0);
      expect(out).toBeCloseTo(want, 5);
    }
  });
});
