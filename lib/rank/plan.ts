import { availableParallelism } from "node:os";
import { assertFiniteFeatures, buildTargets } from "../logme";
import { createSession, ort, sFormStatsGraph } from "../linalg/ort";
import type { RankingTarget } from "./types";

/**
 * Everything a worker needs to score ESMs against one target, computed once per ranking.
 * `gram` (n > d): S = X̃ᵀX̃ and X̃ᵀY in float64 with X̃ = [X | 1], so per-ESM cost does not grow with n.
 * `kernel` (n ≤ d): X itself and the target columns, for K = F Fᵀ.
 */
export interface GramPlan { kind: "gram"; n: number; d: number; columns: number; yy: Float64Array; s: Float64Array; xty: Float64Array }
export interface KernelPlan { kind: "kernel"; n: number; d: number; columns: number; yy: Float64Array; x: Float32Array; y: Float64Array }
export type TargetPlan = GramPlan | KernelPlan;

/** Validates the target (see buildTargets for the refused inputs) and precomputes its plan. */
export async function prepareTarget(target: RankingTarget): Promise<TargetPlan> {
  const { embeddings, n, d } = target;
  if (!Number.isInteger(d) || d < 1) throw new Error(`embedding dimension must be a positive integer, got ${d}`);
  if (embeddings.length !== n * d) throw new Error(`embeddings have ${embeddings.length} values, expected ${n}×${d}`);
  const targets = buildTargets(target.labels, n, target.task);
  assertFiniteFeatures(embeddings, d, "embeddings");
  const { columns, yy, y } = targets;
  if (n <= d) return { kind: "kernel", n, d, columns, yy, x: embeddings, y };

  const d1 = d + 1;
  const xa = new Float64Array(n * d1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) xa[i * d1 + j] = embeddings[i * d + j];
    xa[i * d1 + d] = 1;
  }
  const session = await createSession(sFormStatsGraph(), availableParallelism());
  try {
    const out = await session.run({ Xa: new ort.Tensor("float64", xa, [n, d1]), Y: new ort.Tensor("float64", y, [n, columns]) });
    return {
      kind: "gram", n, d, columns, yy,
      s: out.S.data as Float64Array,
      xty: out.XtY.data as Float64Array,
    };
  } finally {
    await session.release();
  }
}
