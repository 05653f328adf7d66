/**
 * The tokenizer pipeline that `transformers` 5 actually runs for a model folder. AutoTokenizer picks a class
 * (tokenizer_config's `tokenizer_class`, else the model type's default), and the model-specific classes do not
 * run tokenizer.json as written: they rebuild normalizer, pre-tokenizer, model and post-processor from the
 * arguments in tokenizer_config.json (with the class defaults: a BERT config without `do_lower_case`
 * lower-cases), keeping only the vocabulary, merges and added tokens of tokenizer.json. The generic backend
 * (`PreTrainedTokenizerFast`, `TokenizersBackend`) and classes not listed here run tokenizer.json as it is.
 */

/** tokenizer.json, the parts read here; everything else passes through untouched. */
export type TokenizerJson = Record<string, unknown> & {
  normalizer?: unknown;
  pre_tokenizer?: unknown;
  post_processor?: unknown;
  model: Record<string, unknown> & { vocab?: unknown };
  added_tokens?: unknown[];
};

type Config = Record<string, unknown>;

/** transformers' TOKENIZER_MAPPING_NAMES for the model types the hub embeds with. */
const CLASS_OF_MODEL_TYPE: Record<string, string> = {
  bert: "BertTokenizer",
  distilbert: "BertTokenizer",
  electra: "BertTokenizer",
  roberta: "RobertaTokenizer",
  "xlm-roberta": "XLMRobertaTokenizer",
};

/** Special tokens in tokenizer_config.json are either strings or serialised AddedToken objects. */
export function tokenText(value: unknown, fallback: string): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as { content?: unknown }).content === "string") {
    return (value as { content: string }).content;
  }
  return fallback;
}

function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === "boolean" ? value : fallback;
}

export function tokenizerClassOf(config: Config, modelType: string | undefined): string {
  const named = typeof config.tokenizer_class === "string" ? config.tokenizer_class.replace(/Fast$/, "") : undefined;
  return named ?? (modelType ? CLASS_OF_MODEL_TYPE[modelType] : undefined) ?? "TokenizersBackend";
}

function idOf(json: TokenizerJson, token: string): number | undefined {
  for (const t of json.added_tokens ?? []) {
    const added = t as { id?: unknown; content?: unknown };
    if (added.content === token && typeof added.id === "number") return added.id;
  }
  const vocab = json.model.vocab;
  if (vocab && !Array.isArray(vocab) && typeof vocab === "object") {
    const id = (vocab as Record<string, unknown>)[token];
    if (typeof id === "number") return id;
  }
  if (Array.isArray(vocab)) {
    const i = vocab.findIndex((entry) => Array.isArray(entry) && entry[0] === token);
    if (i >= 0) return i;
  }
  return undefined;
}

function template(first: [string, number], last: [string, number]) {
  const special = ([token, id]: [string, number]) => ({ id: token, ids: [id], tokens: [token] });
  return {
    type: "TemplateProcessing",
    single: [{ SpecialToken: { id: first[0], type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: last[0], type_id: 0 } }],
    pair: [
      { SpecialToken: { id: first[0], type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: last[0], type_id: 0 } },
      { Sequence: { id: "B", type_id: 1 } }, { SpecialToken: { id: last[0], type_id: 1 } },
    ],
    special_tokens: { [first[0]]: special(first), [last[0]]: special(last) },
  };
}

function bert(json: TokenizerJson, config: Config): TokenizerJson {
  const cls = tokenText(config.cls_token, "[CLS]");
  const sep = tokenText(config.sep_token, "[SEP]");
  return {
    ...json,
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: flag(config.tokenize_chinese_chars, true),
      strip_accents: typeof config.strip_accents === "boolean" ? config.strip_accents : null,
      lowercase: flag(config.do_lower_case, true),
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    model: {
      type: "WordPiece",
      vocab: json.model.vocab,
      unk_token: tokenText(config.unk_token, "[UNK]"),
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
    },
    post_processor: template([cls, idOf(json, cls) ?? 2], [sep, idOf(json, sep) ?? 3]),
  };
}

function roberta(json: TokenizerJson, config: Config): TokenizerJson {
  const addPrefixSpace = flag(config.add_prefix_space, false);
  const trimOffsets = flag(config.trim_offsets, true);
  const cls = tokenText(config.cls_token, "<s>");
  const sep = tokenText(config.sep_token, "</s>");
  return {
    ...json,
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: addPrefixSpace, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: "",
      end_of_word_suffix: "",
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: json.model.vocab,
      merges: json.model.merges,
    },
    post_processor: {
      type: "RobertaProcessing",
      sep: [sep, idOf(json, sep)],
      cls: [cls, idOf(json, cls)],
      trim_offsets: trimOffsets,
      add_prefix_space: addPrefixSpace,
    },
  };
}

/** The SentencePiece character map survives the rebuild; any other normaliser of tokenizer.json does not. */
function precompiledOf(normalizer: unknown): unknown {
  const n = normalizer as { type?: string; normalizers?: unknown[] } | null | undefined;
  if (!n) return null;
  if (n.type === "Precompiled") return n;
  if (n.type === "Sequence") return (n.normalizers ?? []).find((x) => (x as { type?: string }).type === "Precompiled") ?? null;
  return null;
}

function xlmRoberta(json: TokenizerJson, config: Config): TokenizerJson {
  const scheme = flag(config.add_prefix_space, true) ? "always" : "never";
  const bos = tokenText(config.bos_token, "<s>");
  const eos = tokenText(config.eos_token, "</s>");
  return {
    ...json,
    normalizer: precompiledOf(json.normalizer),
    pre_tokenizer: {
      type: "Sequence",
      pretokenizers: [{ type: "WhitespaceSplit" }, { type: "Metaspace", replacement: "▁", prepend_scheme: scheme, split: true }],
    },
    model: { type: "Unigram", unk_id: 3, byte_fallback: false, vocab: json.model.vocab },
    post_processor: template([bos, idOf(json, bos) ?? 0], [eos, idOf(json, eos) ?? 2]),
  };
}

const REBUILDS: Record<string, (json: TokenizerJson, config: Config) => TokenizerJson> = {
  BertTokenizer: bert,
  DistilBertTokenizer: bert,
  RobertaTokenizer: roberta,
  XLMRobertaTokenizer: xlmRoberta,
};

/** tokenizer.json as the class AutoTokenizer picks for this folder would run it. */
export function effectiveTokenizerJson(json: TokenizerJson, config: Config, modelType: string | undefined): TokenizerJson {
  const rebuild = REBUILDS[tokenizerClassOf(config, modelType)];
  return rebuild ? rebuild(json, config) : json;
}
