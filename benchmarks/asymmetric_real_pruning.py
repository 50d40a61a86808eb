"""Benchmark: all 20 pruning levels from one pass over the hidden activations vs re-running the network
per level (the authors' approach). Usage: python benchmarks/asymmetric_real_pruning.py [--n 2500 --m 500 --runs 12]"""

import argparse
import time

import numpy as np
import torch

from lazyrich.asymmetric.real.pruning import prune_reference, prune_runs
from lazyrich.asymmetric.runs import build_run_grid

ap = argparse.ArgumentParser()
ap.add_argument("--n", type=int, default=2500)
ap.add_argument("--d", type=int, default=784)
ap.add_argument("--m", type=int, default=500)
ap.add_argument("--seeds", type=int, default=3)
args = ap.parse_args()
torch.set_num_threads(2)
cfgs = [{"id": "g1", "gamma": 1.0}, {"id": "a07g05", "alpha": 0.7, "gamma": 0.5},
        {"id": "a05g02", "alpha": 0.5, "gamma": 0.2}, {"id": "a04g0", "alpha": 0.4, "gamma": 0.0}]
rng = np.random.default_rng(0)
X, Y = rng.random((args.n, args.d)), np.eye(10)[rng.integers(0, 10, args.n)]
g = build_run_grid(cfgs, list(range(args.seeds)), args.m, args.d, 10, "float64")
W, a, lam = g.W0.numpy(), g.a.numpy(), g.lam.numpy()
t = time.perf_counter()
res = prune_runs({"test": (X, Y)}, W, a, lam, g.seeds)
t_batched = time.perf_counter() - t
t = time.perf_counter()
ref = prune_reference(X, Y, W[0], a[0], lam[0], res["orders"][0], res["levels"])
t_ref = (time.perf_counter() - t) * g.size
assert np.allclose(ref["risk"], res["test_risk"][0])
print(f"{g.size} runs, n={args.n}, d={args.d}, m={args.m}: one pass {t_batched:.2f} s; "
      f"per-level re-evaluation {t_ref:.2f} s (extrapolated from run 0); speed-up {t_ref / t_batched:.1f}x")
