import onnxProto from "onnx-proto";
import * as ort from "onnxruntime-node";

const { onnx } = onnxProto;
type Dim = number | string;

function valueInfo(name: string, dims: Dim[], elemType = onnx.TensorProto.DataType.FLOAT) {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((x) => (typeof x === "string" ? { dimParam: x } : { dimValue: x })) } } },
  });
}

function intAttr(name: string, i: number) {
  return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });
}

function node(opType: string, input: string[], output: string[], attribute: ReturnType<typeof intAttr>[] = []) {
  return onnx.NodeProto.create({ opType, input, output, attribute });
}

function model(nodes: ReturnType<typeof node>[], inputs: ReturnType<typeof valueInfo>[], outputs: ReturnType<typeof valueInfo>[]): Uint8Array {
  return onnx.ModelProto.encode(onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: "", version: 17 }],
    graph: { name: "g", node: nodes, input: inputs, output: outputs },
  })).finish();
}

/**
 * ESM Gram in the n-independent "S-form" (float32). With X̃ = [X | 1] and W̃ = [W | b], F = X̃ W̃ᵀ, so
 * FᵀF = W̃ S W̃ᵀ, where S = X̃ᵀX̃ is computed once per target dataset. (FᵀY = W̃ (X̃ᵀY) is left to float64
 * code: it feeds ‖y‖² − Σx², a difference that float32 rounding would spoil for well-fitted regression targets.)
 * Inputs: W (e×d), bcol (e×1), S (d+1 × d+1). Output: G (e×e).
 */
export const sFormGraph = (): Uint8Array => model(
  [
    node("Concat", ["W", "bcol"], ["Wt"], [intAttr("axis", 1)]),
    node("MatMul", ["Wt", "S"], ["H"]),
    node("Gemm", ["H", "Wt"], ["G"], [intAttr("transB", 1)]),
  ],
  [valueInfo("W", ["e", "d"]), valueInfo("bcol", ["e", 1]), valueInfo("S", ["d1", "d1"])],
  [valueInfo("G", ["e", "e"])],
);

/** ESM kernel for n ≤ d (float32): F = X Wᵀ + b, K = F Fᵀ (n×n). Inputs: X (n×d), W (e×d), b (e). */
export const kernelGraph = (): Uint8Array => model(
  [node("Gemm", ["X", "W", "b"], ["F"], [intAttr("transB", 1)]), node("Gemm", ["F", "F"], ["K"], [intAttr("transB", 1)])],
  [valueInfo("X", ["n", "d"]), valueInfo("W", ["e", "d"]), valueInfo("b", ["e"])],
  [valueInfo("K", ["n", "n"])],
);

/** S = X̃ᵀX̃ and X̃ᵀY in float64 (once per target). Inputs: Xa (n × d+1), Y (n×C). */
export const sFormStatsGraph = (): Uint8Array => {
  const f64 = onnx.TensorProto.DataType.DOUBLE;
  return model(
    [node("Gemm", ["Xa", "Xa"], ["S"], [intAttr("transA", 1)]), node("Gemm", ["Xa", "Y"], ["XtY"], [intAttr("transA", 1)])],
    [valueInfo("Xa", ["n", "d1"], f64), valueInfo("Y", ["n", "c"], f64)],
    [valueInfo("S", ["d1", "d1"], f64), valueInfo("XtY", ["d1", "c"], f64)],
  );
};

/** A CPU session for a graph built above; one thread per session, since parallelism comes from workers. */
export function createSession(graph: Uint8Array, intraOpNumThreads = 1): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(graph, { intraOpNumThreads, interOpNumThreads: 1, executionMode: "sequential", graphOptimizationLevel: "all" });
}

export { ort };
