"""Benchmark: one batched GD computation of a (λ × seed) sweep vs a loop of separate runs.

    PYTHONPATH=src python benchmarks/orthogonal_batched_sweep.py [--steps 5000]

Workloads: the E1-S sweep (5 λ × 3 seeds, m = 60, n = 2, D = 2) and the X1 sweep (4 λ × 3 seeds, m = 500,
n = 8, D = 20), both float64, single-threaded BLAS. Prints seconds per GD step and the speed-up; the
results are checked to agree (max relative difference of the final weights).
"""
from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("LAZYRICH_NO_PROGRESS", "1")

import numpy as np  # noqa: E402

from lazyrich.orthogonal import data  # noqa: E402
from lazyrich.orthogonal.model import init_balanced  # noqa: E402
from lazyrich.orthogonal.trainer import train_gd  # noqa: E402


def workload(name):
    if name == "E1-S":
        _, xt, y = data.one_d("e1")
        lams, seeds, m, d = [1e-4, 1e-6, 1e-8, 1e-10, 1e-12], [0, 1, 2], 60, 1
    else:
        xt, y = data.x1_data()
        lams, seeds, m, d = [1e-3, 1e-6, 1e-12, 1e-24], [0, 1, 2], 500, xt.shape[1]
    L, S = np.meshgrid(lams, seeds, indexing="ij")
    W0, a0, _ = init_balanced(S.ravel(), L.ravel(), m, d, xt.shape[1])
    return xt, y, W0, a0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=5000)
    args = parser.parse_args(argv)
    for name in ("E1-S", "X1"):
        xt, y, W0, a0 = workload(name)
        t0 = time.perf_counter()
        batch = train_gd(xt, y, W0, a0, 1e-3, args.steps)
        t_batch = time.perf_counter() - t0
        t0 = time.perf_counter()
        finals = [train_gd(xt, y, W0[r:r + 1], a0[r:r + 1], 1e-3, args.steps)["W_final"][0] for r in range(len(W0))]
        t_loop = time.perf_counter() - t0
        diff = max(float(np.abs(f - batch["W_final"][r]).max() / np.abs(f).max()) for r, f in enumerate(finals))
        print(f"{name}: {len(W0)} runs x {args.steps} steps: batched {t_batch:.2f} s "
              f"({t_batch / args.steps * 1e6:.0f} us/step), loop {t_loop:.2f} s, speed-up {t_loop / t_batch:.1f}x, "
              f"max rel. difference {diff:.1e}")


if __name__ == "__main__":
    main()
