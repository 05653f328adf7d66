import { evidenceFromSpectrum, type EvidenceVariant } from "../logme";
import { blockBounds, CHOLESKY_BLOCKS, createSession, kernelGraph, ort, sFormCholeskyGraph, sFormGraph } from "../linalg/ort";
import type { EigenSolver } from "../linalg/wasm";
import type { TargetPlan } from "./plan";

/**
 * Scores ESMs against a prepared target on the current thread: products in onnxruntime (float32), then the
 * float64 eigen-solve with right-hand sides and LogME's fixed point. One instance per thread.
 */
export class EsmScorer {
  /** Keyed "gram", "kernel" or "cholesky:<d>" (that graph is built for one d). */
  private readonly sessions = new Map<string, Promise<ort.InferenceSession>>();
  private gram = new Float32Array(0);

  constructor(private readonly solver: EigenSolver, private readonly intraOpThreads = 1) {}

  private session(key: string, graph: () => Uint8Array): Promise<ort.InferenceSession> {
    let s = this.sessions.get(key);
    if (!s) {
      s = createSession(graph(), this.intraOpThreads);
      this.sessions.set(key, s);
    }
    return s;
  }

  /** G (d×d, lower triangle filled) in float32 from the Cholesky S-form's row blocks. */
  private async choleskyGram(l: Float32Array, weight: Float32Array, bias: Float32Array, d: number): Promise<Float32Array> {
    const session = await this.session(`cholesky:${d}`, () => sFormCholeskyGraph(d));
    const out = await session.run({
      W: new ort.Tensor("float32", weight, [d, d]),
      bcol: new ort.Tensor("float32", bias, [d, 1]),
      L: new ort.Tensor("float32", l, [d + 1, d + 1]),
    });
    if (this.gram.length !== d * d) this.gram = new Float32Array(d * d);
    const rows = blockBounds(d, CHOLESKY_BLOCKS);
    for (let i = 0; i < CHOLESKY_BLOCKS; i++) {
      const block = out[`G${i}`].data as Float32Array;
      const width = rows[i + 1];
      for (let r = rows[i]; r < width; r++) this.gram.set(block.subarray((r - rows[i]) * width, (r - rows[i] + 1) * width), r * d);
    }
    return this.gram;
  }

  /** ESM-LogME score of F = X Wᵀ + b. The caller has checked that dim equals the target's d. */
  async score(plan: TargetPlan, weight: Float32Array, bias: Float32Array, evidence: EvidenceVariant = "reference"): Promise<number> {
    const { n, d, columns } = plan;
    let score: number;
    if (plan.kind === "gram") {
      let g: Float32Array;
      if (plan.l) {
        g = await this.choleskyGram(plan.l, weight, bias, d);
      } else {
        const session = await this.session("gram", sFormGraph);
        const out = await session.run({
          W: new ort.Tensor("float32", weight, [d, d]),
          bcol: new ort.Tensor("float32", bias, [d, 1]),
          S: new ort.Tensor("float32", plan.s, [d + 1, d + 1]),
        });
        g = out.G.data as Float32Array;
      }
      // FᵀY = W̃ (X̃ᵀY) in float64.
      const r = this.solver.solve(g, d, this.solver.affineRhs(weight, bias, plan.xty, d, columns), columns);
      score = evidenceFromSpectrum({ source: "gram", ...r }, plan.yy, n, d, { evidence });
    } else {
      const session = await this.session("kernel", kernelGraph);
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
