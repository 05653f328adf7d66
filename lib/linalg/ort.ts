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

function int64s(name: string, values: number[]) {
  return onnx.TensorProto.create({ name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, int64Data: values });
}

function model(nodes: ReturnType<typeof node>[], inputs: ReturnType<typeof valueInfo>[], outputs: ReturnType<typeof valueInfo>[], initializer: ReturnType<typeof int64s>[] = []): Uint8Array {
  return onnx.ModelProto.encode(onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: "", version: 17 }],
    graph: { name: "g", node: nodes, input: inputs, output: outputs, initializer },
  })).finish();
}

/** Block boundaries 0 = b₀ < … < b_k = n of k nearly equal blocks. */
export const blockBounds = (n: number, blocks: number): number[] => Array.from({ length: blocks + 1 }, (_, k) => Math.round((k * n) / blocks));

/** Row/column blocks of the Cholesky S-form below: 4 measured best at d = 768 (fewer saves less, more adds overhead). */
export const CHOLESKY_BLOCKS = 4;

/**
 * ESM Gram (float32) in the Cholesky S-form: with S = X̃ᵀX̃ = L Lᵀ (L lower, once per target), K = W̃ L and
 * G = K Kᵀ. Both products skip L's and G's zero/upper blocks, so this costs about 10/16 of sFormGraph's flops
 * with 4 blocks. Block-shaped, hence built for one d. Inputs: W (d×d), bcol (d×1), L (d+1 × d+1).
 * Outputs G0..G{k−1}: G_i holds rows b_i..b_{i+1}−1 of G, columns 0..b_{i+1}−1 (lower triangle and diagonal block).
 */
export function sFormCholeskyGraph(d: number, blocks = CHOLESKY_BLOCKS): Uint8Array {
  const d1 = d + 1;
  const cb = blockBounds(d1, blocks);
  const rb = blockBounds(d, blocks);
  const init = [int64s("axis0", [0]), int64s("axis1", [1]), int64s("zero", [0]), int64s("d1", [d1])];
  const nodes = [node("Concat", ["W", "bcol"], ["Wt"], [intAttr("axis", 1)])];
  for (let j = 0; j < blocks; j++) {
    init.push(int64s(`c${j}`, [cb[j]]), int64s(`c${j}end`, [cb[j + 1]]));
    // K[:, block j] = W̃[:, cb_j:] · L[cb_j:, block j]: the rows of L above cb_j are zero in that column block.
    nodes.push(node("Slice", ["Wt", `c${j}`, "d1", "axis1"], [`Wt${j}`]));
    nodes.push(node("Slice", ["L", `c${j}`, "d1", "axis0"], [`Lrows${j}`]));
    nodes.push(node("Slice", [`Lrows${j}`, `c${j}`, `c${j}end`, "axis1"], [`L${j}`]));
    nodes.push(node("MatMul", [`Wt${j}`, `L${j}`], [`K${j}`]));
  }
  nodes.push(node("Concat", Array.from({ length: blocks }, (_, j) => `K${j}`), ["K"], [intAttr("axis", 1)]));
  const outputs = [];
  for (let i = 0; i < blocks; i++) {
    init.push(int64s(`r${i}`, [rb[i]]), int64s(`r${i}end`, [rb[i + 1]]));
    nodes.push(node("Slice", ["K", `r${i}`, `r${i}end`, "axis0"], [`Krows${i}`]));
    nodes.push(node("Slice", ["K", "zero", `r${i}end`, "axis0"], [`Kupto${i}`]));
    nodes.push(node("Gemm", [`Krows${i}`, `Kupto${i}`], [`G${i}`], [intAttr("transB", 1)]));
    outputs.push(valueInfo(`G${i}`, [rb[i + 1] - rb[i], rb[i + 1]]));
  }
  return model(nodes, [valueInfo("W", [d, d]), valueInfo("bcol", [d, 1]), valueInfo("L", [d1, d1])], outputs, init);
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
