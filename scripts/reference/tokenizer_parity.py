"""Token ids from the real stack for the tokenizer parity test.

Trains small vocabularies with the Rust `tokenizers` on the torture strings, saves one tokenizer folder per
variant the way transformers writes them (`save_pretrained`), then tokenises every string with
`AutoTokenizer.from_pretrained(folder)(texts, truncation=True, max_length=128)`, as hfselect does.
Also runs the bare BertNormalizer + BertPreTokenizer, the byte-level and the SentencePiece pre-tokenizers over
every code point, in chunks, to pin the Unicode tables.

stdin:  {"texts": [...], "out_dir": "/tmp/...", "code_point_chunk": 64}
stdout: {"variants": {name: [[ids], ...]},
         "code_points": {"uncased" | "cased" | "byte_level" | "metaspace": [[pieces of chunk 0], ...]}}
"""
import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

from tokenizers import AddedToken, BertWordPieceTokenizer, ByteLevelBPETokenizer, SentencePieceUnigramTokenizer  # noqa: E402
from tokenizers.normalizers import BertNormalizer  # noqa: E402
from tokenizers.pre_tokenizers import BertPreTokenizer, ByteLevel, Metaspace, Sequence, WhitespaceSplit  # noqa: E402
from transformers import AutoTokenizer, BertTokenizer, DistilBertTokenizer, RobertaTokenizer, XLMRobertaTokenizer  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BERT_SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
ROBERTA_SPECIALS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]


def corpus(texts):
    extra = ["unbelievably remarkable", "the movie was great", "naïve café résumé straße"] * 20
    return [t for t in texts if t] + extra


def bert_vocab(texts):
    trainer = BertWordPieceTokenizer(clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=False)
    trainer.train_from_iterator(corpus(texts), vocab_size=4000, min_frequency=1, limit_alphabet=600,
                                special_tokens=BERT_SPECIALS, show_progress=False)
    return trainer.get_vocab()


def patch_config(folder, **changes):
    path = os.path.join(folder, "tokenizer_config.json")
    with open(path, encoding="utf-8") as f:
        config = json.load(f)
    for key, value in changes.items():
        if value is None:
            config.pop(key, None)
        else:
            config[key] = value
    with open(path, "w", encoding="utf-8") as f:
        json.dump(config, f)


def patch_json_normalizer(folder, **fields):
    path = os.path.join(folder, "tokenizer.json")
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    spec["normalizer"].update(fields)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(spec, f)


def write_variants(texts, out_dir):
    vocab = bert_vocab(texts)
    folders = {}

    def bert(name, cls=BertTokenizer, **kwargs):
        folder = os.path.join(out_dir, name)
        cls(vocab=dict(vocab), **kwargs).save_pretrained(folder)
        folders[name] = folder
        return folder

    bert("bert-uncased", do_lower_case=True)
    bert("bert-cased", do_lower_case=False)
    bert("bert-lowercase-keep-accents", do_lower_case=True, strip_accents=False)
    bert("bert-cased-strip-accents", do_lower_case=False, strip_accents=True)
    bert("bert-no-chinese-chars", do_lower_case=True, tokenize_chinese_chars=False)
    bert("distilbert-uncased", cls=DistilBertTokenizer, do_lower_case=True)

    added = BertTokenizer(vocab=dict(vocab), do_lower_case=True)
    added.add_tokens([
        AddedToken("héllo wörld", normalized=True),
        AddedToken("great", single_word=True, normalized=False),
        AddedToken("<ls>", lstrip=True, rstrip=True, normalized=False),
    ])
    added.add_special_tokens({"additional_special_tokens": ["<extra>"]})
    folders["bert-added-tokens"] = os.path.join(out_dir, "bert-added-tokens")
    added.save_pretrained(folders["bert-added-tokens"])

    # The config, not tokenizer.json, decides for BertTokenizer: a missing do_lower_case means True.
    folder = bert("bert-config-overrides-json", do_lower_case=False)
    patch_config(folder, do_lower_case=None)
    # tokenizer.json alone decides when the class is the generic backend.
    folder = bert("bert-json-decides", do_lower_case=True)
    patch_json_normalizer(folder, lowercase=False, strip_accents=True, handle_chinese_chars=False)
    patch_config(folder, tokenizer_class="PreTrainedTokenizerFast")

    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(corpus(texts), vocab_size=3000, min_frequency=1, special_tokens=ROBERTA_SPECIALS,
                            show_progress=False)
    merges = json.loads(bpe.to_str())["model"]["merges"]
    folders["roberta"] = os.path.join(out_dir, "roberta")
    RobertaTokenizer(vocab=bpe.get_vocab(), merges=[tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in merges]).save_pretrained(folders["roberta"])

    unigram = SentencePieceUnigramTokenizer()
    unigram.train_from_iterator(corpus(texts), vocab_size=3000, special_tokens=ROBERTA_SPECIALS, unk_token="<unk>",
                                show_progress=False)
    pieces = [tuple(p) for p in json.loads(unigram.to_str())["model"]["vocab"]]
    folders["xlm-roberta"] = os.path.join(out_dir, "xlm-roberta")
    XLMRobertaTokenizer(vocab=pieces).save_pretrained(folders["xlm-roberta"])
    folders["xlm-roberta-near-ties"] = os.path.join(out_dir, "xlm-roberta-near-ties")
    XLMRobertaTokenizer(vocab=near_tie_pieces()).save_pretrained(folders["xlm-roberta-near-ties"])
    return folders


def near_tie_pieces():
    """A trained Unigram vocabulary kept as a fixture (training is not deterministic): with it, runs of one letter
    have segmentations whose scores differ only by rounding, which decides the split."""
    with open(os.path.join(HERE, "..", "..", "lib", "embed", "tokenizer", "fixtures", "unigram-near-ties.json"), encoding="utf-8") as f:
        return [tuple(p) for p in json.load(f)["vocab"]]


def code_point_chunks(chunk):
    for start in range(0, 0x110000, chunk):
        yield "".join(chr(cp) for cp in range(start, min(start + chunk, 0x110000)) if not 0xD800 <= cp <= 0xDFFF)


def bert_words(chunk, lowercase):
    normalizer = BertNormalizer(clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=lowercase)
    pre = BertPreTokenizer()
    return [[w for w, _ in pre.pre_tokenize_str(normalizer.normalize_str(text))] for text in code_point_chunks(chunk)]


def pieces(chunk, pre):
    return [[w for w, _ in pre.pre_tokenize_str(text)] for text in code_point_chunks(chunk)]


def main():
    request = json.load(sys.stdin)
    texts = request["texts"]
    folders = write_variants(texts, request["out_dir"])
    variants = {}
    for name, folder in folders.items():
        tokenizer = AutoTokenizer.from_pretrained(folder)
        variants[name] = tokenizer(texts, truncation=True, max_length=128)["input_ids"]
    chunk = request["code_point_chunk"]
    code_points = {
        "uncased": bert_words(chunk, True),
        "cased": bert_words(chunk, False),
        "byte_level": pieces(chunk, ByteLevel(add_prefix_space=False, use_regex=True)),
        "metaspace": pieces(chunk, Sequence([WhitespaceSplit(), Metaspace(replacement="\u2581", prepend_scheme="always")])),
    }
    json.dump({"variants": variants, "code_points": code_points}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
