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

const F64 = onnx.TensorProto.DataType.DOUBLE;

/**
 * ESM Gram in the n-independent "S-form", in float64. With X̃ = [X | 1] and W̃ = [W | b], F = X̃ W̃ᵀ, so
 * FᵀF = W̃ S W̃ᵀ, where S = X̃ᵀX̃ is computed once per target dataset. The float32 weights are widened first:
 * a float32 product would lose the spread of saturated features (tanh outputs near ±1) to cancellation.
 * Inputs: W (e×d, float32), bcol (e×1, float32), S (d+1 × d+1, float64). Output: G (e×e, float64).
 */
export const sFormGraph = (): Uint8Array => model(
  [
    node("Cast", ["W"], ["Wd"], [intAttr("to", F64)]),
    node("Cast", ["bcol"], ["bd"], [intAttr("to", F64)]),
    node("Concat", ["Wd", "bd"], ["Wt"], [intAttr("axis", 1)]),
    node("MatMul", ["Wt", "S"], ["H"]),
    node("Gemm", ["H", "Wt"], ["G"], [intAttr("transB", 1)]),
  ],
  [valueInfo("W", ["e", "d"]), valueInfo("bcol", ["e", 1]), valueInfo("S", ["d1", "d1"], F64)],
  [valueInfo("G", ["e", "e"], F64)],
);

/**
 * ESM kernel for n ≤ d, in float64 like the S-form: F = X Wᵀ + b from the widened float32 inputs, K = F Fᵀ (n×n).
 * Inputs: X (n×d), W (e×d), b (e), all float32. Output: K (n×n, float64).
 */
export const kernelGraph = (): Uint8Array => model(
  [
    node("Cast", ["X"], ["Xd"], [intAttr("to", F64)]),
    node("Cast", ["W"], ["Wd"], [intAttr("to", F64)]),
    node("Cast", ["b"], ["bd"], [intAttr("to", F64)]),
    node("Gemm", ["Xd", "Wd", "bd"], ["F"], [intAttr("transB", 1)]),
    node("Gemm", ["F", "F"], ["K"], [intAttr("transB", 1)]),
  ],
  [valueInfo("X", ["n", "d"]), valueInfo("W", ["e", "d"]), valueInfo("b", ["e"])],
  [valueInfo("K", ["n", "n"], F64)],
);

/** S = X̃ᵀX̃ and X̃ᵀY in float64 (once per target). Inputs: Xa (n × d+1), Y (n×C). */
export const sFormStatsGraph = (): Uint8Array => model(
  [node("Gemm", ["Xa", "Xa"], ["S"], [intAttr("transA", 1)]), node("Gemm", ["Xa", "Y"], ["XtY"], [intAttr("transA", 1)])],
  [valueInfo("Xa", ["n", "d1"], F64), valueInfo("Y", ["n", "c"], F64)],
  [valueInfo("S", ["d1", "d1"], F64), valueInfo("XtY", ["d1", "c"], F64)],
);

/** A CPU session for a graph built above; one thread per session, since parallelism comes from workers. */
export function createSession(graph: Uint8Array, intraOpNumThreads = 1): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(graph, { intraOpNumThreads, interOpNumThreads: 1, executionMode: "sequential", graphOptimizationLevel: "all" });
}

export { ort };
