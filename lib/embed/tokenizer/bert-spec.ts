import { z } from "zod";
import type { BertTokenizerSpec } from "./bert-tokenizer";
import type { TokenizerJson } from "./transformers-class";

const bertNormalizer = z.object({
  type: z.literal("BertNormalizer"),
  clean_text: z.boolean().default(true),
  handle_chinese_chars: z.boolean().default(true),
  strip_accents: z.boolean().nullable().default(null),
  lowercase: z.boolean().default(true),
});

const wordPiece = z.object({
  type: z.literal("WordPiece").optional(),
  vocab: z.record(z.string(), z.number().int()),
  unk_token: z.string().default("[UNK]"),
  continuing_subword_prefix: z.string().default("##"),
  max_input_chars_per_word: z.number().int().default(100),
});

const addedToken = z.object({
  id: z.number().int(),
  content: z.string(),
  single_word: z.boolean().default(false),
  lstrip: z.boolean().default(false),
  rstrip: z.boolean().default(false),
  normalized: z.boolean().default(true),
});

const specialRef = z.object({ SpecialToken: z.object({ id: z.string() }) });
const sequenceRef = z.object({ Sequence: z.object({ id: z.string() }) });

const postProcessor = z.union([
  z.object({
    type: z.literal("TemplateProcessing"),
    single: z.array(z.union([specialRef, sequenceRef])),
    special_tokens: z.record(z.string(), z.object({ ids: z.array(z.number().int()) })),
  }),
  z.object({ type: z.literal("BertProcessing"), cls: z.tuple([z.string(), z.number().int()]), sep: z.tuple([z.string(), z.number().int()]) }),
  z.null(),
]);

function singleTemplate(p: z.infer<typeof postProcessor>): BertTokenizerSpec["template"] {
  if (p === null) return { prefix: [], suffix: [] };
  if (p.type === "BertProcessing") return { prefix: [p.cls[1]], suffix: [p.sep[1]] };
  const prefix: number[] = [];
  const suffix: number[] = [];
  let seen = false;
  for (const piece of p.single) {
    if ("Sequence" in piece) {
      if (seen) throw new Error("TemplateProcessing with the sequence twice is not a single-sequence template");
      seen = true;
      continue;
    }
    const ids = p.special_tokens[piece.SpecialToken.id]?.ids;
    if (!ids) throw new Error(`TemplateProcessing names ${piece.SpecialToken.id}, which it does not define`);
    (seen ? suffix : prefix).push(...ids);
  }
  return { prefix, suffix };
}

/**
 * The BERT pipeline read from an (effective) tokenizer.json, or null when the file describes another pipeline
 * (byte-level BPE, SentencePiece, …), which the general tokenizer library runs instead.
 */
export function bertSpecFrom(json: TokenizerJson): BertTokenizerSpec | null {
  const pre = json.pre_tokenizer as { type?: unknown } | null | undefined;
  if (pre?.type !== "BertPreTokenizer" || (json.model as { type?: unknown }).type === "BPE") return null;
  const normalizer = json.normalizer == null ? null : bertNormalizer.safeParse(json.normalizer);
  if (normalizer && !normalizer.success) return null;
  const model = wordPiece.safeParse(json.model);
  const post = postProcessor.safeParse(json.post_processor ?? null);
  if (!model.success || !post.success) return null;
  const n = normalizer?.data;
  return {
    normalizer: n
      ? { cleanText: n.clean_text, handleChineseChars: n.handle_chinese_chars, stripAccents: n.strip_accents, lowercase: n.lowercase }
      : null,
    model: {
      vocab: new Map(Object.entries(model.data.vocab)),
      unkToken: model.data.unk_token,
      continuingSubwordPrefix: model.data.continuing_subword_prefix,
      maxInputCharsPerWord: model.data.max_input_chars_per_word,
    },
    addedTokens: z.array(addedToken).parse(json.added_tokens ?? []).map((t) => ({
      id: t.id,
      content: t.content,
      singleWord: t.single_word,
      lstrip: t.lstrip,
      rstrip: t.rstrip,
      normalized: t.normalized,
    })),
    template: singleTemplate(post.data),
  };
}
