"""VP value reached by the forward-backward solver for several projection floors (docs/scaling_path.md, "Finding").

python benchmarks/scaling_path_vp_floor.py [--n 600] [--alpha 10] [--iters 80] [--floors 0 1e-15 1e-12 1e-9]
For each floor: a cold start at one alpha (from proj(mu_LP + alpha^2 mu0_hat), as the first alpha of a path),
the best V = (1 + alpha^2) S reached within the iteration cap, the stop reason, the number of exactly-zero atoms
and the wall time. Deterministic: no random draws.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import torch

os.environ.setdefault("LAZYRICH_NO_PROGRESS", "1")

from lazyrich.scaling_path.data import training_data  # noqa: E402
from lazyrich.scaling_path.divergence import SinkhornDivergence, SinkhornSettings  # noqa: E402
from lazyrich.scaling_path.endpoints import lp_endpoint  # noqa: E402
from lazyrich.scaling_path.features import feature_matrix  # noqa: E402
from lazyrich.scaling_path.grids import initial_weights, support_p  # noqa: E402
from lazyrich.scaling_path.vp import VPSettings, solve_path  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=600, help="lattice size N (P has 2N atoms)")
    parser.add_argument("--alpha", type=float, default=10.0)
    parser.add_argument("--iters", type=int, default=80, help="forward-backward iteration cap")
    parser.add_argument("--floors", type=float, nargs="+", default=[0.0, 1e-15, 1e-12, 1e-9])
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    X, y = training_data()
    P = support_p(args.n)
    A = feature_matrix(P, X)
    mu0, lp = initial_weights(len(P)), lp_endpoint(A, y).weights
    divergence = SinkhornDivergence(P, P, SinkhornSettings())
    print(f"N = {args.n}, alpha = {args.alpha:g}, cap {args.iters} iterations")
    for floor in args.floors:
        t0 = time.perf_counter()
        row = solve_path(divergence, A, y, mu0, lp, [args.alpha], VPSettings(max_iter=args.iters, floor=floor))[0]
        print(f"floor {floor:g}: V = {row['V']:.1f} (best iterate {row['best_iteration']} of {row['iterations']}, "
              f"{row['reason']}), exact zeros {int((row['mu'] == 0).sum())}, {time.perf_counter() - t0:.0f} s",
              flush=True)


if __name__ == "__main__":
    main()
