import type { Tokenizer } from "@huggingface/tokenizers";
import { exactPreTokenizer, type PreTokenizeFn } from "./pre-tokenizers";
import type { TokenizerJson } from "./transformers-class";
import { unigramSegment, unigramVocab } from "./unigram";

/** The two fields of the library's Tokenizer (pinned 0.2.0) that its encode() calls for every text piece. */
interface LibraryInternals {
  pre_tokenizer: PreTokenizeFn | null;
  model: { tokenize?: (normalized: string) => string[] };
}

/**
 * Swaps in the Rust behaviour where @huggingface/tokenizers differs from it (measured on the torture set and
 * every code point): its byte-level and whitespace pre-tokenizers use JavaScript's Unicode classes, and its
 * Unigram lattice breaks near-ties differently. Added tokens, BPE merges and post-processing stay the library's.
 */
export function withRustSemantics(tokenizer: Tokenizer, json: TokenizerJson): void {
  const internals = tokenizer as unknown as LibraryInternals;
  const pre = exactPreTokenizer(json.pre_tokenizer);
  if (pre) internals.pre_tokenizer = pre;
  if (json.model.type === "Unigram" && Array.isArray(json.model.vocab)) {
    const vocab = unigramVocab(json.model.vocab as [string, number][]);
    if (typeof internals.model.tokenize !== "function") throw new Error("@huggingface/tokenizers: Unigram model without tokenize()");
    internals.model.tokenize = (normalized) => unigramSegment(normalized, vocab);
  }
}
