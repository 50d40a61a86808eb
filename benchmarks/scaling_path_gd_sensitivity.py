"""How the rich-GD cells of Table 2 respond to GD's stopping point, GD's step rule and the evaluation dtype.

python benchmarks/scaling_path_gd_sensitivity.py [--n 600] [--betas 3.3 6.6 10] [--alphas 0.1 3.3 10 16]

SP-C5 fails at alpha = 10 because V_GD(10, beta) for rich GD (beta <= 10) is 14-37 % below the paper's Table 2
(docs/scaling_path.md). This script checks three candidate causes on the same GD measures:
- the stopping point: GD stopped at loss tolerances 1e-2 ... 1e-10 (SP-D7 uses 1e-10);
- the step rule: SP-D7's eta = min(kernel_factor / lambda_max, rel_step / max relative gradient) with other
  (kernel_factor, rel_step) pairs, i.e. other discretisations of the same gradient flow;
- the evaluation dtype: GeomLoss's SamplesLoss in float32 (PyTorch's default) instead of float64.
Each row prints the final GD mass and V_GD(alpha, beta) = (1 + alpha^2) S(nu*_beta, alpha^2 mu0_hat) for the
chosen alphas. Deterministic: no random draws.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import torch

os.environ.setdefault("LAZYRICH_NO_PROGRESS", "1")

from lazyrich.scaling_path.data import training_data  # noqa: E402
from lazyrich.scaling_path.divergence import SinkhornDivergence, SinkhornSettings, samples_loss  # noqa: E402
from lazyrich.scaling_path.features import network_to_measure  # noqa: E402
from lazyrich.scaling_path.gd import GDSettings, train_gd  # noqa: E402
from lazyrich.scaling_path.grids import initial_weights, support_p  # noqa: E402

# (label, GD settings): SP-D7 first, then looser stopping points, then other step rules
VARIANTS = [
    ("SP-D7 (tol 1e-10, kf 0.45, rs 0.01)", GDSettings()),
    ("tol 1e-2", GDSettings(loss_tol=1e-2)),
    ("tol 1e-4", GDSettings(loss_tol=1e-4)),
    ("tol 1e-6", GDSettings(loss_tol=1e-6)),
    ("kf 0.45, rs 0.1", GDSettings(rel_step=0.1)),
    ("kf 0.45, rs 0.001", GDSettings(rel_step=0.001)),
    ("kf 0.9, rs 0.03", GDSettings(kernel_factor=0.9, rel_step=0.03)),
]


def cross_values(theta: np.ndarray, P: np.ndarray, mu0: np.ndarray, alphas: np.ndarray, dtype=None) -> np.ndarray:
    """V_GD(alpha, .) of one GD measure; float64 through the package's route, another dtype through SamplesLoss."""
    atoms, weights = network_to_measure(theta)
    refs = np.stack([a * a * mu0 for a in alphas])
    if dtype is None:
        s = SinkhornDivergence(atoms, P, SinkhornSettings()).value(weights, refs).numpy()
    else:
        loss = samples_loss(SinkhornSettings())
        s = np.array([float(loss(torch.tensor(weights, dtype=dtype), torch.tensor(atoms, dtype=dtype),
                                 torch.tensor(r, dtype=dtype), torch.tensor(P, dtype=dtype))) for r in refs])
    return (1.0 + alphas ** 2) * s


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=600, help="lattice size N (P has 2N atoms, GD width 2N)")
    parser.add_argument("--betas", type=float, nargs="+", default=[3.3, 6.6, 10.0])
    parser.add_argument("--alphas", type=float, nargs="+", default=[0.1, 3.3, 10.0, 16.0])
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    X, y = training_data()
    P = support_p(args.n)
    mu0 = initial_weights(len(P))
    alphas = np.asarray(args.alphas, dtype=np.float64)
    head = "  ".join(f"V({a:g},{b:g})" for b in args.betas for a in alphas)
    print(f"N = {args.n}; masses M(beta) for beta = {args.betas}; {head}")
    for label, settings in VARIANTS:
        t0 = time.perf_counter()
        res = train_gd(P, args.betas, X, y, settings, show_progress=False)
        values = [cross_values(res.theta[i], P, mu0, alphas) for i in range(len(args.betas))]
        rows = [(label, values)]
        if label.startswith("SP-D7"):
            rows.append(("  same measures, S in float32",
                         [cross_values(res.theta[i], P, mu0, alphas, torch.float32) for i in range(len(args.betas))]))
        for name, vals in rows:
            print(f"{name:38s} M {' '.join(f'{m:.2f}' for m in res.mass)} | iterations "
                  f"{' '.join(str(int(i)) for i in res.iterations)} | "
                  + "  ".join(f"{v:.1f}" for row in vals for v in row)
                  + f"  ({time.perf_counter() - t0:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
