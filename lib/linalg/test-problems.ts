import { uniformGenerator } from "../random";

/** Reproducible numbers in [-0.5, 0.5) for linear-algebra tests. */
export function centeredRandom(seed: number): () => number {
  const uniform = uniformGenerator(seed);
  return () => uniform() - 0.5;
}

/**
 * A Gram matrix A = FᵀF (n×n, both triangles) of a random m×n F, and nrhs random right-hand sides z.
 * `decay` scales the columns of F down, so the spectrum spans several decades.
 */
export function gramProblem(n: number, m: number, nrhs: number, seed: number, options: { decay?: boolean } = {}) {
  const r = centeredRandom(seed);
  const f = Float64Array.from({ length: m * n }, (_, k) => (options.decay ? r() / (1 + (k % n) / 4) : r()));
  const a = new Float64Array(n * n);
  for (let k = 0; k < m; k++) {
    for (let i = 0; i < n; i++) {
      const fi = f[k * n + i];
      for (let j = 0; j <= i; j++) a[i * n + j] += fi * f[k * n + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
  return { a, z: Float64Array.from({ length: n * nrhs }, r) };
}
