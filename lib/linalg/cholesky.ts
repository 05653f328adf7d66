/**
 * Cholesky factor L (lower, row-major, float64) of a symmetric positive definite S (n×n, lower triangle read),
 * or null when a pivot falls below `relTol`·S_jj (S singular or nearly so: the caller then keeps S itself).
 */
export function choleskyLower(s: Float64Array, n: number, relTol = 1e-10): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let pivot = s[rj + j];
    for (let k = 0; k < j; k++) pivot -= l[rj + k] * l[rj + k];
    if (!(pivot > relTol * s[rj + j])) return null;
    const ljj = Math.sqrt(pivot);
    l[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let t = s[ri + j];
      for (let k = 0; k < j; k++) t -= l[ri + k] * l[rj + k];
      l[ri + j] = t / ljj;
    }
  }
  return l;
}
