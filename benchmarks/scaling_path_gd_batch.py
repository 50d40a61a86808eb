"""Batched GD over the beta grid vs one run per beta (same fixed number of steps, float64, CPU).

python benchmarks/scaling_path_gd_batch.py [--n 100] [--steps 300] [--betas 6]
Prints wall-clock seconds of both and their ratio, and checks that both give the same neurons.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import torch

os.environ.setdefault("LAZYRICH_NO_PROGRESS", "1")

from lazyrich.scaling_path.data import training_data  # noqa: E402
from lazyrich.scaling_path.gd import GDSettings, train_gd  # noqa: E402
from lazyrich.scaling_path.grids import support_p  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100, help="lattice size N (width m = 2N)")
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--betas", type=int, default=6)
    args = parser.parse_args()
    torch.set_num_threads(1)
    X, y = training_data()
    p = support_p(args.n)
    betas = np.geomspace(0.1, 100, args.betas)
    settings = GDSettings(loss_tol=1e-300, max_iter=args.steps)
    t = time.perf_counter()
    batched = train_gd(p, betas, X, y, settings, show_progress=False)
    t_batched = time.perf_counter() - t
    t = time.perf_counter()
    loop = [train_gd(p, [b], X, y, settings, show_progress=False).theta[0] for b in betas]
    t_loop = time.perf_counter() - t
    np.testing.assert_allclose(batched.theta, np.stack(loop), rtol=1e-10, atol=1e-12)
    print(f"N={args.n} (m={2 * args.n}), {args.betas} betas, {args.steps} steps: batched {t_batched:.2f} s, "
          f"loop {t_loop:.2f} s, speed-up {t_loop / t_batched:.2f}x; per step batched {1e3 * t_batched / args.steps:.2f} ms")


if __name__ == "__main__":
    main()
