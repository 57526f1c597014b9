/**
 * Regularised canonical correlation analysis (Hotelling 1936; ridge-regularised as in Vinod 1976) in closed form,
 * for the image–text model's linear alignment (`train:image-text --method cca`): image descriptors X and caption
 * TF-IDF rows Y are mapped by A and B so that matching pairs correlate most, one direction after another.
 *
 *   Cxx + rx·(tr Cxx / p)·I = Lx Lxᵀ,  Cyy + ry·(tr Cyy / q)·I = Ly Lyᵀ   (Cholesky whitening)
 *   M = Lx⁻¹ Cxy Ly⁻ᵀ = U S Vᵀ (top `dim` singular vectors),  A = Lx⁻ᵀ U Sᵖ,  B = Ly⁻ᵀ V Sᵖ
 *
 * The power p weights each canonical direction by its correlation (p = 0: whitened CCA space). Free of
 * TensorFlow.js; row-major Float64Array matrices.
 */

import { backSolveTransposed, choleskyFactor, forwardSolve } from '../../ml/linalg.js';

export interface CcaOptions {
  /** Ridge on the image side, as a share of the mean variance. */
  readonly rx: number;
  /** Ridge on the text side, as a share of the mean variance. */
  readonly ry: number;
  /** Canonical directions kept. */
  readonly dim: number;
  /** Column weight: correlation to this power. */
  readonly power: number;
  /** Block power iterations for the top singular vectors (default 20). */
  readonly iterations?: number;
}

export interface CcaResult {
  /** [p, dim] row-major: image side (rows already centred by the caller). */
  readonly a: Float64Array;
  /** [q, dim] row-major: text side (applied to rows minus `meanY`). */
  readonly b: Float64Array;
  readonly meanX: Float64Array;
  readonly meanY: Float64Array;
  /** Canonical correlations on the training rows (regularised), descending. */
  readonly correlations: Float64Array;
}

/** Column means of n rows of width d. */
function columnMeans(rows: readonly ArrayLike<number>[], d: number): Float64Array {
  const m = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) m[j] = (m[j] as number) + (r[j] as number);
  for (let j = 0; j < d; j++) m[j] = (m[j] as number) / Math.max(1, rows.length);
  return m;
}

/** Centred copy of the rows as one [n, d] matrix. */
function centred(rows: readonly ArrayLike<number>[], mean: Float64Array): Float64Array {
  const d = mean.length;
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, i) => {
    for (let j = 0; j < d; j++) out[i * d + j] = (r[j] as number) - (mean[j] as number);
  });
  return out;
}

/** Uᵀ V / n for [n, p] U and [n, q] V → [p, q]. */
function crossProduct(u: Float64Array, p: number, v: Float64Array, q: number, n: number): Float64Array {
  const out = new Float64Array(p * q);
  for (let i = 0; i < n; i++) {
    const ui = i * p;
    const vi = i * q;
    for (let a = 0; a < p; a++) {
      const x = u[ui + a] as number;
      if (x === 0) continue;
      const o = a * q;
      for (let b = 0; b < q; b++) out[o + b] = (out[o + b] as number) + x * (v[vi + b] as number);
    }
  }
  for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) / n;
  return out;
}

/** Adds r·(trace / d) to the diagonal of a [d, d] matrix in place. */
function ridge(c: Float64Array, d: number, r: number): void {
  let trace = 0;
  for (let i = 0; i < d; i++) trace += c[i * d + i] as number;
  const add = (r * trace) / d + 1e-9;
  for (let i = 0; i < d; i++) c[i * d + i] = (c[i * d + i] as number) + add;
}

/** Lower Cholesky factor of a symmetric positive definite [d, d] matrix; throws when it is not positive definite. */
export function cholesky(c: Float64Array, d: number): Float64Array {
  const l = choleskyFactor(c, d);
  if (!l) throw new Error('matrix is not positive definite');
  return l;
}

function transpose(m: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = m[i * cols + j] as number;
  return out;
}

/** [r, k] · [k, c] → [r, c]. */
function multiply(x: Float64Array, r: number, k: number, y: Float64Array, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++)
    for (let t = 0; t < k; t++) {
      const f = x[i * k + t] as number;
      if (f === 0) continue;
      const o = i * c;
      const yo = t * c;
      for (let j = 0; j < c; j++) out[o + j] = (out[o + j] as number) + f * (y[yo + j] as number);
    }
  return out;
}

/** Orthonormalises the k columns of a [d, k] matrix in place (modified Gram–Schmidt, twice). */
function orthonormalise(q: Float64Array, d: number, k: number): void {
  for (let pass = 0; pass < 2; pass++)
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < j; i++) {
        let dotp = 0;
        for (let r = 0; r < d; r++) dotp += (q[r * k + i] as number) * (q[r * k + j] as number);
        for (let r = 0; r < d; r++) q[r * k + j] = (q[r * k + j] as number) - dotp * (q[r * k + i] as number);
      }
      let norm = 0;
      for (let r = 0; r < d; r++) norm += (q[r * k + j] as number) ** 2;
      const s = norm > 1e-30 ? 1 / Math.sqrt(norm) : 0;
      for (let r = 0; r < d; r++) q[r * k + j] = (q[r * k + j] as number) * s;
    }
}

/** Eigenvalues and eigenvectors (columns) of a small symmetric [k, k] matrix by cyclic Jacobi rotations. */
export function symmetricEigen(h: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(h);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) off += (a[i * k + j] as number) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < k; p++)
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = ((a[q * k + q] as number) - (a[p * k + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p] as number;
          const arq = a[r * k + q] as number;
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r] as number;
          const aqr = a[q * k + r] as number;
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p] as number;
          const vrq = v[r * k + q] as number;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = a[i * k + i] as number;
  return { values, vectors: v };
}

