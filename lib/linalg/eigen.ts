/**
 * Symmetric eigen-solve with right-hand sides, in plain TypeScript: the fallback when the WebAssembly build is
 * missing and the oracle the WASM kernel is tested against. The WASM kernel (assembly/eigen.ts) runs the same
 * algorithm in the same floating-point order except for the SIMD-blocked reductions.
 *
 * Given a symmetric A (n×n) and right-hand sides Z (n×C), it returns the eigenvalues λ and Vᵀ Z, where A = V Λ Vᵀ,
 * without ever forming V: Householder reflectors (tridiagonalisation) and QL rotations are applied to Z only.
 */

export interface EigenRhsResult {
  /** Eigenvalues, in no particular order. */
  eigenvalues: Float64Array;
  /** n×C row-major: row i is v_iᵀ Z for the eigenvector v_i of eigenvalues[i]. */
  projections: Float64Array;
}

/** Largest number of QL sweeps spent on one eigenvalue before giving up (LAPACK uses 30). */
export const MAX_QL_SWEEPS = 30;

/**
 * Builds the Householder vector for x = row[0..m-1] so that H x = alpha·e_{m-1}, H = I − beta·v vᵀ.
 * Returns [alpha, beta]; beta = 0 means H = I.
 */
function householder(a: Float64Array, rowOffset: number, m: number, v: Float64Array): [number, number] {
  if (m === 1) {
    v[0] = 0;
    return [a[rowOffset], 0];
  }
  let ss = 0;
  for (let c = 0; c < m; c++) {
    const x = a[rowOffset + c];
    v[c] = x;
    ss += x * x;
  }
  const norm = Math.sqrt(ss);
  if (norm === 0) return [0, 0];
  const last = v[m - 1];
  const signed = last < 0 ? -norm : norm;
  v[m - 1] = last + signed;
  return [-signed, 1 / (norm * (norm + Math.abs(last)))];
}

/**
 * Reduces A (row-major n×n, lower triangle read and destroyed) to tridiagonal form T = Qᵀ A Q, last row first,
 * and overwrites Z with Qᵀ Z. On return d holds the diagonal of T and e[i] = T[i][i−1] (e[0] = 0).
 * Each step's rank-2 update and the next step's matrix–vector product share one pass over the trailing block.
 */
export function tridiagonalizeRhs(a: Float64Array, n: number, z: Float64Array, nrhs: number, d: Float64Array, e: Float64Array): void {
  if (n === 1) {
    d[0] = a[0];
    e[0] = 0;
    return;
  }
  let v = new Float64Array(n);
  let p = new Float64Array(n);
  const w = new Float64Array(n);
  let vNext = new Float64Array(n);
  let pNext = new Float64Array(n);
  let alpha = 0;
  let beta = 0;
  // The pass for a virtual step l = n with v = w = 0 only computes the first reflector and its product.
  for (let l = n; l >= 1; l--) {
    if (l < n) {
      e[l] = alpha;
      d[l] = a[l * n + l];
      if (beta !== 0) {
        let vp = 0;
        for (let r = 0; r < l; r++) {
          p[r] *= beta;
          vp += v[r] * p[r];
        }
        const k = 0.5 * beta * vp;
        for (let r = 0; r < l; r++) w[r] = p[r] - k * v[r];
        for (let c = 0; c < nrhs; c++) {
          let dot = 0;
          for (let r = 0; r < l; r++) dot += v[r] * z[r * nrhs + c];
          const f = beta * dot;
          for (let r = 0; r < l; r++) z[r * nrhs + c] -= f * v[r];
        }
      } else {
        v.fill(0, 0, l);
        w.fill(0, 0, l);
      }
    }
    // Rank-2 update of the block rows 0..l-1, fused with pNext = A' vNext on the next block (size m = l-1).
    const last = (l - 1) * n;
    const vl = v[l - 1];
    const wl = w[l - 1];
    for (let c = 0; c < l; c++) a[last + c] -= vl * w[c] + wl * v[c];
    const m = l - 1;
    if (m === 0) break;
    [alpha, beta] = householder(a, last, m, vNext);
    pNext.fill(0, 0, m);
    for (let r = 0; r < m; r++) {
      const row = r * n;
      const vr = v[r];
      const wr = w[r];
      const vnr = vNext[r];
      let s = 0;
      for (let c = 0; c < r; c++) {
        const x = a[row + c] - (vr * w[c] + wr * v[c]);
        a[row + c] = x;
        s += x * vNext[c];
        pNext[c] += x * vnr;
      }
      const diag = a[row + r] - (vr * wr + wr * vr);
      a[row + r] = diag;
      pNext[r] += s + diag * vnr;
    }
    [v, vNext] = [vNext, v];
    [p, pNext] = [pNext, p];
  }
  d[0] = a[0];
  e[0] = 0;
}

/**
 * Implicit QL (EISPACK/JAMA tql2) on the tridiagonal (d, e), with the rotations applied to the rows of Z
 * instead of to an eigenvector matrix. On return d holds the eigenvalues and Z = Pᵀ Z.
 */
export function tql2Rhs(d: Float64Array, e: Float64Array, n: number, z: Float64Array, nrhs: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
    if (m > l) {
      let sweeps = 0;
      do {
        if (++sweeps > MAX_QL_SWEEPS) throw new Error(`eigen-solve did not converge (eigenvalue ${l} of ${n})`);
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.sqrt(p * p + 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.sqrt(p * p + e[i] * e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const o0 = i * nrhs;
          const o1 = o0 + nrhs;
          for (let k = 0; k < nrhs; k++) {
            const hh = z[o1 + k];
            z[o1 + k] = s * z[o0 + k] + c * hh;
            z[o0 + k] = c * z[o0 + k] - s * hh;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}

/** Eigenvalues of the symmetric A and Vᵀ Z. Destroys `a`; `z` is copied. */
export function eigenRhsTs(a: Float64Array, n: number, z: Float64Array, nrhs: number): EigenRhsResult {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const projections = Float64Array.from(z);
  tridiagonalizeRhs(a, n, projections, nrhs, d, e);
  tql2Rhs(d, e, n, projections, nrhs);
  return { eigenvalues: d, projections };
}

/** Z = W̃ M (n×C) for W̃ = [W | b] (W n×n, b n, float32) and M (n+1)×C (float64): the right-hand sides FᵀY. */
export function affineRhsTs(weight: Float32Array, bias: Float32Array, m: Float64Array, n: number, nrhs: number): Float64Array {
  const z = new Float64Array(n * nrhs);
  for (let o = 0; o < n; o++) {
    for (let c = 0; c < nrhs; c++) {
      let s = bias[o] * m[n * nrhs + c];
      for (let j = 0; j < n; j++) s += weight[o * n + j] * m[j * nrhs + c];
      z[o * nrhs + c] = s;
    }
  }
  return z;
}
