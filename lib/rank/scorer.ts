import { evidenceFromSpectrum, type EvidenceVariant } from "../logme";
import type { EigenSolver } from "../linalg/wasm";
import type { TargetPlan } from "./plan";
import { NativeProducts, OnnxProducts, type EsmProducts } from "./products";

/**
 * Scores ESMs against a prepared target on the current thread: the float64 products (OpenBLAS with the native
 * eigen backend, onnxruntime with the portable ones), then the float64 eigen-solve with right-hand sides and
 * LogME's fixed point. One instance per thread.
 */
export class EsmScorer {
  readonly products: EsmProducts;

  constructor(private readonly solver: EigenSolver, products?: EsmProducts) {
    this.products = products ?? (solver.kind === "native" ? new NativeProducts() : new OnnxProducts());
  }

  /** ESM-LogME score of F = X Wᵀ + b. The caller has checked that dim equals the target's d. */
  async score(plan: TargetPlan, weight: Float32Array, bias: Float32Array, evidence: EvidenceVariant = "reference"): Promise<number> {
    const { n, d, columns } = plan;
    let score: number;
    if (plan.kind === "gram") {
      const g = await this.products.gram(plan, weight, bias);
      // FᵀY = W̃ (X̃ᵀY) in float64.
      const r = this.solver.solve(g, d, this.solver.affineRhs(weight, bias, plan.xty, d, columns), columns, true);
      score = evidenceFromSpectrum({ source: "gram", ...r }, plan.yy, n, d, { evidence });
    } else {
      const k = await this.products.kernel(plan, weight, bias);
      const r = this.solver.solve(k, n, plan.y, columns, true);
      score = evidenceFromSpectrum({ source: "kernel", ...r }, plan.yy, n, d, { evidence });
    }
    if (!Number.isFinite(score)) throw new Error(`score is ${score} (non-finite weights or features?)`);
    return score;
  }

  close(): Promise<void> {
    return this.products.close();
  }
}
