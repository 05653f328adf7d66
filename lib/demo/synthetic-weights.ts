import { Prng } from "./prng";

export interface SyntheticMapInput {
  dim: number;
  /** Shared by every ESM of one dataset (per D): the dataset's direction of change. */
  datasetKey: string;
  /** Unique per ESM: its own small noise. */
  esmKey: string;
  /** Rank of the dataset's direction: C − 1 for C classes (a classifier head's span, capped at 8), 1 for regression. */
  rank: number;
}

/**
 * A synthetic, untrained linear ESM f(x) = W x + b with W = I + a·U Vᵀ + σ·N and b = β·u + γ·n:
 * the low-rank part U Vᵀ (D×r Gaussian factors, spectral size ≈ 0.25) is shared per dataset, the noise N
 * (uniform, variance σ², cheaper than Gaussian for D² entries) and n are per ESM. It only looks like a map; it
 * encodes nothing about transfer. Computed in float64, stored F32.
 */
export function syntheticEsmMap({ dim, datasetKey, esmKey, rank }: SyntheticMapInput): { weight: Float32Array; bias: Float32Array } {
  const r = Math.max(1, Math.min(rank, 8));
  const shared = new Prng(`${datasetKey}|D=${dim}`);
  const U = shared.normals(dim * r); // row-major D×r
  const Vt = shared.normals(r * dim); // Vᵀ, row-major r×D, so the inner loop runs along memory
  const biasDirection = shared.normals(dim);
  const own = new Prng(esmKey);
  const a = (0.25 * (0.8 + 0.4 * own.uniform())) / (dim * Math.sqrt(r));
  const halfWidth = Math.sqrt(3) * (0.05 / Math.sqrt(dim)); // uniform on [−h, h] has variance h²/3 = σ²

  const weight = new Float32Array(dim * dim);
  const row = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    row.fill(0);
    for (let k = 0; k < r; k++) {
      const u = a * U[i * r + k];
      const v = k * dim;
      for (let j = 0; j < dim; j++) row[j] += u * Vt[v + j];
    }
    row[i] += 1;
    for (let j = 0; j < dim; j++) weight[i * dim + j] = row[j] + halfWidth * (2 * own.uniform() - 1);
  }
  const bias = new Float32Array(dim);
  for (let i = 0; i < dim; i++) bias[i] = 0.02 * biasDirection[i] + 0.005 * own.normal();
  return { weight, bias };
}
