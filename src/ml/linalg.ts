/**
 * Dense linear algebra on row-major `Float64Array` matrices: the Cholesky factorisation of a symmetric positive
 * definite matrix and the triangular solves that use it (forecast count regression, CCA alignment of image–text).
 */

/** Lower Cholesky factor L (`A = L Lᵀ`) of a symmetric `n×n` matrix, or undefined when it is not positive definite. */
export function choleskyFactor(a: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (sum <= 0 || !Number.isFinite(sum)) return undefined;
        l[i * n + i] = Math.sqrt(sum);
      } else l[i * n + j] = sum / l[j * n + j]!;
    }
  }
  return l;
}

/** Solves `L Z = R` in place on R (`n×m`), for the lower-triangular `n×n` L: forward substitution. */
export function forwardSolve(l: Float64Array, n: number, r: Float64Array, m: number): void {
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let k = 0; k < i; k++) {
      const f = l[i * n + k]!;
      const rowK = k * m;
      for (let j = 0; j < m; j++) r[row + j] = r[row + j]! - f * r[rowK + j]!;
    }
    const diag = l[i * n + i]!;
    for (let j = 0; j < m; j++) r[row + j] = r[row + j]! / diag;
  }
}

/** Solves `Lᵀ Z = R` in place on R (`n×m`), for the lower-triangular `n×n` L: back substitution. */
export function backSolveTransposed(l: Float64Array, n: number, r: Float64Array, m: number): void {
  for (let i = n - 1; i >= 0; i--) {
    const row = i * m;
    for (let k = i + 1; k < n; k++) {
      const f = l[k * n + i]!;
      const rowK = k * m;
      for (let j = 0; j < m; j++) r[row + j] = r[row + j]! - f * r[rowK + j]!;
    }
    const diag = l[i * n + i]!;
    for (let j = 0; j < m; j++) r[row + j] = r[row + j]! / diag;
  }
}

/**
 * Solves the symmetric positive-definite system `A x = b` by Cholesky factorisation (A is `n×n`, row-major).
 * Returns undefined when `A` is not positive definite.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array | undefined {
  const l = choleskyFactor(a, n);
  if (!l) return undefined;
  const x = Float64Array.from(b);
  forwardSolve(l, n, x, 1);
  backSolveTransposed(l, n, x, 1);
  return x;
}
