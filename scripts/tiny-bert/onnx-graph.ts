import onnxProto from "onnx-proto";
import type { Tensor, TinyBertDims } from "./weights";

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

function transpose2d(t: Tensor): Tensor {
  const [rows, cols] = t.shape;
  const out = new Float32Array(t.data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = t.data[r * cols + c];
  return { shape: [cols, rows], data: out };
}

function bytesOf(a: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

/**
 * The BertModel forward pass as an ONNX graph (opset 17), the same I/O contract as optimum/Xenova exports:
 * inputs input_ids, attention_mask, token_type_ids (int64 [batch, seq]); outputs last_hidden_state and,
 * unless `withPooler` is false, pooler_output = tanh(W_pool · h_[CLS] + b_pool).
 */
export function buildBertOnnx(weights: Map<string, Tensor>, dims: TinyBertDims, withPooler: boolean): Uint8Array {
  const { hidden: H, heads: NH } = dims;
  const HD = H / NH;
  const initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  const nodes: InstanceType<typeof onnx.NodeProto>[] = [];

  const floatInit = (name: string, t: Tensor) => {
    initializers.push(onnx.TensorProto.create({ name, dims: t.shape, dataType: FLOAT, rawData: bytesOf(t.data) }));
    return name;
  };
  const scalar = (name: string, v: number) => floatInit(name, { shape: [], data: Float32Array.of(v) });
  const ints = (name: string, values: number[], shape: number[] = [values.length]) => {
    initializers.push(onnx.TensorProto.create({ name, dims: shape, dataType: INT64, rawData: bytesOf(BigInt64Array.from(values.map(BigInt))) }));
    return name;
  };
  const param = (name: string) => {
    const t = weights.get(name);
    if (!t) throw new Error(`missing weight ${name}`);
    return floatInit(name, t);
  };
  const node = (opType: string, inputs: string[], output: string, attrs: Record<string, number | number[]> = {}) => {
    const attribute = Object.entries(attrs).map(([name, v]) =>
      Array.isArray(v)
        ? onnx.AttributeProto.create({ name, ints: v, type: onnx.AttributeProto.AttributeType.INTS })
        : Number.isInteger(v)
          ? onnx.AttributeProto.create({ name, i: v, type: onnx.AttributeProto.AttributeType.INT })
          : onnx.AttributeProto.create({ name, f: v, type: onnx.AttributeProto.AttributeType.FLOAT }),
    );
    nodes.push(onnx.NodeProto.create({ opType, input: inputs, output: [output], name: output, attribute }));
    return output;
  };
  const linear = (x: string, prefix: string) => {
    const w = weights.get(`${prefix}.weight`);
    if (!w) throw new Error(`missing weight ${prefix}.weight`);
    const wt = floatInit(`${prefix}.weight_t`, transpose2d(w));
    return node("Add", [node("MatMul", [x, wt], `${prefix}.mm`), param(`${prefix}.bias`)], `${prefix}.out`);
  };
  const layerNorm = (x: string, prefix: string) =>
    node("LayerNormalization", [x, param(`${prefix}.weight`), param(`${prefix}.bias`)], `${prefix}.out`, { axis: -1, epsilon: 1e-12 });

  const words = node("Gather", [param("embeddings.word_embeddings.weight"), "input_ids"], "emb.words");
  const types = node("Gather", [param("embeddings.token_type_embeddings.weight"), "token_type_ids"], "emb.types");
  const seqLen = node("Gather", [node("Shape", ["input_ids"], "emb.shape"), ints("c.one_i", [1], [])], "emb.seq_len", { axis: 0 });
  const positions = node("Range", [ints("c.zero_i", [0], []), seqLen, ints("c.step_i", [1], [])], "emb.positions");
  const pos = node("Gather", [param("embeddings.position_embeddings.weight"), positions], "emb.pos");
  let h = layerNorm(node("Add", [node("Add", [words, types], "emb.sum1"), pos], "emb.sum2"), "embeddings.LayerNorm");

  // Additive mask (1 - m) · -10000 broadcast over heads and query positions, as in HF BertModel.
  const maskF = node("Cast", ["attention_mask"], "mask.f", { to: FLOAT });
  const maskNeg = node("Mul", [node("Sub", [scalar("c.one_f", 1), maskF], "mask.inv"), scalar("c.neg", -10000)], "mask.neg");
  const mask = node("Unsqueeze", [maskNeg, ints("c.axes12", [1, 2])], "mask.add");
  const splitShape = ints("c.split_shape", [0, 0, NH, HD]);
  const mergeShape = ints("c.merge_shape", [0, 0, H]);
  const scale = scalar("c.scale", 1 / Math.sqrt(HD));

  for (let l = 0; l < dims.layers; l++) {
    const p = `encoder.layer.${l}`;
    const headsOf = (name: string) =>
      node("Transpose", [node("Reshape", [linear(h, `${p}.attention.self.${name}`), splitShape], `${p}.${name}.split`)], `${p}.${name}.heads`, { perm: [0, 2, 1, 3] });
    const q = headsOf("query");
    const k = headsOf("key");
    const v = headsOf("value");
    const kT = node("Transpose", [k], `${p}.kT`, { perm: [0, 1, 3, 2] });
    const scores = node("Add", [node("Mul", [node("MatMul", [q, kT], `${p}.qk`), scale], `${p}.qk.scaled`), mask], `${p}.scores`);
    const ctx = node("MatMul", [node("Softmax", [scores], `${p}.probs`, { axis: -1 }), v], `${p}.ctx`);
    const merged = node("Reshape", [node("Transpose", [ctx], `${p}.ctx.t`, { perm: [0, 2, 1, 3] }), mergeShape], `${p}.ctx.merged`);
    const h1 = layerNorm(node("Add", [linear(merged, `${p}.attention.output.dense`), h], `${p}.res1`), `${p}.attention.output.LayerNorm`);
    const f1 = linear(h1, `${p}.intermediate.dense`);
    // Exact GELU: 0.5 · x · (1 + erf(x / √2)), BERT's hidden_act "gelu".
    const erf = node("Erf", [node("Div", [f1, scalar(`${p}.sqrt2`, Math.SQRT2)], `${p}.gelu.div`)], `${p}.gelu.erf`);
    const gelu = node("Mul", [node("Mul", [f1, node("Add", [erf, scalar(`${p}.one`, 1)], `${p}.gelu.1p`)], `${p}.gelu.x`), scalar(`${p}.half`, 0.5)], `${p}.gelu`);
    h = layerNorm(node("Add", [linear(gelu, `${p}.output.dense`), h1], `${p}.res2`), `${p}.output.LayerNorm`);
  }
  node("Identity", [h], "last_hidden_state");
  const outputs = [valueInfo("last_hidden_state", FLOAT, ["batch_size", "sequence_length", H])];
  if (withPooler) {
    const cls = node("Gather", [h, ints("c.zero_idx", [0], [])], "pooler.cls", { axis: 1 });
    node("Tanh", [linear(cls, "pooler.dense")], "pooler_output");
    outputs.push(valueInfo("pooler_output", FLOAT, ["batch_size", H]));
  }
  const graph = onnx.GraphProto.create({
    name: "bert",
    node: nodes,
    initializer: initializers,
    input: ["input_ids", "attention_mask", "token_type_ids"].map((n) => valueInfo(n, INT64, ["batch_size", "sequence_length"])),
    output: outputs,
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: "", version: 17 })],
    producerName: "esmhub make-tiny-bert",
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

function valueInfo(name: string, elemType: number, shape: (string | number)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({
          dim: shape.map((d) => onnx.TensorShapeProto.Dimension.create(typeof d === "number" ? { dimValue: d } : { dimParam: d })),
        }),
      }),
    }),
  });
}
