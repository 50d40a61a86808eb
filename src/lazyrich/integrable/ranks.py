"""IP-E2 / IP-E5: numerical ranks after one SGD step (spec §1.9, IP-D13, IP-D20).

rank(M) = #{singular values > sigma_max(M) * min(n, m) * 2^-23}: the default threshold of the deprecated
``torch.matrix_rank`` the authors used, passed explicitly. Singular values in float64; for tall matrices
the singular values of the R factor of a QR decomposition (same values, cheaper).
"""

from __future__ import annotations

import numpy as np
import torch

from lazyrich.integrable.calibration import calibrate
from lazyrich.integrable.datasets import calibration_permutation
from lazyrich.integrable.network import IPEnsemble, RunSpec

EPS32 = 2.0 ** -23


@torch.no_grad()
def numerical_rank(M: torch.Tensor) -> torch.Tensor:
    """Numerical rank of each matrix of M [..., n, m] with threshold sigma_max * min(n, m) * 2^-23."""
    M = M.double()
    n, m = M.shape[-2], M.shape[-1]
    if n > m:
        M = torch.linalg.qr(M, mode="r")[1]
    elif m > n:
        M = torch.linalg.qr(M.transpose(-1, -2), mode="r")[1]
    s = torch.linalg.svdvals(M)
    tol = s.amax(dim=-1, keepdim=True) * min(n, m) * EPS32
    return (s > tol).sum(dim=-1)


def one_step_ranks(x_train, y_train, *, activation: str, L: int, m: int, n_trials: int, n_inputs: int,
                   batch_size: int, eta: float, seed: int, calibration: dict, dtype=torch.float32) -> dict:
    """IP-LLR (calibrated) and muP, one SGD step on calibration batch A, ranks of h^l, x^l on S."""
    perm = torch.from_numpy(calibration_permutation(seed, "mnist", activation, x_train.shape[0]))
    ia, ib, iS = perm[:batch_size], perm[batch_size:2 * batch_size], perm[:n_inputs]
    specs = [RunSpec(mod, activation, t) for mod in ("ipllr", "mup") for t in range(n_trials)]
    net = IPEnsemble(specs, L, m, x_train.shape[1], seed=seed, dataset="mnist", eta=eta, dtype=dtype)
    cal = calibrate(net, x_train[ia], y_train[ia], x_train[ib], **calibration)
    _, _, _, gW, gB = net.loss_and_grads(x_train[ia], y_train[ia])
    lw, lb = net.rates(0)
    dW = [-lw[:, l].to(dtype)[:, None, None] * gW[l] for l in range(L + 1)]
    net.apply_update(gW, gB, lw, lb)
    net.t = 1
    with torch.no_grad():
        _, hs, xs = net.forward(x_train[iS], keep_hidden=True)
    rank_h = np.stack([numerical_rank(h).numpy() for h in hs], axis=1)  # [R, L]
    rank_x = np.stack([numerical_rank(x).numpy() for x in xs], axis=1)
    rank_dW = np.stack([numerical_rank(w).numpy() for w in dW], axis=1)  # [R, L+1]
    return {"model": np.array([s.model for s in specs]), "trial": np.array([s.trial for s in specs]),
            "rank_h": rank_h, "rank_x": rank_x, "rank_dW": rank_dW, "k": cal["k"].numpy()}
