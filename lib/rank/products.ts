import { augmentedWeights, NativeGramKernel } from "../linalg/native";
import { createSession, kernelGraph, ort, sFormGraph } from "../linalg/ort";
import type { GramPlan, KernelPlan } from "./plan";

/**
 * The per-ESM matrix products, all float64 from the Gram onward (see docs/exactness.md): the backend seam where a
 * GPU implementation would go. `gram` returns FᵀF (d×d), `kernel` FFᵀ (n×n); row-major, lower triangle valid.
 * The eigen-solve may overwrite a result; a result may be reused by the next call.
 */
export interface EsmProducts {
  readonly kind: "native" | "onnx";
  gram(plan: GramPlan, weight: Float32Array, bias: Float32Array): Promise<Float64Array>;
  kernel(plan: KernelPlan, weight: Float32Array, bias: Float32Array): Promise<Float64Array>;
  close(): Promise<void>;
}

/** onnxruntime on the CPU (float64 kernels), for machines without OpenBLAS and the portable eigen backends. */
export class OnnxProducts implements EsmProducts {
  readonly kind: EsmProducts["kind"] = "onnx";
  private readonly sessions = new Map<"gram" | "kernel", Promise<ort.InferenceSession>>();

  constructor(private readonly intraOpThreads = 1) {}

  private session(kind: "gram" | "kernel"): Promise<ort.InferenceSession> {
    let s = this.sessions.get(kind);
    if (!s) {
      s = createSession(kind === "gram" ? sFormGraph() : kernelGraph(), this.intraOpThreads);
      this.sessions.set(kind, s);
    }
    return s;
  }

  async gram(plan: GramPlan, weight: Float32Array, bias: Float32Array): Promise<Float64Array> {
    const { d } = plan;
    const out = await (await this.session("gram")).run({
      W: new ort.Tensor("float32", weight, [d, d]),
      bcol: new ort.Tensor("float32", bias, [d, 1]),
      S: new ort.Tensor("float64", plan.s, [d + 1, d + 1]),
    });
    return out.G.data as Float64Array;
  }

  async kernel(plan: KernelPlan, weight: Float32Array, bias: Float32Array): Promise<Float64Array> {
    const { n, d } = plan;
    const out = await (await this.session("kernel")).run({
      X: new ort.Tensor("float32", plan.x, [n, d]),
      W: new ort.Tensor("float32", weight, [d, d]),
      b: new ort.Tensor("float32", bias, [d]),
    });
    return out.K.data as Float64Array;
  }

  async close(): Promise<void> {
    for (const s of this.sessions.values()) await (await s).release();
    this.sessions.clear();
  }
}

/**
 * OpenBLAS through koffi: the Gram as MMᵀ with M = W̃L and S = LLᵀ factored once per target (about half the flops
 * of W̃SW̃ᵀ); a target whose S has no Cholesky factor takes the two-GEMM form. The small n ≤ d kernel stays in
 * onnxruntime.
 */
export class NativeProducts implements EsmProducts {
  readonly kind: EsmProducts["kind"] = "native";
  private readonly blas = new NativeGramKernel();
  private readonly onnx = new OnnxProducts();
  private readonly factors = new WeakMap<GramPlan, Float64Array | null>();
  /**
   * W̃ and G, reused across ESMs: a fresh 4.7 MB array per ESM costs more in page faults than widening W. So a
   * Gram returned here is valid until the next call (the scorer consumes it at once).
   */
  private scratch = new Float64Array(0);
  private g = new Float64Array(0);

  async gram(plan: GramPlan, weight: Float32Array, bias: Float32Array): Promise<Float64Array> {
    const { d } = plan;
    let factor = this.factors.get(plan);
    if (factor === undefined) {
      factor = this.blas.cholesky(plan.s, d + 1);
      this.factors.set(plan, factor);
    }
    if (this.scratch.length < d * (d + 1)) this.scratch = new Float64Array(d * (d + 1));
    const wt = augmentedWeights(weight, bias, d, this.scratch);
    if (!factor) return this.blas.gramFromS(wt, plan.s, d);
    if (this.g.length !== d * d) this.g = new Float64Array(d * d);
    return this.blas.gramFromFactor(wt, factor, d, this.g);
  }

  kernel(plan: KernelPlan, weight: Float32Array, bias: Float32Array): Promise<Float64Array> {
    return this.onnx.kernel(plan, weight, bias);
  }

  close(): Promise<void> {
    return this.onnx.close();
  }
}
