import { readFile } from "node:fs/promises";
import path from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";
import { bertSpecFrom } from "./tokenizer/bert-spec";
import { BertTokenizer } from "./tokenizer/bert-tokenizer";
import { withRustSemantics } from "./tokenizer/library-fixes";
import { effectiveTokenizerJson, tokenText, type TokenizerJson } from "./tokenizer/transformers-class";

/** The reference tokenises with max_length=128, truncation=True (`dataset.py` collate_fn). */
export const MAX_LENGTH = 128;

export interface TokenBatch {
  /** Row-major [batch, seqLen] int64 ids, padded with the pad id. */
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  batch: number;
  seqLen: number;
}

export interface TextTokenizer {
  /** Ids with the model's special tokens, the content truncated so the whole fits in maxLength. */
  encode(text: string, maxLength?: number): number[];
  padId: number;
}

function sameRun(hay: number[], at: number, needle: number[]): boolean {
  for (let i = 0; i < needle.length; i++) if (hay[at + i] !== needle[i]) return false;
  return true;
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** The general library, for pipelines other than BERT's: it pads and truncates nothing itself. */
function libraryTokenizer(json: TokenizerJson, config: Record<string, unknown>): TextTokenizer {
  const tokenizer = new Tokenizer(json, config);
  withRustSemantics(tokenizer, json);
  const padId = tokenizer.token_to_id(tokenText(config.pad_token, "<pad>")) ?? 0;
  return {
    padId,
    encode(text: string, maxLength = MAX_LENGTH): number[] {
      const full = tokenizer.encode(text).ids;
      if (full.length <= maxLength) return full;
      // Truncate the content, not the special tokens around it, as HF fast tokenizers do (longest_first, stride 0).
      const bare = tokenizer.encode(text, { add_special_tokens: false }).ids;
      const extra = full.length - bare.length;
      let at = 0;
      while (at <= extra && !sameRun(full, at, bare)) at++;
      if (at > extra) throw new Error("tokenizer post-processor changed the content tokens; cannot truncate");
      const prefix = full.slice(0, at);
      const suffix = full.slice(at + bare.length);
      return [...prefix, ...bare.slice(0, Math.max(0, maxLength - extra)), ...suffix];
    },
  };
}

/**
 * Loads a model folder's tokenizer as AutoTokenizer does: the class that transformers picks decides the
 * pipeline (transformers-class.ts). BERT pipelines run on this project's port of the Rust code, exact on
 * every code point; others on @huggingface/tokenizers. Special tokens written in the text, such as the
 * " [SEP] " joining text columns, match as special tokens (unnormalised added tokens of tokenizer.json).
 */
export async function loadTokenizer(dir: string): Promise<TextTokenizer> {
  const json = await readJson(path.join(dir, "tokenizer.json"));
  if (!json) throw new Error(`${dir} has no tokenizer.json`);
  const config = (await readJson(path.join(dir, "tokenizer_config.json"))) ?? {};
  const modelConfig = (await readJson(path.join(dir, "config.json"))) ?? {};
  const modelType = typeof modelConfig.model_type === "string" ? modelConfig.model_type : undefined;
  const effective = effectiveTokenizerJson(json as TokenizerJson, config, modelType);
  const spec = bertSpecFrom(effective);
  if (!spec) return libraryTokenizer(effective, config);
  const bert = new BertTokenizer(spec);
  return {
    padId: spec.model.vocab.get(tokenText(config.pad_token, "[PAD]")) ?? 0,
    encode: (text: string, maxLength = MAX_LENGTH) => bert.encode(text, maxLength),
  };
}

/** Pads a batch to `padTo` (default: its longest sequence); the attention mask makes both give the same vectors. */
export function padBatch(seqs: number[][], padId: number, padTo?: number): TokenBatch {
  const seqLen = Math.max(padTo ?? 0, ...seqs.map((s) => s.length));
  const inputIds = new BigInt64Array(seqs.length * seqLen).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(seqs.length * seqLen);
  seqs.forEach((s, b) => {
    for (let t = 0; t < s.length; t++) {
      inputIds[b * seqLen + t] = BigInt(s[t]);
      attentionMask[b * seqLen + t] = 1n;
    }
  });
  return { inputIds, attentionMask, batch: seqs.length, seqLen };
}
