"""The reference ESM-LogME score: the ESM forward pass in float32 with torch (as hfselect runs an ESM), then LogME
in numpy float64 following thuml/hfselect's fixed-point algorithm as docs/method.md §2 describes it (written from
that description, not copied): N > D through the SVD of the Gram FᵀF with rank truncation s > 1e-10 and
U = F V / s; N ≤ D through the thin SVD of F; 50 iterations, tolerance 1e-3, α = β = 1 per target column.

Used by tests and benchmarks, never by the hub. As a script it reads a JSON manifest on stdin:
  {"cases": [{"x": "x.npy", "y": "y.npy", "regression": false, "esms": [{"w": "w.npy", "b": "b.npy"} | null]}]}
(`null` = LogME on the raw features) and prints {"scores": [[{"torch": s, "rounded": s, "exact": s}, ...], ...]}:
the score of each ESM output three ways. `torch`: F as hfselect computes it (torch float32 linear); `rounded`:
the exact F rounded once to float32 (what an ideal float32 GEMM gives; as valid a float32 output as torch's);
`exact`: F in float64 from the same float32 inputs. Where `torch` and `rounded` differ, the reference's score
depends on its BLAS's float32 accumulation order at that level.
"""
import json
import math
import sys

import numpy as np


def fixed_point(sigma, x2, res_x2, n, d):
    alpha, beta = 1.0, 1.0
    for _ in range(50):
        t = alpha / beta
        gamma = (sigma / (sigma + t)).sum()
        m2 = (sigma * x2 / ((t + sigma) ** 2)).sum()
        res2 = (x2 / ((1 + sigma / t) ** 2)).sum() + res_x2
        alpha = gamma / (m2 + 1e-5)
        beta = (n - gamma) / (res2 + 1e-5)
        if abs(alpha / beta - t) / t <= 1e-3:
            break
    evidence = d / 2 * math.log(alpha) + n / 2 * math.log(beta) - 0.5 * np.log(alpha + beta * sigma).sum() \
        - beta / 2 * res2 - alpha / 2 * m2 - n / 2 * math.log(2 * math.pi)
    return evidence / n


def targets(y, regression):
    """Target columns: regression outputs as given (n×T), classes one-hot over 0..max."""
    if regression:
        y = np.asarray(y, dtype=np.float64)
        return y.reshape(len(y), -1)
    y = np.asarray(y).astype(np.int64).reshape(-1)
    return (y[:, None] == np.arange(int(y.max()) + 1)[None, :]).astype(np.float64)


def logme(features, y, regression=False):
    f = np.asarray(features).astype(np.float64)
    n, d = f.shape
    if n > d:
        _, s, vh = np.linalg.svd(f.T @ f)
        s = np.sqrt(s)
        k = int((s > 1e-10).sum())
        s, vh = s[:k], vh[:k]
        u = (f @ vh.T) / s.reshape(1, -1)
    else:
        u, s, _ = np.linalg.svd(f, full_matrices=False)
    sigma = s ** 2
    ys = targets(y, regression)
    scores = []
    for c in range(ys.shape[1]):
        yc = ys[:, c]
        x2 = (u.T @ yc) ** 2
        scores.append(fixed_point(sigma, x2, yc @ yc - x2.sum(), n, d))
    return float(np.mean(scores))


def esm_forward(x, w, b):
    """F = x Wᵀ + b in float32, as torch.nn.Linear computes an ESM's output."""
    import torch

    with torch.no_grad():
        return torch.nn.functional.linear(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b)).numpy()


def main():
    manifest = json.load(sys.stdin)
    out = []
    for case in manifest["cases"]:
        x = np.load(case["x"]).astype(np.float32)
        y = np.load(case["y"])
        regression = case.get("regression", False)
        row = []
        for esm in case["esms"]:
            if esm is None:
                s = logme(x, y, regression)
                row.append({"torch": s, "rounded": s, "exact": s})
                continue
            w, b = np.load(esm["w"]).astype(np.float32), np.load(esm["b"]).astype(np.float32)
            exact = x.astype(np.float64) @ w.T.astype(np.float64) + b.astype(np.float64)
            row.append({
                "torch": logme(esm_forward(x, w, b), y, regression),
                "rounded": logme(exact.astype(np.float32), y, regression),
                "exact": logme(exact, y, regression),
            })
        out.append(row)
    json.dump({"scores": out}, sys.stdout)


if __name__ == "__main__":
    main()
