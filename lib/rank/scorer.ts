import { evidenceFromSpectrum, type EvidenceVariant } from "../logme";
import { createSession, kernelGraph, ort, sFormGraph } from "../linalg/ort";
import type { EigenSolver } from "../linalg/wasm";
import type { TargetPlan } from "./plan";

/**
 * Scores ESMs against a prepared target on the current thread: products in onnxruntime (float32), then the
 * float64 eigen-solve with right-hand sides and LogME's fixed point. One instance per thread.
 */
export class EsmScorer {
  private readonly sessions = new Map<TargetPlan["kind"], Promise<ort.InferenceSession>>();

  constructor(private readonly solver: EigenSolver, private readonly intraOpThreads = 1) {}

  private session(kind: TargetPlan["kind"]): Promise<ort.InferenceSession> {
    let s = this.sessions.get(kind);
    if (!s) {
      s = createSession(kind === "gram" ? sFormGraph() : kernelGraph(), this.intraOpThreads);
      this.sessions.set(kind, s);
    }
    return s;
  }

  /** ESM-LogME score of F = X Wᵀ + b. The caller has checked that dim equals the target's d. */
  async score(plan: TargetPlan, weight: Float32Array, bias: Float32Array, evidence: EvidenceVariant = "reference"): Promise<number> {
    const { n, d, columns } = plan;
    const session = await this.session(plan.kind);
    let score: number;
    if (plan.kind === "gram") {
      const out = await session.run({
        W: new ort.Tensor("float32", weight, [d, d]),
        bcol: new ort.Tensor("float32", bias, [d, 1]),
        S: new ort.Tensor("float32", plan.s, [d + 1, d + 1]),
      });
      // FᵀY = W̃ (X̃ᵀY) in float64.
      const r = this.solver.solve(out.G.data as Float32Array, d, this.solver.affineRhs(weight, bias, plan.xty, d, columns), columns);
      score = evidenceFromSpectrum({ source: "gram", ...r }, plan.yy, n, d, { evidence });
    } else {
      const out = await session.run({
        X: new ort.Tensor("float32", plan.x, [n, d]),
        W: new ort.Tensor("float32", weight, [d, d]),
        b: new ort.Tensor("float32", bias, [d]),
      });
      const r = this.solver.solve(out.K.data as Float32Array, n, plan.y, columns);
      score = evidenceFromSpectrum({ source: "kernel", ...r }, plan.yy, n, d, { evidence });
    }
    if (!Number.isFinite(score)) throw new Error(`score is ${score} (non-finite weights or features?)`);
    return score;
  }

  async close(): Promise<void> {
    for (const s of this.sessions.values()) await (await s).release();
    this.sessions.clear();
  }
}
