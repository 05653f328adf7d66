/**
 * LogME's fixed-point maximisation of the evidence (You et al., JMLR 2022; thuml/LogME `_fit_fixed_point`),
 * starting from the spectrum of the features instead of an SVD.
 *
 * Symbols: F (N×D features), y (one target column), σᵢ = sᵢ² the squared singular values of F, x = Uᵀy,
 * α (prior precision of the weights), β (noise precision), t = α/β.
 */

/**
 * `reference`: bit-compatible with thuml/hfselect, which leave out the (D−k)·ln α term of ln|αI + βFᵀF| when
 * only k < D singular values are kept (always when N ≤ D). `corrected`: the exact log evidence.
 */
export type EvidenceVariant = "reference" | "corrected";

export interface FixedPointOptions {
  evidence?: EvidenceVariant;
  /** Iteration cap; hfselect uses 50 (thuml: 11). */
  maxIterations?: number;
  /** Stop when |t_new − t| / t ≤ tolerance. */
  tolerance?: number;
}

/**
 * Where the spectrum came from:
 * `gram`: eigenvalues λ of FᵀF (D of them) and projections w = Vᵀ(Fᵀy); N > D in the reference.
 * `kernel`: eigenvalues λ of FFᵀ (N of them) and projections x = Uᵀy; N ≤ D in the reference.
 */
export type SpectrumSource = "gram" | "kernel";

export interface Spectrum {
  source: SpectrumSource;
  /** Eigenvalues (any order). */
  eigenvalues: Float64Array;
  /** eigenvalues.length × C row-major projections of the C target columns. */
  projections: Float64Array;
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Mean over target columns of the maximised log evidence per example. `yy[c]` = ‖y_c‖², N examples, D features.
 */
export function evidenceFromSpectrum(spectrum: Spectrum, yy: Float64Array, n: number, d: number, options: FixedPointOptions = {}): number {
  const { evidence = "reference", maxIterations = 50, tolerance = 1e-3 } = options;
  const columns = yy.length;
  const lam = spectrum.eigenvalues;
  // SVD singular values are |λ|; the Gram path keeps s = √|λ| > 1e-10 like the reference's truncated_svd, and
  // also drops numerically null directions (|λ| ≤ d·ε·λmax: a rank-deficient F, duplicated columns). Their λ and
  // Vᵀ(Fᵀy) are rounding noise, and x² = w²/λ would turn that noise into the score; in exact arithmetic they are 0.
  let lamMax = 0;
  for (const l of lam) lamMax = Math.max(lamMax, Math.abs(l));
  const nullBelow = lam.length * Number.EPSILON * lamMax;
  const keep: number[] = [];
  for (let i = 0; i < lam.length; i++) {
    const a = Math.abs(lam[i]);
    if (spectrum.source === "kernel" || (Math.sqrt(a) > 1e-10 && a > nullBelow)) keep.push(i);
  }
  const k = keep.length;
  const sigma = Float64Array.from(keep, (i) => Math.abs(lam[i]));
  const x2 = new Float64Array(k);
  let total = 0;
  for (let c = 0; c < columns; c++) {
    let sumX2 = 0;
    for (let q = 0; q < k; q++) {
      const w = spectrum.projections[keep[q] * columns + c];
      // Gram path: x = Uᵀy = Vᵀ(Fᵀy)/s, so x² = w²/σ.
      x2[q] = spectrum.source === "gram" ? (w * w) / sigma[q] : w * w;
      sumX2 += x2[q];
    }
    const resX2 = yy[c] - sumX2;
    let alpha = 1;
    let beta = 1;
    let m2 = 0;
    let res2 = 0;
    for (let it = 0; it < maxIterations; it++) {
      const t = alpha / beta;
      let gamma = 0;
      m2 = 0;
      res2 = 0;
      for (let q = 0; q < k; q++) {
        const s = sigma[q];
        const den = t + s;
        const shrink = 1 + s / t;
        gamma += s / (s + t);
        m2 += (s * x2[q]) / (den * den);
        res2 += x2[q] / (shrink * shrink);
      }
      res2 += resX2;
      alpha = gamma / (m2 + 1e-5);
      beta = (n - gamma) / (res2 + 1e-5);
      if (Math.abs(alpha / beta - t) / t <= tolerance) break;
    }
    let logDet = 0;
    for (let q = 0; q < k; q++) logDet += Math.log(alpha + beta * sigma[q]);
    if (evidence === "corrected") logDet += (d - k) * Math.log(alpha);
    const ev = (d / 2) * Math.log(alpha) + (n / 2) * Math.log(beta) - 0.5 * logDet - (beta / 2) * res2 - (alpha / 2) * m2 - (n / 2) * LOG_2PI;
    total += ev / n;
  }
  return total / columns;
}
