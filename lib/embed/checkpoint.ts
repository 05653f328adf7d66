import { EmbedError } from "./errors";

/*
 * What a BERT-family checkpoint must hold, read from its config.json the way transformers reads it (the class
 * defaults of BertConfig, RobertaConfig, XLMRobertaConfig and DistilBertConfig fill keys a config leaves out).
 * One description serves the registry (a repo whose model.safetensors disagrees with its config is refused at
 * upload, from the header alone) and the graph builder (which reads the tensors by these names and shapes).
 */

export type EncoderFamily = "bert" | "roberta" | "distilbert";

export interface EncoderShape {
  family: EncoderFamily;
  /** config.json's model_type (xlm-roberta is built as the roberta family: same modules, same names). */
  modelType: string;
  hidden: number;
  heads: number;
  layers: number;
  intermediate: number;
  vocabSize: number;
  maxPositions: number;
  /** BERT and RoBERTa segment rows; 0 for DistilBERT, which has none. */
  typeVocabSize: number;
  layerNormEps: number;
  activation: "gelu" | "gelu_tanh";
  /** RoBERTa numbers positions from padding_idx + 1 and skips pads. */
  padTokenId: number;
}

export const SUPPORTED_MODEL_TYPES = ["bert", "roberta", "xlm-roberta", "distilbert"] as const;

type Config = Record<string, unknown>;

function num(config: Config, key: string, fallback: number, integer = true): number {
  const v = config[key] ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || (integer && (!Number.isInteger(v) || v < 0))) {
    throw new EmbedError("unsupported_model", `config.json: ${key} must be ${integer ? "a non-negative integer" : "a number"}, not ${JSON.stringify(v)}`);
  }
  return v;
}

function activationOf(name: unknown): EncoderShape["activation"] {
  if (name === "gelu") return "gelu";
  if (name === "gelu_new" || name === "gelu_pytorch_tanh") return "gelu_tanh";
  throw new EmbedError("unsupported_model", `hidden activation "${String(name)}" is not supported (gelu, gelu_new, gelu_pytorch_tanh are)`);
}

/** Whether loading this config in transformers needs the repo's own Python code (trust_remote_code). */
export function needsRemoteCode(config: Config): boolean {
  return typeof config.auto_map === "object" && config.auto_map !== null;
}

/** The encoder a config describes; a config this hub cannot run is an EmbedError naming why. */
export function encoderShapeOf(config: Config): EncoderShape {
  const modelType = typeof config.model_type === "string" ? config.model_type : "";
  if (needsRemoteCode(config)) {
    throw new EmbedError(
      "unsupported_model",
      `config.json names custom code (auto_map: ${Object.keys(config.auto_map as object).join(", ")}); the hub runs no code from repos, only the built-in ${SUPPORTED_MODEL_TYPES.join(", ")} encoders`,
    );
  }
  switch (modelType) {
    case "bert":
    case "roberta":
    case "xlm-roberta": {
      if ((config.position_embedding_type ?? "absolute") !== "absolute") {
        throw new EmbedError("unsupported_model", `position_embedding_type "${String(config.position_embedding_type)}" is not supported (only absolute)`);
      }
      const isBert = modelType === "bert";
      const shape: EncoderShape = {
        family: isBert ? "bert" : "roberta",
        modelType,
        hidden: num(config, "hidden_size", 768),
        heads: num(config, "num_attention_heads", 12),
        layers: num(config, "num_hidden_layers", 12),
        intermediate: num(config, "intermediate_size", 3072),
        vocabSize: num(config, "vocab_size", modelType === "roberta" ? 50265 : 30522),
        maxPositions: num(config, "max_position_embeddings", 512),
        typeVocabSize: num(config, "type_vocab_size", 2),
        layerNormEps: num(config, "layer_norm_eps", 1e-12, false),
        activation: activationOf(config.hidden_act ?? "gelu"),
        padTokenId: num(config, "pad_token_id", isBert ? 0 : 1),
      };
      return checked(shape);
    }
    case "distilbert":
      return checked({
        family: "distilbert",
        modelType,
        hidden: num(config, "dim", 768),
        heads: num(config, "n_heads", 12),
        layers: num(config, "n_layers", 6),
        intermediate: num(config, "hidden_dim", 3072),
        vocabSize: num(config, "vocab_size", 30522),
        maxPositions: num(config, "max_position_embeddings", 512),
        typeVocabSize: 0,
        layerNormEps: 1e-12,
        activation: activationOf(config.activation ?? "gelu"),
        padTokenId: num(config, "pad_token_id", 0),
      });
    default:
      throw new EmbedError(
        "unsupported_model",
        `model_type "${modelType || "(none)"}" is not an encoder the hub can run (${SUPPORTED_MODEL_TYPES.join(", ")} are)`,
      );
  }
}

