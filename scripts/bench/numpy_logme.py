"""numpy side of `npm run bench:rank`: a timing server fed JSON lines on stdin, so numpy and Node run interleaved.

Two ways to compute one ESM-LogME score in numpy (our own code, following method.md §2.1):
  thuml: F = X Wᵀ + b, then LogME as thuml/hfselect do it: svd of the Gram FᵀF, U = F V / s (n > d),
         or the thin svd of F (n ≤ d).
  eigh:  the same maths through eigh of the Gram (or of FFᵀ when n ≤ d) and projections Vᵀ(Fᵀy).
Requests: {"op": "load", "dir": ...} reads x.npy, y.npy, w.npy, b.npy; {"op": "thuml"|"eigh", "reps": r}.
Replies: {"wall": [ms, ...], "score": s}.
"""
import json
import math
import sys
import time

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
    ev = d / 2 * math.log(alpha) + n / 2 * math.log(beta) - 0.5 * np.log(alpha + beta * sigma).sum() \
        - beta / 2 * res2 - alpha / 2 * m2 - n / 2 * math.log(2 * math.pi)
    return ev / n


def one_hot(y):
    return (y[:, None] == np.arange(int(y.max()) + 1)[None, :]).astype(np.float64)


def esm_thuml(x, w, b, y):
    f = (x @ w.T + b).astype(np.float64)
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
    ys = one_hot(y)
    out = []
    for c in range(ys.shape[1]):
        yc = ys[:, c]
        x2 = (u.T @ yc) ** 2
        out.append(fixed_point(sigma, x2, yc @ yc - x2.sum(), n, d))
    return float(np.mean(out))


def esm_eigh(x, w, b, y):
    f = (x @ w.T + b).astype(np.float64)
    n, d = f.shape
    ys = one_hot(y)
    if n > d:
        lam, v = np.linalg.eigh(f.T @ f)
        keep = np.sqrt(np.abs(lam)) > 1e-10
        sigma = np.abs(lam[keep])
        p2 = ((v.T @ (f.T @ ys))[keep] ** 2) / sigma[:, None]
    else:
        lam, v = np.linalg.eigh(f @ f.T)
        sigma = np.abs(lam)
        p2 = (v.T @ ys) ** 2
    out = [fixed_point(sigma, p2[:, c], ys[:, c] @ ys[:, c] - p2[:, c].sum(), n, d) for c in range(ys.shape[1])]
    return float(np.mean(out))


def main():
    data = {}
    for line in sys.stdin:
        req = json.loads(line)
        if req["op"] == "load":
            data = {k: np.load(f"{req['dir']}/{k}.npy") for k in ("x", "y", "w", "b")}
            print(json.dumps({"ok": True}), flush=True)
            continue
        fn = esm_thuml if req["op"] == "thuml" else esm_eigh
        args = (data["x"], data["w"], data["b"], data["y"])
        walls = []
        score = None
        for _ in range(req["reps"]):
            t0 = time.perf_counter()
            score = fn(*args)
            walls.append((time.perf_counter() - t0) * 1e3)
        print(json.dumps({"wall": walls, "score": score}), flush=True)


if __name__ == "__main__":
    main()
