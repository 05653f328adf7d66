import { SPECIAL_TOKENS } from "./vocab";

/** tokenizer.json in the `tokenizers` library's format: BertNormalizer, BertPreTokenizer, WordPiece, [CLS] $A [SEP]. */
export function tokenizerJson(vocab: string[]): object {
  const id = (t: string) => vocab.indexOf(t);
  const special = (content: string) => ({ id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const tok = (t: string, typeId = 0) => ({ SpecialToken: { id: t, type_id: typeId } });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map(special),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [tok("[CLS]"), { Sequence: { id: "A", type_id: 0 } }, tok("[SEP]")],
      pair: [tok("[CLS]"), { Sequence: { id: "A", type_id: 0 } }, tok("[SEP]"), { Sequence: { id: "B", type_id: 1 } }, tok("[SEP]", 1)],
      special_tokens: Object.fromEntries(["[CLS]", "[SEP]"].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

export function tokenizerConfig(): object {
  return {
    tokenizer_class: "BertTokenizer",
    do_lower_case: true,
    strip_accents: null,
    tokenize_chinese_chars: true,
    model_max_length: 512,
    clean_up_tokenization_spaces: true,
    pad_token: "[PAD]",
    unk_token: "[UNK]",
    cls_token: "[CLS]",
    sep_token: "[SEP]",
    mask_token: "[MASK]",
  };
}

export function specialTokensMap(): object {
  return { pad_token: "[PAD]", unk_token: "[UNK]", cls_token: "[CLS]", sep_token: "[SEP]", mask_token: "[MASK]" };
}
