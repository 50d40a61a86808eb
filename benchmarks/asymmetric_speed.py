"""Benchmarks of the main paper's simulated experiment (issue 2, "Performance").

1. Batched ensemble of the 20 E1 runs (4 configurations x 5 seeds, m = 2000) vs the same runs one after
   another, over the same number of GD steps (with logging every 1000 steps as in the experiment).
2. Closed-form NTG vs per-example autograd Jacobian Gram on 100 points, m = 2000.

Usage: python benchmarks/asymmetric_speed.py [--steps 500] [--threads 2] [--out benchmarks/results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import time

os.environ.setdefault("LAZYRICH_NO_PROGRESS", "1")

import torch  # noqa: E402

from lazyrich.asymmetric.ensemble import GDSettings, train_gd  # noqa: E402
from lazyrich.asymmetric.model import ntg, ntg_autograd  # noqa: E402
from lazyrich.asymmetric.runs import build_run_grid  # noqa: E402
from lazyrich.asymmetric.simulated_data import make_dataset  # noqa: E402

CONFIGS = [{"id": "g1", "gamma": 1.0}, {"id": "a07g05", "alpha": 0.7, "gamma": 0.5},
           {"id": "a05g02", "alpha": 0.5, "gamma": 0.2}, {"id": "a04g0", "alpha": 0.4, "gamma": 0.0}]


def bench_ensemble(steps: int, chunk_runs: int = 0) -> dict:
    data = make_dataset(0, 50, 100, 100, 0.1)
    X, Y, Xt, Yt = (torch.as_tensor(data[k], dtype=torch.float32) for k in ("x_train", "y_train", "x_test", "y_test"))
    grid = build_run_grid(CONFIGS, [0, 1, 2, 3, 4], 2000, 50, 1)
    gd = GDSettings(lr=1.0, steps=steps, log_every=min(1000, steps), chunk_runs=chunk_runs)
    kw = dict(X_test=Xt, Y_test=Yt, X_ntg=X)
    t0 = time.perf_counter()
    train_gd(X, Y, grid.W0, grid.a, grid.lam, gd, **kw)
    batched = time.perf_counter() - t0
    t0 = time.perf_counter()
    for r in range(grid.size):
        train_gd(X, Y, grid.W0[r:r + 1], grid.a[r:r + 1], grid.lam[r:r + 1], gd, **kw)
    separate = time.perf_counter() - t0
    return {"runs": grid.size, "steps": steps, "chunk_runs": chunk_runs or "auto", "batched_s": batched, "separate_s": separate,
            "speedup": separate / batched, "batched_ms_per_step": 1e3 * batched / steps}


def bench_ntg() -> dict:
    m, d, n = 2000, 50, 100
    x = torch.randn(n, d, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    W = torch.randn(m, d, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    a = torch.ones(1, m, dtype=torch.float64)
    lam = torch.full((m,), 1.0 / m, dtype=torch.float64)
    t0 = time.perf_counter()
    closed = ntg(x, W[None], lam[None])[0]
    closed_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ref = ntg_autograd(x, W, a, lam)
    autograd_s = time.perf_counter() - t0
    return {"n": n, "m": m, "closed_form_s": closed_s, "autograd_s": autograd_s, "speedup": autograd_s / closed_s,
            "max_abs_diff": float((closed - ref).abs().max())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    result = {"threads": args.threads, "ensemble_auto_chunks": bench_ensemble(args.steps),
              "ensemble_one_block": bench_ensemble(args.steps, chunk_runs=20), "ntg": bench_ntg()}
    print(json.dumps(result, indent=2))
    if args.out:
        with open(args.out, "w") as fh:
            json.dump(result, fh, indent=2)


if __name__ == "__main__":
    main()
