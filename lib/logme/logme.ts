import { createEigenSolver, type EigenSolver } from "../linalg/wasm";
import { evidenceFromSpectrum, type FixedPointOptions, type Spectrum } from "./evidence";
import { buildTargets, type LogmeTask, type Targets } from "./targets";

export interface LogmeOptions extends FixedPointOptions {
  task?: LogmeTask;
  /** Defaults to the WebAssembly kernel when built, else the TypeScript one. */
  solver?: EigenSolver;
}

let defaultSolver: EigenSolver | undefined;

/** Throws on NaN/Inf features, naming the first offending row and column. */
export function assertFiniteFeatures(features: ArrayLike<number>, d: number, what = "features"): void {
  for (let i = 0; i < features.length; i++) {
    if (!Number.isFinite(features[i])) {
      throw new Error(`${what} contain ${features[i]} at row ${Math.floor(i / d)}, column ${i % d}`);
    }
  }
}

/** FᵀF (D×D, float64, lower triangle filled) and FᵀY (D×C). */
function gramAndProjections(f: Float32Array | Float64Array, n: number, d: number, t: Targets): { g: Float64Array; fty: Float64Array } {
  const g = new Float64Array(d * d);
  const fty = new Float64Array(d * t.columns);
  const row = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) row[j] = f[r * d + j];
    for (let i = 0; i < d; i++) {
      const fi = row[i];
      if (fi === 0) continue;
      const o = i * d;
      for (let j = 0; j <= i; j++) g[o + j] += fi * row[j];
      for (let c = 0; c < t.columns; c++) fty[i * t.columns + c] += fi * t.y[r * t.columns + c];
    }
  }
  return { g, fty };
}

/** FFᵀ (N×N, float64, lower triangle filled). */
function kernel(f: Float32Array | Float64Array, n: number, d: number): Float64Array {
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let q = 0; q < d; q++) s += f[i * d + q] * f[j * d + q];
      k[i * n + j] = s;
    }
  }
  return k;
}

/**
 * The spectrum LogME needs, chosen like the reference: for N > D the eigen-decomposition of the D×D Gram FᵀF
 * with right-hand sides Fᵀy_c, otherwise that of the N×N kernel FFᵀ with right-hand sides y_c. Float64 throughout.
 */
export function featureSpectrum(features: Float32Array | Float64Array, n: number, d: number, targets: Targets, solver: EigenSolver): Spectrum {
  if (n > d) {
    const { g, fty } = gramAndProjections(features, n, d, targets);
    const r = solver.solve(g, d, fty, targets.columns);
    return { source: "gram", eigenvalues: r.eigenvalues, projections: r.projections };
  }
  const r = solver.solve(kernel(features, n, d), n, targets.y, targets.columns);
  return { source: "kernel", eigenvalues: r.eigenvalues, projections: r.projections };
}

/**
 * LogME score of features F (N×D row-major) for the given labels: the fixed-point variant with hfselect's settings
 * (50 iterations, tolerance 1e-3, α = β = 1 per column), averaged over one-hot or regression columns.
 */
export function logme(features: Float32Array | Float64Array, n: number, d: number, labels: ArrayLike<number | bigint>, options: LogmeOptions = {}): number {
  if (features.length !== n * d) throw new Error(`features have ${features.length} values, expected ${n}×${d}`);
  if (d < 1) throw new Error("features need at least one column");
  const targets = buildTargets(labels, n, options.task ?? "classification");
  assertFiniteFeatures(features, d);
  const solver = options.solver ?? (defaultSolver ??= createEigenSolver());
  return evidenceFromSpectrum(featureSpectrum(features, n, d, targets, solver), targets.yy, n, d, options);
}