/**
 * Regularised CCA of paired rows `x` (width p) and `y` (width q). Both sides are centred on their training means.
 * The top singular vectors of the whitened cross-covariance come from block power iteration on MᵀM with
 * `dim + 32` columns and a Rayleigh–Ritz step (deterministic start).
 */
export function canonicalCorrelation(
  x: readonly ArrayLike<number>[],
  y: readonly ArrayLike<number>[],
  options: CcaOptions,
): CcaResult {
  const n = x.length;
  if (n === 0 || y.length !== n) throw new Error('CCA needs the same positive number of rows on both sides');
  const p = (x[0] as ArrayLike<number>).length;
  const q = (y[0] as ArrayLike<number>).length;
  const dim = Math.min(options.dim, p, q);
  const meanX = columnMeans(x, p);
  const meanY = columnMeans(y, q);
  const xc = centred(x, meanX);
  const yRaw = centred(y, new Float64Array(q));
  const cxx = crossProduct(xc, p, xc, p, n);
  // Sparse text rows: Yᵀ Y / n − ȳȳᵀ, and Yᵀ Xc / n (Xc is centred, so ȳ drops out).
  const cyy = crossProduct(yRaw, q, yRaw, q, n);
  for (let i = 0; i < q; i++)
    for (let j = 0; j < q; j++)
      cyy[i * q + j] = (cyy[i * q + j] as number) - (meanY[i] as number) * (meanY[j] as number);
  const cxy = transpose(crossProduct(yRaw, q, xc, p, n), q, p);
  ridge(cxx, p, options.rx);
  ridge(cyy, q, options.ry);
  const lx = cholesky(cxx, p);
  const ly = cholesky(cyy, q);
  // M = Lx⁻¹ Cxy Ly⁻ᵀ: T = Lx⁻¹ Cxy [p, q]; Mᵀ = Ly⁻¹ Tᵀ [q, p].
  forwardSolve(lx, p, cxy, q);
  const mt = transpose(cxy, p, q);
  forwardSolve(ly, q, mt, p);
  const m = transpose(mt, q, p); // [p, q]
  const gram = multiply(mt, q, p, m, q); // MᵀM [q, q]
  const k = Math.min(q, dim + 32);
  let basis: Float64Array = new Float64Array(q * k);
  for (let i = 0; i < q; i++)
    for (let j = 0; j < k; j++) basis[i * k + j] = Math.sin(1 + i * 12.9898 + j * 78.233);
  orthonormalise(basis, q, k);
  for (let it = 0; it < (options.iterations ?? 20); it++) {
    basis = multiply(gram, q, q, basis, k);
    orthonormalise(basis, q, k);
  }
  const mb = multiply(m, p, q, basis, k); // [p, k]
  const h = multiply(transpose(mb, p, k), k, p, mb, k); // Bᵀ MᵀM B [k, k]
  const { values, vectors } = symmetricEigen(h, k);
  const order = Array.from({ length: k }, (_, i) => i).sort(
    (i, j) => (values[j] as number) - (values[i] as number),
  );
  const v = new Float64Array(q * dim);
  const correlations = new Float64Array(dim);
  const rotated = multiply(basis, q, k, vectors, k); // [q, k]
  order.slice(0, dim).forEach((col, c) => {
    correlations[c] = Math.sqrt(Math.max(0, values[col] as number));
    for (let i = 0; i < q; i++) v[i * dim + c] = rotated[i * k + col] as number;
  });
  // U = M V / s; A = Lx⁻ᵀ U sᵖ; B = Ly⁻ᵀ V sᵖ.
  const u = multiply(m, p, q, v, dim);
  for (let c = 0; c < dim; c++) {
    const s = correlations[c] as number;
    const inv = s > 1e-12 ? 1 / s : 0;
    const w = s ** options.power;
    for (let i = 0; i < p; i++) u[i * dim + c] = (u[i * dim + c] as number) * inv * w;
    for (let i = 0; i < q; i++) v[i * dim + c] = (v[i * dim + c] as number) * w;
  }
  backSolveTransposed(lx, p, u, dim);
  backSolveTransposed(ly, q, v, dim);
  return { a: u, b: v, meanX, meanY, correlations };
}

/**
 * Stores a linear map z = (row − mean)·W ([width, dim]) exactly in the model's two-layer ReLU tower shape:
 * first layer [W, −W] with bias [−mean·W, mean·W] (hidden 2·dim), second layer [I; −I] with zero bias, since
 * relu(z) − relu(−z) = z.
 */
export function linearAsTwoLayer(
  w: Float64Array,
  width: number,
  dim: number,
  mean?: Float64Array,
): { w1: Float32Array; b1: Float32Array; w2: Float32Array; b2: Float32Array } {
  const w1 = new Float32Array(width * 2 * dim);
  const b1 = new Float32Array(2 * dim);
  for (let i = 0; i < width; i++)
    for (let c = 0; c < dim; c++) {
      const value = w[i * dim + c] as number;
      w1[i * 2 * dim + c] = value;
      w1[i * 2 * dim + dim + c] = -value;
    }
  if (mean)
    for (let c = 0; c < dim; c++) {
      let s = 0;
      for (let i = 0; i < width; i++) s += (mean[i] as number) * (w[i * dim + c] as number);
      b1[c] = -s;
      b1[dim + c] = s;
    }
  const w2 = new Float32Array(2 * dim * dim);
  for (let c = 0; c < dim; c++) {
    w2[c * dim + c] = 1;
    w2[(dim + c) * dim + c] = -1;
  }
  return { w1, b1, w2, b2: new Float32Array(dim) };
}
