"""The reference target sample: hfselect's Dataset.from_hugging_face order with the real `datasets` library —
classification drops label −1, then shuffle(seed).select(range(min(len, n))) when n is given, then string labels
become class ids by sorted unique value (class_encode_column).

stdin: {"cases": [{"rows": [{"text": ..., "label": ...}], "regression": false, "num_examples": 100 | null, "seed": 42}]}
stdout: {"results": [{"texts": [...], "labels": [...], "names": [...] | null}]}
"""
import json
import os

import sys

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
from datasets import Dataset, disable_progress_bars  # noqa: E402

disable_progress_bars()


def sample(case):
    ds = Dataset.from_list(case["rows"])
    if not case["regression"] and ds.features["label"].dtype.startswith("int"):
        ds = ds.filter(lambda r: r["label"] != -1)
    if case["num_examples"]:
        ds = ds.shuffle(seed=case["seed"]).select(range(min(len(ds), case["num_examples"])))
    names = None
    if not case["regression"] and ds.features["label"].dtype == "string":
        ds = ds.class_encode_column("label")
        names = ds.features["label"].names
    return {"texts": list(ds["text"]), "labels": list(ds["label"]), "names": names}


def main():
    cases = json.load(sys.stdin)["cases"]
    json.dump({"results": [sample(c) for c in cases]}, sys.stdout)


if __name__ == "__main__":
    main()
