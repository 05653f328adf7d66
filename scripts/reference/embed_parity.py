"""Base-model embeddings from the real stack for the embedding parity test.

For each model family the ESM-LogME recipe supports, builds a small model from a config with transformers'
own random initialisation, writes it with save_pretrained (model.safetensors, config.json, tokenizer files:
the real layout and tensor names, no ONNX), and embeds the texts as hfselect does: AutoTokenizer(texts,
padding="max_length", truncation=True, max_length=128, return_token_type_ids=False), AutoModel in eval mode
under no_grad, then get_pooled_output (BertModel: pooler_output; a BertModel whose name contains
"sentence-transformers": attention-mask mean; DistilBertModel and RobertaModel: the first token; XLM-RoBERTa,
which hfselect has no branch for, as RoBERTa). Half-precision checkpoints (fp16, bf16) are loaded with
dtype=float32, the widening the hub does: transformers 5's default (dtype="auto") would compute in half precision.

stdin:  {"texts": [...], "out_dir": "/tmp/..."}
stdout: {"models": [{"name", "dir", "id", "embeddings": [[float32 as float], ...]}]}
"""
import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import torch  # noqa: E402
from tokenizers import BertWordPieceTokenizer, ByteLevelBPETokenizer, SentencePieceUnigramTokenizer  # noqa: E402
from transformers import (  # noqa: E402
    AutoModel,
    AutoTokenizer,
    BertConfig,
    BertForSequenceClassification,
    BertModel,
    BertTokenizer,
    DistilBertConfig,
    DistilBertModel,
    DistilBertTokenizer,
    RobertaConfig,
    RobertaModel,
    RobertaTokenizer,
    XLMRobertaConfig,
    XLMRobertaForSequenceClassification,
    XLMRobertaModel,
    XLMRobertaTokenizer,
)

NAMES = ("bert", "sentence-transformers", "bert-task-checkpoint", "distilbert", "roberta", "xlm-roberta",
         "xlm-roberta-task-checkpoint", "bert-fp16", "roberta-bf16")
SPECIALS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]

SIZE = dict(hidden=48, layers=2, heads=4, inner=96)
# Wider than the default 0.02 so attention is far from uniform and the pooler's tanh is not linear.
INIT_RANGE = 0.2


def corpus(texts):
    return [t for t in texts if t] + ["the movie was great", "naïve café résumé"] * 20


def bert_tokenizer(texts, cls=BertTokenizer):
    trainer = BertWordPieceTokenizer(lowercase=True)
    trainer.train_from_iterator(corpus(texts), vocab_size=2000, min_frequency=1, limit_alphabet=400,
                                special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"], show_progress=False)
    return cls(vocab=trainer.get_vocab(), do_lower_case=True)


def roberta_tokenizer(texts):
    trainer = ByteLevelBPETokenizer()
    trainer.train_from_iterator(corpus(texts), vocab_size=1500, min_frequency=1,
                                special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"], show_progress=False)
    merges = json.loads(trainer.to_str())["model"]["merges"]
    return RobertaTokenizer(vocab=trainer.get_vocab(), merges=[tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in merges])


def xlmr_tokenizer(texts):
    trainer = SentencePieceUnigramTokenizer()
    trainer.train_from_iterator(corpus(texts), vocab_size=1500, special_tokens=SPECIALS, unk_token="<unk>", show_progress=False)
    return XLMRobertaTokenizer(vocab=[tuple(p) for p in json.loads(trainer.to_str())["model"]["vocab"]])


def roberta_config(cls, vocab_size):
    return cls(vocab_size=vocab_size, hidden_size=SIZE["hidden"], num_hidden_layers=SIZE["layers"],
               num_attention_heads=SIZE["heads"], intermediate_size=SIZE["inner"], max_position_embeddings=130,
               type_vocab_size=1, pad_token_id=1, bos_token_id=0, eos_token_id=2, initializer_range=INIT_RANGE)


def bert_config(vocab_size):
    return BertConfig(vocab_size=vocab_size, hidden_size=SIZE["hidden"], num_hidden_layers=SIZE["layers"],
                      num_attention_heads=SIZE["heads"], intermediate_size=SIZE["inner"], max_position_embeddings=160,
                      initializer_range=INIT_RANGE)


def build(name, texts, out_dir):
    """Writes one model folder (named after the variant, as the reference loads it by that name)."""
    torch.manual_seed(0)
    dtype = None
    if name in ("bert", "sentence-transformers", "bert-task-checkpoint", "bert-fp16"):
        tokenizer = bert_tokenizer(texts)
        config = bert_config(len(tokenizer))
        model = BertForSequenceClassification(config) if name == "bert-task-checkpoint" else BertModel(config)
        dtype = torch.float16 if name == "bert-fp16" else None
    elif name == "distilbert":
        tokenizer = bert_tokenizer(texts, DistilBertTokenizer)
        config = DistilBertConfig(vocab_size=len(tokenizer), dim=SIZE["hidden"], n_layers=SIZE["layers"], n_heads=SIZE["heads"],
                                  hidden_dim=SIZE["inner"], max_position_embeddings=160, initializer_range=INIT_RANGE)
        model = DistilBertModel(config)
    elif name in ("roberta", "roberta-bf16"):
        tokenizer = roberta_tokenizer(texts)
        model = RobertaModel(roberta_config(RobertaConfig, len(tokenizer)))
        dtype = torch.bfloat16 if name == "roberta-bf16" else None
    elif name in ("xlm-roberta", "xlm-roberta-task-checkpoint"):
        tokenizer = xlmr_tokenizer(texts)
        config = roberta_config(XLMRobertaConfig, len(tokenizer))
        model = XLMRobertaForSequenceClassification(config) if name.endswith("task-checkpoint") else XLMRobertaModel(config)
    else:
        raise ValueError(name)
    if dtype is not None:
        model = model.to(dtype)
    folder = os.path.join(out_dir, "sentence-transformers-tiny" if name == "sentence-transformers" else name)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def pooled(model, folder, outputs, attention_mask):
    """hfselect's get_pooled_output."""
    if isinstance(model, BertModel):
        if "sentence-transformers" in folder:
            mask = attention_mask.unsqueeze(-1).expand(outputs[0].size()).float()
            return torch.sum(outputs[0] * mask, 1) / torch.clamp(mask.sum(1), min=1e-9)
        return outputs[1]
    if isinstance(model, (DistilBertModel, RobertaModel, XLMRobertaModel)):
        return outputs[0][:, 0]
    raise NotImplementedError(type(model))


def embed(folder, texts, **load):
    tokenizer = AutoTokenizer.from_pretrained(folder, **load)
    model = AutoModel.from_pretrained(folder, dtype=torch.float32, **load)
    model.eval()
    rows = []
    with torch.no_grad():
        for start in range(0, len(texts), 128):
            inputs = tokenizer(texts[start:start + 128], padding="max_length", truncation=True, max_length=128,
                               return_tensors="pt", return_token_type_ids=False)
            outputs = model(**inputs)
            rows.extend(pooled(model, folder, outputs, inputs["attention_mask"]).float().tolist())
    return rows


def main():
    request = json.load(sys.stdin)
    texts = request["texts"]
    models = []
    for name in request.get("names", NAMES):
        folder = build(name, texts, request["out_dir"])
        models.append({"name": name, "dir": folder, "embeddings": embed(folder, texts)})
    json.dump({"models": models}, sys.stdout)


if __name__ == "__main__":
    main()
