import { EmbedError } from "./errors";

/**
 * The reference's `get_pooled_output`: BertModel → pooler_output (tanh(W·h_[CLS] + b)); BertModel whose name
 * contains "sentence-transformers" → attention-mask mean of last_hidden_state; DistilBERT and RoBERTa → the
 * first token's hidden state; anything else is unsupported. hfselect has no rule of its own for XLM-RoBERTa (its
 * RoBERTa branch tests the class name); XLM-R is RoBERTa's architecture and gets RoBERTa's first-token pooling.
 */
export type Pooling = "pooler" | "mean" | "cls";

export function poolingFor(modelType: string | undefined, id: string): Pooling {
  switch (modelType) {
    case "bert":
      return id.includes("sentence-transformers") ? "mean" : "pooler";
    case "distilbert":
    case "roberta":
    case "xlm-roberta":
      return "cls";
    default:
      throw new EmbedError(
        "unsupported_model",
        `base model "${id}" has model_type "${modelType ?? "unknown"}"; the ESM-LogME recipe supports bert, distilbert, roberta and xlm-roberta`,
      );
  }
}

/** h[:, 0, :] of a [B, T, H] tensor. */
export function firstToken(hidden: Float32Array, B: number, T: number, H: number): Float32Array {
  const out = new Float32Array(B * H);
  for (let b = 0; b < B; b++) out.set(hidden.subarray(b * T * H, b * T * H + H), b * H);
  return out;
}

/** sum_t(m_t h_t) / max(sum_t m_t, 1e-9), accumulated in float64. */
export function meanPool(hidden: Float32Array, mask: BigInt64Array, B: number, T: number, H: number): Float32Array {
  const out = new Float32Array(B * H);
  const acc = new Float64Array(H);
  for (let b = 0; b < B; b++) {
    acc.fill(0);
    let count = 0;
    for (let t = 0; t < T; t++) {
      if (mask[b * T + t] === 0n) continue;
      count++;
      const row = (b * T + t) * H;
      for (let k = 0; k < H; k++) acc[k] += hidden[row + k];
    }
    const denom = Math.max(count, 1e-9);
    for (let k = 0; k < H; k++) out[b * H + k] = acc[k] / denom;
  }
  return out;
}
