import onnxProto from "onnx-proto";
import { checkpointProblems, tensorPrefix, type EncoderShape } from "./checkpoint";
import { EmbedError } from "./errors";

/*
 * The forward pass of the encoder families the ESM-LogME recipe embeds with (BertModel, RobertaModel,
 * DistilBertModel), written as an ONNX graph from a checkpoint's own tensors, so that a model folder with
 * only model.safetensors (what transformers' save_pretrained writes, and what most Hub repos ship) runs on
 * ONNX Runtime without an export step. Tensor names, position ids, masking and activations follow the
 * transformers modelling code; the parity test compares against transformers itself.
 */

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

/** A checkpoint tensor widened to float32. */
export interface Tensor {
  shape: number[];
  data: Float32Array;
}

function transpose2d(t: Tensor): Tensor {
  const [rows, cols] = t.shape;
  const out = new Float32Array(t.data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = t.data[r * cols + c];
  return { shape: [cols, rows], data: out };
}

function bytesOf(a: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * The graph: inputs input_ids and attention_mask (int64 [batch, seq]); outputs last_hidden_state and, for
 * BERT checkpoints with pooler weights, pooler_output = tanh(W_pool · h_[CLS] + b_pool). Segment ids are all
 * zero (the reference passes none), so BERT's token type embedding is row 0, added as a constant.
 */
export function buildEncoderOnnx(weights: Map<string, Tensor>, shape: EncoderShape): { model: Uint8Array; outputs: string[] } {
  const problems = checkpointProblems(new Map([...weights].map(([name, t]) => [name, { dtype: "F32", shape: t.shape }])), shape);
  if (problems.length) throw new EmbedError("unsupported_model", problems.join("; "));
  const { hidden: H, heads: NH, family } = shape;
  const HD = H / NH;
  const prefix = tensorPrefix(weights.keys(), shape)!;
  const initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  const nodes: InstanceType<typeof onnx.NodeProto>[] = [];

  const floatInit = (name: string, t: Tensor) => {
    initializers.push(onnx.TensorProto.create({ name, dims: t.shape, dataType: FLOAT, rawData: bytesOf(t.data) }));
    return name;
  };
  const scalar = (name: string, v: number) => floatInit(name, { shape: [], data: Float32Array.of(v) });
  const ints = (name: string, values: number[], dims: number[] = [values.length]) => {
    initializers.push(onnx.TensorProto.create({ name, dims, dataType: INT64, rawData: bytesOf(BigInt64Array.from(values.map(BigInt))) }));
    return name;
  };
  const tensor = (name: string, rank?: number[]) => {
    const t = weights.get(prefix + name);
    if (!t) throw new EmbedError("unsupported_model", `model.safetensors has no ${prefix + name}`);
    if (rank && t.shape.join() !== rank.join()) {
      throw new EmbedError("unsupported_model", `${prefix + name} has shape [${t.shape}], expected [${rank}]`);
    }
    return t;
  };
  const param = (name: string) => floatInit(name, tensor(name));
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
  const linear = (x: string, name: string, inDim: number, outDim: number) => {
    const wt = floatInit(`${name}.weight_t`, transpose2d(tensor(`${name}.weight`, [outDim, inDim])));
    return node("Add", [node("MatMul", [x, wt], `${name}.mm`), param(`${name}.bias`)], `${name}.out`);
  };
  const layerNorm = (x: string, name: string) =>
    node("LayerNormalization", [x, param(`${name}.weight`), param(`${name}.bias`)], `${name}.out`, { axis: -1, epsilon: shape.layerNormEps });
  const gelu = (x: string, name: string) => {
    if (shape.activation === "gelu") {
      // 0.5 · x · (1 + erf(x / √2))
      const erf = node("Erf", [node("Div", [x, scalar(`${name}.sqrt2`, Math.SQRT2)], `${name}.div`)], `${name}.erf`);
      return node("Mul", [node("Mul", [x, node("Add", [erf, scalar(`${name}.one`, 1)], `${name}.1p`)], `${name}.x`), scalar(`${name}.half`, 0.5)], name);
    }
    // 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))
    const cube = node("Mul", [node("Mul", [x, x], `${name}.x2`), x], `${name}.x3`);
    const inner = node("Mul", [node("Add", [x, node("Mul", [cube, scalar(`${name}.c`, 0.044715)], `${name}.cx3`)], `${name}.sum`), scalar(`${name}.k`, Math.sqrt(2 / Math.PI))], `${name}.inner`);
    const t = node("Add", [node("Tanh", [inner], `${name}.tanh`), scalar(`${name}.one`, 1)], `${name}.1p`);
    return node("Mul", [node("Mul", [x, t], `${name}.x`), scalar(`${name}.half`, 0.5)], name);
  };

  // Embeddings: word + position (+ segment row 0 for BERT and RoBERTa), then LayerNorm.
  const words = node("Gather", [param("embeddings.word_embeddings.weight"), "input_ids"], "emb.words");
  let positions: string;
  if (family === "roberta") {
    // create_position_ids_from_input_ids: cumsum of the non-pad mask, times the mask, plus padding_idx.
    const notPad = node("Cast", [node("Not", [node("Equal", ["input_ids", ints("c.pad", [shape.padTokenId], [])], "pos.is_pad")], "pos.not_pad")], "pos.mask", { to: INT64 });
    const counted = node("Mul", [node("CumSum", [notPad, ints("c.axis1", [1], [])], "pos.cumsum"), notPad], "pos.counted");
    positions = node("Add", [counted, ints("c.pad2", [shape.padTokenId], [])], "pos.ids");
  } else {
    const seqLen = node("Gather", [node("Shape", ["input_ids"], "emb.shape"), ints("c.one_i", [1], [])], "emb.seq_len", { axis: 0 });
    positions = node("Range", [ints("c.zero_i", [0], []), seqLen, ints("c.step_i", [1], [])], "pos.ids");
  }
  let sum = node("Add", [words, node("Gather", [param("embeddings.position_embeddings.weight"), positions], "emb.pos")], "emb.sum1");
  if (family !== "distilbert") {
    const types = tensor("embeddings.token_type_embeddings.weight");
    sum = node("Add", [sum, floatInit("emb.type0", { shape: [H], data: types.data.slice(0, H) })], "emb.sum2");
  }
  let h = layerNorm(sum, "embeddings.LayerNorm");

  // Masked keys get float32's lowest value added to their scores, as transformers' 4-d attention mask does.
  const maskF = node("Cast", ["attention_mask"], "mask.f", { to: FLOAT });
  const maskNeg = node("Mul", [node("Sub", [scalar("c.one_f", 1), maskF], "mask.inv"), scalar("c.neg", -3.4028234663852886e38)], "mask.neg");
  const mask = node("Unsqueeze", [maskNeg, ints("c.axes12", [1, 2])], "mask.add");
  const splitShape = ints("c.split_shape", [0, 0, NH, HD]);
  const mergeShape = ints("c.merge_shape", [0, 0, H]);
  const scale = scalar("c.scale", 1 / Math.sqrt(HD));

  const names =
    family === "distilbert"
      ? (l: number) => ({
          q: `transformer.layer.${l}.attention.q_lin`, k: `transformer.layer.${l}.attention.k_lin`, v: `transformer.layer.${l}.attention.v_lin`,
          o: `transformer.layer.${l}.attention.out_lin`, ln1: `transformer.layer.${l}.sa_layer_norm`,
          up: `transformer.layer.${l}.ffn.lin1`, down: `transformer.layer.${l}.ffn.lin2`, ln2: `transformer.layer.${l}.output_layer_norm`,
        })
      : (l: number) => ({
          q: `encoder.layer.${l}.attention.self.query`, k: `encoder.layer.${l}.attention.self.key`, v: `encoder.layer.${l}.attention.self.value`,
          o: `encoder.layer.${l}.attention.output.dense`, ln1: `encoder.layer.${l}.attention.output.LayerNorm`,
          up: `encoder.layer.${l}.intermediate.dense`, down: `encoder.layer.${l}.output.dense`, ln2: `encoder.layer.${l}.output.LayerNorm`,
        });

  for (let l = 0; l < shape.layers; l++) {
    const n = names(l);
    const inner = tensor(`${n.up}.weight`).shape[0];
    const heads = (name: string) =>
      node("Transpose", [node("Reshape", [linear(h, name, H, H), splitShape], `${name}.split`)], `${name}.heads`, { perm: [0, 2, 1, 3] });
    const q = heads(n.q);
    const kT = node("Transpose", [heads(n.k)], `${n.k}.t`, { perm: [0, 1, 3, 2] });
    const scores = node("Add", [node("Mul", [node("MatMul", [q, kT], `l${l}.qk`), scale], `l${l}.qk.scaled`), mask], `l${l}.scores`);
    const ctx = node("MatMul", [node("Softmax", [scores], `l${l}.probs`, { axis: -1 }), heads(n.v)], `l${l}.ctx`);
    const merged = node("Reshape", [node("Transpose", [ctx], `l${l}.ctx.t`, { perm: [0, 2, 1, 3] }), mergeShape], `l${l}.ctx.merged`);
    const h1 = layerNorm(node("Add", [linear(merged, n.o, H, H), h], `l${l}.res1`), n.ln1);
    const act = gelu(linear(h1, n.up, H, inner), `l${l}.gelu`);
    h = layerNorm(node("Add", [linear(act, n.down, inner, H), h1], `l${l}.res2`), n.ln2);
  }
  node("Identity", [h], "last_hidden_state");
  const outputs = ["last_hidden_state"];
  const outputInfo = [valueInfo("last_hidden_state", FLOAT, ["batch_size", "sequence_length", H])];
  if (family === "bert" && weights.has(`${prefix}pooler.dense.weight`)) {
    const cls = node("Gather", [h, ints("c.zero_idx", [0], [])], "pooler.cls", { axis: 1 });
    node("Tanh", [linear(cls, "pooler.dense", H, H)], "pooler_output");
    outputs.push("pooler_output");
    outputInfo.push(valueInfo("pooler_output", FLOAT, ["batch_size", H]));
  }
  const graph = onnx.GraphProto.create({
    name: family,
    node: nodes,
    initializer: initializers,
    input: ["input_ids", "attention_mask"].map((n) => valueInfo(n, INT64, ["batch_size", "sequence_length"])),
    output: outputInfo,
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: "", version: 17 })],
    producerName: "esmhub encoder-onnx",
    graph,
  });
  return { model: onnx.ModelProto.encode(model).finish(), outputs };
}

function valueInfo(name: string, elemType: number, dims: (string | number)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({
          dim: dims.map((d) => onnx.TensorShapeProto.Dimension.create(typeof d === "number" ? { dimValue: d } : { dimParam: d })),
        }),
      }),
    }),
  });
}
