"""Benchmark: seconds per batched GD step of the shared trainer at the default-profile sizes of E2/E3, to
size the default profile. Usage: python benchmarks/asymmetric_real_gd_step.py [--steps 50]"""

import argparse
import time

import torch

from lazyrich.asymmetric.ensemble import GDSettings, train_gd
from lazyrich.asymmetric.runs import build_run_grid

ap = argparse.ArgumentParser()
ap.add_argument("--steps", type=int, default=50)
ap.add_argument("--threads", type=int, default=2)
args = ap.parse_args()
torch.set_num_threads(args.threads)
cfgs = [{"id": "g1", "gamma": 1.0}, {"id": "a07g05", "alpha": 0.7, "gamma": 0.5},
        {"id": "a05g02", "alpha": 0.5, "gamma": 0.2}, {"id": "a04g0", "alpha": 0.4, "gamma": 0.0}]
for name, n, d, K, m in [("airfoil", 601, 5, 1, 500), ("concrete", 412, 8, 1, 500), ("energy", 307, 8, 1, 500),
                         ("plant(1000 rows)", 1000, 4, 1, 500), ("mnist(1000)", 1000, 784, 10, 500)]:
    X, Y = torch.randn(n, d), torch.randn(n, K)
    g = build_run_grid(cfgs, [0, 1, 2], m, d, K)
    t = time.perf_counter()
    train_gd(X, Y, g.W0, g.a, g.lam, GDSettings(1.0, args.steps, args.steps))
    dt = (time.perf_counter() - t) / args.steps
    print(f"{name:18s} n={n:5d} d={d:3d} m={m} R={g.size}: {1000 * dt:7.1f} ms/step")
