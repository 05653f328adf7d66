import { readFile } from "node:fs/promises";
import path from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";

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

/**
 * Loads tokenizer.json + tokenizer_config.json (normalisation, lowercasing, accent stripping and special
 * tokens as the model's files say). Special tokens written in the text, such as the " [SEP] " joining
 * text columns, match as special tokens because tokenizer.json marks them unnormalised added tokens.
 */
export async function loadTokenizer(dir: string): Promise<TextTokenizer> {
  const tokenizerJson = JSON.parse(await readFile(path.join(dir, "tokenizer.json"), "utf8"));
  const config = JSON.parse(await readFile(path.join(dir, "tokenizer_config.json"), "utf8").catch(() => "{}"));
  const tokenizer = new Tokenizer(tokenizerJson, config);
  const padToken = typeof config.pad_token === "string" ? config.pad_token : (config.pad_token?.content ?? "[PAD]");
  const padId = tokenizer.token_to_id(padToken) ?? 0;

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
