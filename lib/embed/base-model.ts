import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { EmbedError } from "./errors";
import { encoderShapeOf, positionsNeeded, type EncoderShape } from "./checkpoint";
import { readCheckpointTensors } from "./checkpoint-file";
import { buildEncoderOnnx } from "./encoder-onnx";
import { findOnnx, ONNX_CANDIDATES, openModelSource, type ModelSource, type ModelSourceOptions } from "./model-source";
import { firstToken, meanPool, poolingFor, type Pooling } from "./pooling";
import { createSession, deviceFromEnv, ort, type Device } from "./session";
import { loadTokenizer, MAX_LENGTH, padBatch } from "./tokenize";

/** Bumped when buildEncoderOnnx changes what it computes, so cached embeddings of the old graph are not reused. */
const ENCODER_GRAPH_VERSION = 1;

/** The reference's DataLoader batch size. */
export const DEFAULT_BATCH_SIZE = 128;

export interface LoadBaseModelOptions extends ModelSourceOptions {
  /** Model id for pooling rules and cache keys, as the reference uses the name passed to from_pretrained; default: the id or folder given. */
  id?: string;
  device?: Device;
  log?: (message: string) => void;
}

export interface EmbedProgress {
  done: number;
  total: number;
}

export interface EmbedOptions {
  batchSize?: number;
  maxLength?: number;
  /** "longest" pads each batch to its longest sequence; "max_length" to maxLength like the reference. Same vectors. */
  padding?: "longest" | "max_length";
  onProgress?: (p: EmbedProgress) => void;
  signal?: AbortSignal;
}

export interface Embeddings {
  /** Row-major [n, d] float32. */
  data: Float32Array;
  n: number;
  d: number;
}

export interface BaseModel {
  id: string;
  dir: string;
  dim: number;
  pooling: Pooling;
  device: Device;
  embed(texts: string[], opts?: EmbedOptions): Promise<Embeddings>;
  /** sha256 of the checkpoint (model.safetensors, else the ONNX file), computed once; part of embedding cache keys. */
  modelHash(): Promise<string>;
  close(): Promise<void>;
}

interface Graph {
  /** An ONNX file, or a graph built in memory. */
  model: string | Uint8Array;
  hash(): Promise<string>;
}

/**
 * The checkpoint transformers itself loads, model.safetensors, built into a graph here; an ONNX export only
 * when the folder has no safetensors (an export may be quantised, fused or from another revision).
 */
