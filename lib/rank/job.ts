import { readFile } from "node:fs/promises";
import { parseEsmWeights } from "../esm";
import type { EvidenceVariant } from "../logme";
import type { TargetPlan } from "./plan";
import type { EsmScorer } from "./scorer";

/** Why an ESM of dimension `dim` cannot be ranked against the plan's target (wrong size, non-finite values), or null if it can. */
export function dimensionProblem(plan: TargetPlan, dim: number, weight: Float32Array, bias: Float32Array): string | null {
  if (dim !== plan.d) return `ESM dimension ${dim} does not match the embedding dimension ${plan.d}`;
  if (weight.length !== dim * dim || bias.length !== dim) return `weights have ${weight.length} + ${bias.length} values, expected ${dim}×${dim} + ${dim}`;
  for (let i = 0; i < weight.length; i++) {
    if (!Number.isFinite(weight[i])) return `weight contains ${weight[i]} at row ${Math.floor(i / dim)}, column ${i % dim}`;
  }
  for (let i = 0; i < dim; i++) if (!Number.isFinite(bias[i])) return `bias contains ${bias[i]} at index ${i}`;
  return null;
}

/** A safetensors file to score; `bytes`, when set, is its read already under way (read-ahead while the worker is busy). */
export interface EsmFile {
  file: string;
  bytes?: Promise<Buffer>;
}

/**
 * Scores one ESM; rejects with an Error whose message is the skip reason shown to users
 * ("could not load: …", "ESM dimension … does not match …", "could not score: …").
 */
export async function runJob(scorer: EsmScorer, plan: TargetPlan, esm: EsmFile | { weight: Float32Array; bias: Float32Array; dim: number }, evidence: EvidenceVariant): Promise<number> {
  let weights;
  if ("file" in esm) {
    try {
      weights = parseEsmWeights(new Uint8Array(await (esm.bytes ?? readFile(esm.file))));
    } catch (err) {
      throw new Error(`could not load: ${(err as Error).message}`);
    }
  } else {
    weights = esm;
  }
  const problem = dimensionProblem(plan, weights.dim, weights.weight, weights.bias);
  if (problem) throw new Error(problem);
  try {
    return await scorer.score(plan, weights.weight, weights.bias, evidence);
  } catch (err) {
    throw new Error(`could not score: ${(err as Error).message}`);
  }
}
