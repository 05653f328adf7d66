"""NDCG and regret@k as the paper's evaluation computes them (Schulte et al., `utils/eval_utils.py`; written from its
definitions, not copied), on pandas tables laid out as the paper's: rows are sources plus the target itself,
the column is the target. `true` holds measured performances, `preds` the method's scores.

stdin: {"tables": [{"target": "t", "true": {"t": 0.8, "s1": 0.85, ...}, "preds": {"s1": 1.2, ...}, "ks": [1, 3]}]}
stdout: {"results": [{"ndcg": ..., "regret": {"1": ..., "3": ...}}, ...]}
"""
import json
import sys

import numpy as np
import pandas as pd


def ranking(column):
    # Highest first; missing values last.
    return column.sort_values(na_position="first").index[::-1]


def dcg(order, performance):
    return sum((2 ** (performance.loc[s] * 100) - 1) / np.log2(i + 1) for i, s in enumerate(order, start=1))


def evaluate(table):
    target = table["target"]
    true = pd.DataFrame({target: pd.Series(table["true"], dtype=float)})
    preds = pd.DataFrame({target: pd.Series({**table["preds"], target: np.nan}, dtype=float)})
    pred_order = ranking(preds[target]).drop(target)
    true_order = ranking(true[target]).drop(target)
    ndcg = dcg(pred_order, true[target]) / dcg(true_order, true[target]) * 100
    regret = {}
    for k in table["ks"]:
        best = true[target].max()
        top = preds[target].drop(target).sort_values(ascending=False)[:k].index
        regret[str(k)] = (best - true.loc[top, target].max()) / best * 100
    return {"ndcg": float(ndcg), "regret": {k: float(v) for k, v in regret.items()}}


def main():
    tables = json.load(sys.stdin)["tables"]
    json.dump({"results": [evaluate(t) for t in tables]}, sys.stdout)


if __name__ == "__main__":
    main()