async function modelGraph(source: ModelSource, id: string, shape: EncoderShape): Promise<Graph> {
  const safetensors = await source.file("model.safetensors");
  if (safetensors) {
    const { model } = buildEncoderOnnx(await readCheckpointTensors(safetensors, shape, id), shape);
    return { model, hash: async () => `safetensors:${ENCODER_GRAPH_VERSION}:${await sha256File(safetensors)}` };
  }
  const onnxPath = await findOnnx(source, id).catch(async () => {
    const [sharded, pickle] = [await source.file("model.safetensors.index.json"), await source.file("pytorch_model.bin")];
    const why = sharded
      ? "its weights are sharded (model.safetensors.index.json), which the hub does not join; save it as one model.safetensors"
      : pickle
        ? "it ships only pytorch_model.bin, a pickle the hub never unpickles; re-save it with save_pretrained(safe_serialization=True)"
        : `it has neither model.safetensors nor an ONNX export (${ONNX_CANDIDATES.join(", ")})`;
    throw new EmbedError("missing_file", `model "${id}" cannot be loaded: ${why}`);
  });
  return { model: onnxPath, hash: () => sha256File(onnxPath) };
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function abortError(signal: AbortSignal): EmbedError {
  const reason = signal.reason instanceof Error ? signal.reason.message : "embedding was cancelled";
  return new EmbedError("aborted", reason);
}

/**
 * Loads a base language model for the ESM-LogME embedding recipe: WordPiece/BPE tokenisation to 128 tokens,
 * no segment ids (zeros where the graph wants them), and the reference's pooling for the model family.
 */
export async function loadBaseModel(idOrDir: string, opts: LoadBaseModelOptions = {}): Promise<BaseModel> {
  const source = await openModelSource(idOrDir, opts);
  const config = JSON.parse(await readFile(path.join(source.dir, "config.json"), "utf8"));
  const id: string = opts.id ?? idOrDir;
  // The reference picks pooling from the name passed to from_pretrained, never from config.json's _name_or_path
  // (a sentence-transformers copy whose config names its parent model still gets mean pooling).
  const pooling = poolingFor(config.model_type, id);
  const shape = encoderShapeOf(config);
  const hidden = shape.hidden;

  const graph = await modelGraph(source, id, shape);
  const tokenizer = await loadTokenizer(source.dir);
  const { session, device } = await createSession(graph.model, opts.device ?? deviceFromEnv(), opts.log);
  if (!session.outputNames.includes("last_hidden_state")) {
    throw new EmbedError("unsupported_model", `"${id}": the ONNX graph has no last_hidden_state output`);
  }
  const usePoolerOutput = pooling === "pooler";
  if (usePoolerOutput && !session.outputNames.includes("pooler_output")) {
    await session.release();
    throw new EmbedError("no_pooler", `"${id}" is a BERT model whose checkpoint has no pooler (pooler.dense) and the reference pools with it`);
  }
  const wantsTypeIds = session.inputNames.includes("token_type_ids");
  let hash: Promise<string> | null = null;

  async function runBatch(texts: string[], maxLength: number, padTo: number | undefined): Promise<Float32Array> {
    const batch = padBatch(
      texts.map((t) => tokenizer.encode(t, maxLength)),
      tokenizer.padId,
      padTo,
    );
    if (positionsNeeded(shape, batch.seqLen) > shape.maxPositions) {
      throw new EmbedError(
        "unsupported_model",
        `"${id}" has ${shape.maxPositions} position embeddings (max_position_embeddings), too few for texts of ${batch.seqLen} tokens; the recipe truncates at ${maxLength}`,
      );
    }
    const dims = [batch.batch, batch.seqLen];
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor("int64", batch.inputIds, dims),
      attention_mask: new ort.Tensor("int64", batch.attentionMask, dims),
    };
    if (wantsTypeIds) feeds.token_type_ids = new ort.Tensor("int64", new BigInt64Array(batch.inputIds.length), dims);
    const outputs = await session.run(feeds, usePoolerOutput ? ["pooler_output"] : ["last_hidden_state"]);
    try {
      if (usePoolerOutput) return new Float32Array(outputs.pooler_output.data as Float32Array);
      const h = outputs.last_hidden_state.data as Float32Array;
      const H = outputs.last_hidden_state.dims[2];
      if (H !== hidden) throw new EmbedError("unsupported_model", `"${id}": hidden size ${H} differs from config.json (${hidden})`);
      if (pooling === "mean") return meanPool(h, batch.attentionMask, batch.batch, batch.seqLen, H);
      return firstToken(h, batch.batch, batch.seqLen, H);
    } finally {
      for (const t of Object.values(outputs)) t.dispose();
    }
  }

  return {
    id,
    dir: source.dir,
    dim: hidden,
    pooling,
    device,
    modelHash: () => (hash ??= graph.hash()),
    close: () => session.release(),
    async embed(texts, eopts = {}) {
      const batchSize = eopts.batchSize ?? DEFAULT_BATCH_SIZE;
      const maxLength = eopts.maxLength ?? MAX_LENGTH;
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new EmbedError("bad_input", "batchSize must be a positive integer");
      if (!Number.isInteger(maxLength) || maxLength < 2) throw new EmbedError("bad_input", "maxLength must be an integer ≥ 2");
      const padTo = eopts.padding === "max_length" ? maxLength : undefined;
      const data = new Float32Array(texts.length * hidden);
      eopts.onProgress?.({ done: 0, total: texts.length });
      for (let start = 0; start < texts.length; start += batchSize) {
        if (eopts.signal?.aborted) throw abortError(eopts.signal);
        const pooled = await runBatch(texts.slice(start, start + batchSize), maxLength, padTo);
        data.set(pooled, start * hidden);
        const done = Math.min(texts.length, start + batchSize);
        eopts.onProgress?.({ done, total: texts.length });
      }
      if (eopts.signal?.aborted) throw abortError(eopts.signal);
      return { data, n: texts.length, d: hidden };
    },
  };
}
