"""numpy side of `npm run bench:rank`: a timing server fed JSON lines on stdin, so numpy and Node run interleaved.

Two ways to compute one ESM-LogME score in numpy:
  thuml: F = X Wᵀ + b, then the reference LogME (scripts/reference/logme_reference.py): svd of the Gram FᵀF,
         U = F V / s (n > d), or the thin svd of F (n ≤ d).
  eigh:  the same maths through eigh of the Gram (or of FFᵀ when n ≤ d) and projections Vᵀ(Fᵀy).
Requests: {"op": "load", "dir": ...} reads x.npy, y.npy, w.npy, b.npy; {"op": "thuml"|"eigh", "reps": r}.
Replies: {"wall": [ms, ...], "score": s}.
"""
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "reference"))
from logme_reference import fixed_point, logme, targets  # noqa: E402


def esm_thuml(x, w, b, y):
    return logme((x @ w.T + b), y)


def esm_eigh(x, w, b, y):
    f = (x @ w.T + b).astype(np.float64)
    n, d = f.shape
    ys = targets(y, False)
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