function checked(shape: EncoderShape): EncoderShape {
  if (shape.hidden === 0 || shape.heads === 0 || shape.hidden % shape.heads !== 0) {
    throw new EmbedError("unsupported_model", `config.json: hidden size ${shape.hidden} is not a positive multiple of ${shape.heads} attention heads`);
  }
  if (shape.padTokenId >= shape.vocabSize) throw new EmbedError("unsupported_model", `config.json: pad_token_id ${shape.padTokenId} is outside the vocabulary (${shape.vocabSize})`);
  return shape;
}

/** Positions a sequence of `maxLength` tokens uses: RoBERTa's start after padding_idx. */
export function positionsNeeded(shape: EncoderShape, maxLength: number): number {
  return shape.family === "roberta" ? maxLength + shape.padTokenId + 1 : maxLength;
}

export interface ExpectedTensor {
  name: string;
  shape: number[];
  /** BERT's pooler: absent from checkpoints saved without it (add_pooling_layer=False, MLM heads). */
  optional?: boolean;
}

/** Every tensor the encoder reads, under its name without a task model's prefix, with the shape the config implies. */
export function expectedTensors(shape: EncoderShape): ExpectedTensor[] {
  const { hidden: H, intermediate: I } = shape;
  const out: ExpectedTensor[] = [];
  const add = (name: string, dims: number[], optional = false) => out.push({ name, shape: dims, ...(optional ? { optional } : {}) });
  const linear = (name: string, outDim: number, inDim: number, optional = false) => {
    add(`${name}.weight`, [outDim, inDim], optional);
    add(`${name}.bias`, [outDim], optional);
  };
  const norm = (name: string) => {
    add(`${name}.weight`, [H]);
    add(`${name}.bias`, [H]);
  };
  add("embeddings.word_embeddings.weight", [shape.vocabSize, H]);
  add("embeddings.position_embeddings.weight", [shape.maxPositions, H]);
  norm("embeddings.LayerNorm");
  if (shape.family === "distilbert") {
    for (let l = 0; l < shape.layers; l++) {
      const p = `transformer.layer.${l}`;
      for (const lin of ["q_lin", "k_lin", "v_lin", "out_lin"]) linear(`${p}.attention.${lin}`, H, H);
      norm(`${p}.sa_layer_norm`);
      linear(`${p}.ffn.lin1`, I, H);
      linear(`${p}.ffn.lin2`, H, I);
      norm(`${p}.output_layer_norm`);
    }
    return out;
  }
  add("embeddings.token_type_embeddings.weight", [shape.typeVocabSize, H]);
  for (let l = 0; l < shape.layers; l++) {
    const p = `encoder.layer.${l}`;
    for (const m of ["query", "key", "value"]) linear(`${p}.attention.self.${m}`, H, H);
    linear(`${p}.attention.output.dense`, H, H);
    norm(`${p}.attention.output.LayerNorm`);
    linear(`${p}.intermediate.dense`, I, H);
    linear(`${p}.output.dense`, H, I);
    norm(`${p}.output.LayerNorm`);
  }
  if (shape.family === "bert") linear("pooler.dense", H, H, true);
  return out;
}

/** Weight dtypes the hub reads (half precision is widened to float32 on load). */
export const WEIGHT_DTYPES = new Set(["F32", "F16", "BF16"]);

/** Task models keep the encoder under the family's attribute name (BertForSequenceClassification → `bert.`). */
export function tensorPrefix(names: Iterable<string>, shape: EncoderShape): string | null {
  const set = new Set(names);
  for (const prefix of ["", `${shape.family}.`]) if (set.has(`${prefix}embeddings.word_embeddings.weight`)) return prefix;
  return null;
}

/**
 * Why a checkpoint's tensors (name → dtype, shape) cannot be the encoder its config describes: missing tensors,
 * shapes that disagree with the config, dtypes the hub cannot read. Empty when it can be built.
 */
export function checkpointProblems(tensors: Map<string, { dtype: string; shape: number[] }>, shape: EncoderShape): string[] {
  const prefix = tensorPrefix(tensors.keys(), shape);
  if (prefix === null) {
    return [`model.safetensors has no ${shape.modelType} encoder: neither embeddings.word_embeddings.weight nor ${shape.family}.embeddings.word_embeddings.weight is in it`];
  }
  const problems: string[] = [];
  const missing: string[] = [];
  for (const want of expectedTensors(shape)) {
    const t = tensors.get(prefix + want.name);
    if (!t) {
      if (!want.optional) missing.push(prefix + want.name);
      continue;
    }
    if (t.shape.join() !== want.shape.join()) problems.push(`${prefix + want.name} has shape [${t.shape}] but config.json implies [${want.shape}]`);
    if (!WEIGHT_DTYPES.has(t.dtype)) problems.push(`${prefix + want.name} is ${t.dtype}; weights must be F32, F16 or BF16`);
  }
  if (missing.length) {
    problems.unshift(`model.safetensors lacks ${missing.length} tensor${missing.length === 1 ? "" : "s"} the config implies: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}`);
  }
  return problems;
}
